// The new-poll page: the form (question and option rows in three languages, who gets it, days open),
// and after Preview the preview with its Send form above it (preview-view.tsx).
import { raw } from "hono/html";
import type { Partner } from "../../core/types.ts";
import { LOCALES } from "../../core/types.ts";
import type { BroadcastPlan } from "../broadcast/plan.ts";
import { AudienceFields } from "../broadcast/view.tsx";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { href, type View } from "../shell/view.ts";
import {
  ERROR_PARAMS,
  MAX_CHARS,
  optionField,
  type PollErrors,
  type PollFormValues,
  questionField,
} from "./form.ts";
import { PollPreview } from "./preview-view.tsx";

const Err = ({ view, errors, field }: { view: View; errors: PollErrors; field: string }) =>
  errors[field] ? <p class="field-error">{view.t(errors[field] as string, ERROR_PARAMS)}</p> : null;

const invalid = (errors: PollErrors, field: string) => (errors[field] ? "true" : undefined);

const TextField = ({
  view,
  errors,
  name,
  label,
  value,
  lang,
  required,
}: {
  view: View;
  errors: PollErrors;
  name: string;
  label: string;
  value: string;
  lang: string;
  required?: boolean;
}) => (
  <div>
    <label for={name}>{label}</label>
    <input
      id={name}
      name={name}
      type="text"
      lang={lang}
      maxlength={MAX_CHARS}
      required={required}
      value={value}
      aria-invalid={invalid(errors, name)}
    />
    <Err view={view} errors={errors} field={name} />
  </div>
);

export const PollForm = ({
  view,
  values,
  errors,
  partners,
  idea,
}: {
  view: View;
  values: PollFormValues;
  errors: PollErrors;
  partners: Partner[];
  /** The idea this poll asks about, as "Name: text". */
  idea: string | null;
}) => {
  const t = view.t;
  return (
    <form class="panel" method="post" action={href("/polls/new/preview")}>
      <Csrf view={view} />
      {idea ? <p data-idea={values.idea}>{t("polls:form.fromIdea", { idea })}</p> : null}
      <input type="hidden" name="idea" value={values.idea} />
      <fieldset>
        <legend>{t("polls:form.question")}</legend>
        {LOCALES.map((l) => (
          <TextField
            view={view}
            errors={errors}
            name={questionField(l)}
            label={t(`polls:form.in.${l}`)}
            value={values.question[l]}
            lang={l}
            required={l === "en"}
          />
        ))}
        <Err view={view} errors={errors} field="question" />
      </fieldset>
      <fieldset aria-describedby="options-hint">
        <legend>{t("polls:form.options")}</legend>
        <p class="muted" id="options-hint">
          {t("polls:form.optionsHint", ERROR_PARAMS)}
        </p>
        <Err view={view} errors={errors} field="options" />
        {values.options.map((o, row) => (
          <fieldset data-option={String(row + 1)}>
            <legend>{t("polls:form.option", { n: row + 1 })}</legend>
            <div class="grid3">
              {LOCALES.map((l) => (
                <TextField
                  view={view}
                  errors={errors}
                  name={optionField(row, l)}
                  label={t(`polls:form.in.${l}`)}
                  value={o[l]}
                  lang={l}
                />
              ))}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <AudienceFields view={view} values={values} errors={errors} partners={partners} />
      <div>
        <label for="open_days">{t("polls:form.openDays")}</label>
        <input
          id="open_days"
          name="open_days"
          type="text"
          inputmode="numeric"
          value={values.openDays}
          aria-invalid={invalid(errors, "open_days")}
          aria-describedby="open_days-hint"
        />
        <p class="muted" id="open_days-hint">
          {t("polls:form.openDaysHint")}
        </p>
        <Err view={view} errors={errors} field="open_days" />
      </div>
      <div class="actions">
        <button type="submit">{t("polls:form.preview")}</button>
        <a href={href("/polls")}>{t("polls:form.cancel")}</a>
      </div>
    </form>
  );
};

/** grid3: the three languages of an option side by side when there is room. */
const FORM_CSS = `.grid3{display:grid;grid-template-columns:1fr;gap:0 .6rem}@media (min-width:48rem){.grid3{grid-template-columns:repeat(3,1fr)}}fieldset fieldset{margin:.4rem 0}`;

export const NewPollPage = ({
  view,
  values,
  errors,
  partners,
  idea,
  error,
  preview,
}: {
  view: View;
  values: PollFormValues;
  errors: PollErrors;
  partners: Partner[];
  idea: string | null;
  error?: string | null;
  preview?: { plan: BroadcastPlan; messages: Array<{ locale: string; text: string }>; token: string };
}) => (
  <Layout view={view} title={view.t("polls:form.title")}>
    <style>{raw(FORM_CSS)}</style>
    <Notice text={error} error />
    {preview ? <PollPreview view={view} values={values} {...preview} /> : null}
    {preview ? <h2>{view.t("polls:form.change")}</h2> : null}
    <PollForm view={view} values={values} errors={errors} partners={partners} idea={idea} />
  </Layout>
);
