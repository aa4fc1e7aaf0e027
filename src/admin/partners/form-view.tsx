// The partner form as HTML: name, id (new partners only), names in messages, earn/spend, activities,
// and one fieldset per contact plus blank ones for new contacts; each error beside its field.
import { LOCALES } from "../../core/types.ts";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { href, type View } from "../shell/view.ts";
import type { FormErrors, PartnerFormValues } from "./form.ts";

/** Empty rows offered for new contacts. */
const BLANK_ROWS = 2;

const Err = ({ view, errors, path }: { view: View; errors: FormErrors; path: string }) =>
  errors[path] ? <p class="field-error">{view.t(errors[path] as string)}</p> : null;

const invalid = (errors: FormErrors, path: string) => (errors[path] ? "true" : undefined);

const ContactRow = ({
  view,
  i,
  c,
  errors,
}: {
  view: View;
  i: number;
  c: PartnerFormValues["contacts"][number];
  errors: FormErrors;
}) => (
  <fieldset>
    <legend>{c.id ? c.name || view.t("partners.contact") : view.t("partners.newContact")}</legend>
    {c.id ? <input type="hidden" name={`contact-${i}-id`} value={c.id} /> : null}
    <div class="grid2">
      <div>
        <label for={`contact-${i}-name`}>{view.t("partners.contactName")}</label>
        <input
          id={`contact-${i}-name`}
          name={`contact-${i}-name`}
          type="text"
          value={c.name}
          aria-invalid={invalid(errors, `contacts.${i}.name`)}
        />
        <Err view={view} errors={errors} path={`contacts.${i}.name`} />
      </div>
      <div>
        <label for={`contact-${i}-phone`}>{view.t("partners.contactPhone")}</label>
        <input
          id={`contact-${i}-phone`}
          name={`contact-${i}-phone`}
          type="text"
          inputmode="tel"
          value={c.phone}
          aria-invalid={invalid(errors, `contacts.${i}.phone`)}
        />
        <Err view={view} errors={errors} path={`contacts.${i}.phone`} />
      </div>
    </div>
    <label for={`contact-${i}-locale`}>{view.t("partners.contactLocale")}</label>
    <select id={`contact-${i}-locale`} name={`contact-${i}-locale`}>
      {LOCALES.map((l) => (
        <option value={l} selected={c.locale === l}>
          {view.t(`language.${l}`)}
        </option>
      ))}
    </select>
    <Err view={view} errors={errors} path={`contacts.${i}.locale`} />
    {c.id ? (
      <label class="check">
        <input type="checkbox" name={`contact-${i}-remove`} checked={c.remove} />{" "}
        {view.t("partners.removeContact")}
      </label>
    ) : null}
  </fieldset>
);

export const PartnerForm = ({
  view,
  values,
  errors,
  creating,
}: {
  view: View;
  values: PartnerFormValues;
  errors: FormErrors;
  creating: boolean;
}) => {
  const { t } = view;
  const rows = [
    ...values.contacts,
    ...Array.from({ length: BLANK_ROWS }, () => ({
      id: "",
      name: "",
      phone: "",
      locale: "en",
      remove: false,
    })),
  ];
  const action = creating ? href("/partners/new") : href(`/partners/${values.id}/edit`);
  return (
    <Layout
      view={view}
      title={creating ? t("partners.addTitle") : t("partners.editTitle", { name: values.name })}
    >
      <Notice text={Object.keys(errors).length ? t(errors.form ?? "errors.form") : null} error />
      <form class="panel" method="post" action={action}>
        <Csrf view={view} />
        <label for="name">{t("partners.name")}</label>
        <input
          id="name"
          name="name"
          type="text"
          required
          maxlength={80}
          value={values.name}
          aria-invalid={invalid(errors, "name")}
        />
        <Err view={view} errors={errors} path="name" />
        {creating ? (
          <>
            <label for="id">{t("partners.id")}</label>
            <input
              id="id"
              name="id"
              type="text"
              maxlength={40}
              value={values.id}
              aria-invalid={invalid(errors, "id")}
            />
            <p class="muted">{t("partners.idHint")}</p>
            <Err view={view} errors={errors} path="id" />
          </>
        ) : null}
        <label for="aliases">{t("partners.aliases")}</label>
        <input
          id="aliases"
          name="aliases"
          type="text"
          value={values.aliases}
          aria-invalid={invalid(errors, "aliases")}
        />
        <p class="muted">{t("partners.aliasesHint")}</p>
        <Err view={view} errors={errors} path="aliases" />
        <div>
          <label class="check">
            <input type="checkbox" name="earn" checked={values.earn} /> {t("partners.earn")}
          </label>
          <label class="check">
            <input type="checkbox" name="spend" checked={values.spend} /> {t("partners.spend")}
          </label>
        </div>
        <label for="activities">{t("partners.activities")}</label>
        <textarea id="activities" name="activities" rows={4} aria-invalid={invalid(errors, "activities")}>
          {values.activities}
        </textarea>
        <p class="muted">{t("partners.activitiesHint")}</p>
        <Err view={view} errors={errors} path="activities" />
        <h2>{t("partners.contacts")}</h2>
        {rows.map((c, i) => (
          <ContactRow view={view} i={i} c={c} errors={errors} />
        ))}
        <div class="actions">
          <button type="submit">{t("partners.save")}</button>
          <a href={href("/partners")}>{t("partners.cancel")}</a>
        </div>
      </form>
    </Layout>
  );
};
