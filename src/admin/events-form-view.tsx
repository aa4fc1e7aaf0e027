// The event and offer forms as HTML: partner, titles in three languages, when, cost, capacity or
// value, and the community and family marks; each error beside its field.
import { LOCALES, type Locale } from "../core/types.ts";
import type { EventFormValues, FormErrors, OfferFormValues } from "./events-form.ts";
import { Csrf, Layout, Notice } from "./layout.tsx";
import { href, type View } from "./view.ts";

type Partners = Array<{ id: string; name: string }>;

const Err = ({ view, errors, path }: { view: View; errors: FormErrors; path: string }) =>
  errors[path] ? <p class="field-error">{view.t(errors[path] as string)}</p> : null;

const invalid = (errors: FormErrors, path: string) => (errors[path] ? "true" : undefined);

const PartnerField = ({
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

export const EventForm = ({
  view,
  values,
  errors,
  partners,
  id,
}: {
  view: View;
  values: EventFormValues;
  errors: FormErrors;
  partners: Partners;
  /** null for a new event. */
  id: string | null;
}) => {
  const { t } = view;
  return (
    <Layout view={view} title={id ? t("events:form.editEvent") : t("events:form.newEvent")}>
      <Notice text={Object.keys(errors).length ? t(errors.form ?? "errors.form") : null} error />
      <form class="panel" method="post" action={href(id ? `/events/${id}/edit` : "/events/new")}>
        <Csrf view={view} />
        <PartnerField view={view} partners={partners} value={values.partner} errors={errors} />
        <TitleFields view={view} title={values.title} errors={errors} />
        <div class="grid2">
          <div>
            <label for="startsAt">{t("events:form.startsAt")}</label>
            <input
              id="startsAt"
              name="startsAt"
              type="datetime-local"
              required
              value={values.startsAt}
              aria-invalid={invalid(errors, "startsAt")}
            />
            <p class="muted">{t("events:form.startsAtHint", { timezone: view.timezone })}</p>
            <Err view={view} errors={errors} path="startsAt" />
          </div>
          <div>
            <label for="cost">{t("events:form.cost")}</label>
            <input
              id="cost"
              name="cost"
              type="text"
              inputmode="decimal"
              required
              value={values.cost}
              aria-invalid={invalid(errors, "cost")}
            />
            <p class="muted">{t("events:form.eventCostHint")}</p>
            <Err view={view} errors={errors} path="cost" />
          </div>
          <div>
            <label for="capacity">{t("events:form.capacity")}</label>
            <input
              id="capacity"
              name="capacity"
              type="text"
              inputmode="numeric"
              value={values.capacity}
              aria-invalid={invalid(errors, "capacity")}
            />
            <p class="muted">{t("events:form.capacityHint")}</p>
            <Err view={view} errors={errors} path="capacity" />
          </div>
        </div>
        <div>
          <Check name="community" checked={values.community} label={t("events:form.community")} />
          <Check name="family" checked={values.family} label={t("events:form.family")} />
        </div>
        <Buttons view={view} />
      </form>
    </Layout>
  );
};

export const OfferForm = ({
  view,
  values,
  errors,
  partners,
  id,
}: {
  view: View;
  values: OfferFormValues;
  errors: FormErrors;
  partners: Partners;
  id: string | null;
}) => {
  const { t } = view;
  return (
    <Layout view={view} title={id ? t("events:form.editOffer") : t("events:form.newOffer")}>
      <Notice text={Object.keys(errors).length ? t(errors.form ?? "errors.form") : null} error />
      <form class="panel" method="post" action={href(id ? `/events/offer/${id}/edit` : "/events/offer/new")}>
        <Csrf view={view} />
        <PartnerField view={view} partners={partners} value={values.partner} errors={errors} />
        <TitleFields view={view} title={values.title} errors={errors} />
        <div class="grid2">
          <div>
            <label for="cost">{t("events:form.cost")}</label>
            <input
              id="cost"
              name="cost"
              type="text"
              inputmode="decimal"
              required
              value={values.cost}
              aria-invalid={invalid(errors, "cost")}
            />
            <p class="muted">{t("events:form.offerCostHint")}</p>
            <Err view={view} errors={errors} path="cost" />
          </div>
          <div>
            <label for="value">{t("events:form.value")}</label>
            <input
              id="value"
              name="value"
              type="text"
              inputmode="decimal"
              value={values.value}
              aria-invalid={invalid(errors, "valueGBP")}
            />
            <p class="muted">{t("events:form.valueHint")}</p>
            <Err view={view} errors={errors} path="valueGBP" />
          </div>
        </div>
        <Check name="community" checked={values.community} label={t("events:form.communityOffer")} />
        <Buttons view={view} />
      </form>
    </Layout>
  );
};
