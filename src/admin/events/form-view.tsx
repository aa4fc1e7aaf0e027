// The event and offer forms as HTML: partner, titles in three languages, when, cost, capacity or
// value, and the community and family marks; each error beside its field.
import type { Child } from "hono/jsx";
import { LOCALES, type Locale } from "../../core/types.ts";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { href, type View } from "../shell/view.ts";
import type { EventFormValues, FormErrors, OfferFormValues } from "./form.ts";

type Partners = Array<{ id: string; name: string }>;

/** What the event and the offer form are given. */
export type FormProps<V> = {
  view: View;
  values: V;
  errors: FormErrors;
  partners: Partners;
  /** null for a new one. */
  id: string | null;
};

export const Err = ({ view, errors, path }: { view: View; errors: FormErrors; path: string }) =>
  errors[path] ? <p class="field-error">{view.t(errors[path] as string)}</p> : null;

export const invalid = (errors: FormErrors, path: string) => (errors[path] ? "true" : undefined);

export const PartnerField = ({
  view,
  partners,
  value,
  errors,
}: {
  view: View;
  partners: Partners;
  value: string;
  errors: FormErrors;
}) => (
  <>
    <label for="partner">{view.t("events:form.partner")}</label>
    <select id="partner" name="partner" required aria-invalid={invalid(errors, "partner")}>
      <option value="">{view.t("events:form.choosePartner")}</option>
      {partners.map((p) => (
        <option value={p.id} selected={p.id === value}>
          {p.name}
        </option>
      ))}
    </select>
    <Err view={view} errors={errors} path="partner" />
  </>
);

const TitleFields = ({
  view,
  title,
  errors,
}: {
  view: View;
  title: Record<Locale, string>;
  errors: FormErrors;
}) => (
  <fieldset>
    <legend>{view.t("events:form.titles")}</legend>
    {LOCALES.map((l) => (
      <div>
        <label for={`title-${l}`}>{view.t(`events:form.title.${l}`)}</label>
        <input
          id={`title-${l}`}
          name={`title-${l}`}
          type="text"
          lang={l}
          maxlength={80}
          required={l === "en"}
          value={title[l]}
          aria-invalid={invalid(errors, `title.${l}`)}
        />
        <Err view={view} errors={errors} path={`title.${l}`} />
      </div>
    ))}
    <p class="muted">{view.t("events:form.titlesHint")}</p>
  </fieldset>
);

/** A one-line field with its hint below and its error (under `path`, the field's name unless told). */
export const Field = ({
  view,
  errors,
  name,
  path = name,
  label,
  hint,
  value,
  type = "text",
  inputmode,
  required = false,
}: {
  view: View;
  errors: FormErrors;
  name: string;
  path?: string;
  label: string;
  hint: string;
  value: string;
  type?: "text" | "datetime-local";
  inputmode?: "decimal" | "numeric";
  required?: boolean;
}) => (
  <div>
    <label for={name}>{label}</label>
    <input
      id={name}
      name={name}
      type={type}
      inputmode={inputmode}
      required={required}
      value={value}
      aria-invalid={invalid(errors, path)}
    />
    <p class="muted">{hint}</p>
    <Err view={view} errors={errors} path={path} />
  </div>
);

const Check = ({ name, checked, label }: { name: string; checked: boolean; label: string }) => (
  <label class="check">
    <input type="checkbox" name={name} checked={checked} /> {label}
  </label>
);

const Buttons = ({ view }: { view: View }) => (
  <div class="actions">
    <button type="submit">{view.t("events:form.save")}</button>
    <a href={href("/events")}>{view.t("events:form.cancel")}</a>
  </div>
);

/** The page around either form: the errors' notice, partner, titles, then the form's own fields. */
const FormPage = ({
  view,
  values,
  errors,
  partners,
  heading,
  action,
  children,
}: Omit<FormProps<Pick<EventFormValues, "partner" | "title">>, "id"> & {
  heading: string;
  action: string;
  children: Child;
}) => (
  <Layout view={view} title={heading}>
    <Notice text={Object.keys(errors).length ? view.t(errors.form ?? "errors.form") : null} error />
    <form class="panel" method="post" action={action}>
      <Csrf view={view} />
      <PartnerField view={view} partners={partners} value={values.partner} errors={errors} />
      <TitleFields view={view} title={values.title} errors={errors} />
      {children}
      <Buttons view={view} />
    </form>
  </Layout>
);

export const EventForm = ({ view, values, errors, partners, id }: FormProps<EventFormValues>) => {
  const { t } = view;
  return (
    <FormPage
      view={view}
      values={values}
      errors={errors}
      partners={partners}
      heading={id ? t("events:form.editEvent") : t("events:form.newEvent")}
      action={href(id ? `/events/${id}/edit` : "/events/new")}
    >
      <div class="grid2">
        <Field
          view={view}
          errors={errors}
          name="startsAt"
          label={t("events:form.startsAt")}
          hint={t("events:form.startsAtHint", { timezone: view.timezone })}
          value={values.startsAt}
          type="datetime-local"
          required
        />
        <Field
          view={view}
          errors={errors}
          name="cost"
          label={t("events:form.cost")}
          hint={t("events:form.eventCostHint")}
          value={values.cost}
          inputmode="decimal"
          required
        />
        <Field
          view={view}
          errors={errors}
          name="capacity"
          label={t("events:form.capacity")}
          hint={t("events:form.capacityHint")}
          value={values.capacity}
          inputmode="numeric"
        />
        <Field
          view={view}
          errors={errors}
          name="minPlaces"
          label={t("events:form.minPlaces")}
          hint={t("events:form.minPlacesHint")}
          value={values.minPlaces}
          inputmode="numeric"
        />
        <Field
          view={view}
          errors={errors}
          name="decideBy"
          label={t("events:form.decideBy")}
          hint={t("events:form.decideByHint", { timezone: view.timezone })}
          value={values.decideBy}
          type="datetime-local"
        />
      </div>
      <div>
        <Check name="community" checked={values.community} label={t("events:form.community")} />
        <Check name="family" checked={values.family} label={t("events:form.family")} />
      </div>
    </FormPage>
  );
};

export const OfferForm = ({ view, values, errors, partners, id }: FormProps<OfferFormValues>) => {
  const { t } = view;
  return (
    <FormPage
      view={view}
      values={values}
      errors={errors}
      partners={partners}
      heading={id ? t("events:form.editOffer") : t("events:form.newOffer")}
      action={href(id ? `/events/offer/${id}/edit` : "/events/offer/new")}
    >
      <div class="grid2">
        <Field
          view={view}
          errors={errors}
          name="cost"
          label={t("events:form.cost")}
          hint={t("events:form.offerCostHint")}
          value={values.cost}
          inputmode="decimal"
          required
        />
        <Field
          view={view}
          errors={errors}
          name="value"
          path="valueGBP"
          label={t("events:form.value")}
          hint={t("events:form.valueHint")}
          value={values.value}
          inputmode="decimal"
        />
      </div>
      <Check name="community" checked={values.community} label={t("events:form.communityOffer")} />
    </FormPage>
  );
};
