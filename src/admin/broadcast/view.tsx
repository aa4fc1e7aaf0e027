// The broadcast page's parts: the compose form (texts in three languages, who gets it), the preview
// (recipients per language and channel, who is left out, SMS segments, WhatsApp conversations, cost,
// when it goes out) with its Send button, and the list of past broadcasts.
import { CHANNEL_TRAITS } from "../../core/channels.ts";
import type { Channel, Partner } from "../../core/types.ts";
import { LOCALES } from "../../core/types.ts";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { count, dateTime, href, type View } from "../shell/view.ts";
import {
  AUDIENCE_KINDS,
  type Audience,
  type AudienceField,
  type BroadcastErrors,
  type BroadcastFormValues,
  EMPTY_FORM,
  type FormField,
  MAX_SEGMENTS,
} from "./form.ts";
import type { BroadcastPlan } from "./plan.ts";
import type { PastBroadcast } from "./store.ts";

const intlLocale = (view: View) => (view.locale === "en" ? "en-GB" : view.locale);

/** Pence as money, e.g. 24 → "£0.24". */
export function money(pence: number, view: View): string {
  return new Intl.NumberFormat(intlLocale(view), { style: "currency", currency: "GBP" }).format(pence / 100);
}

/** A price in pence as typed in the scheme's settings, e.g. 4 → "4", 3.5 → "3.5" (en) or "3,5" (pl, lv). */
export function pence(value: number, view: View): string {
  return new Intl.NumberFormat(intlLocale(view), { maximumFractionDigits: 2 }).format(value);
}

/** The preview's channel columns: the two on the member's number, then Telegram. */
const CHANNEL_COLUMNS = ["sms", "whatsapp", "telegram"] as const satisfies readonly Channel[];

/** "all members", "active in the last 30 days", "earned at The Staithe" … */
export function describeAudience(a: Audience, view: View, partners: Partner[]): string {
  const t = view.t;
  switch (a.kind) {
    case "active":
      return t("broadcast:describe.active", { count: a.days });
    case "partner":
      return t("broadcast:describe.partner", {
        partner: partners.find((p) => p.id === a.partner)?.name ?? a.partner,
      });
    case "language":
      return t("broadcast:describe.language", { language: t(`language.${a.language}`) });
    case "credits":
      return t("broadcast:describe.credits", { credits: String(a.credits) });
    default:
      return t("broadcast:describe.all");
  }
}

const FieldError = ({ view, errors, field }: { view: View; errors: BroadcastErrors; field: FormField }) => {
  const key = errors[field];
  return key ? <p class="field-error">{view.t(key, { max: MAX_SEGMENTS })}</p> : null;
};

/** A one-line number field of the audience (days, credits) with its error. */
const NumberField = ({
  view,
  values,
  errors,
  field,
  inputmode,
}: {
  view: View;
  values: Pick<BroadcastFormValues, AudienceField>;
  errors: BroadcastErrors;
  field: "days" | "credits";
  inputmode: "numeric" | "decimal";
}) => (
  <div>
    <label for={field}>{view.t(`broadcast:${field}`)}</label>
    <input
      id={field}
      name={field}
      type="text"
      inputmode={inputmode}
      value={values[field]}
      aria-invalid={errors[field] ? "true" : undefined}
    />
    <FieldError view={view} errors={errors} field={field} />
  </div>
);

const Hidden = ({ values }: { values: BroadcastFormValues }) => (
  <>
    {(Object.keys(EMPTY_FORM) as FormField[]).map((f) => (
      <input type="hidden" name={f} value={values[f]} />
    ))}
  </>
);

/** Who gets it: the audience kinds and their one figure each; the poll form shares these fields. */
export const AudienceFields = ({
  view,
  values,
  errors = {},
  partners,
}: {
  view: View;
  values: Pick<BroadcastFormValues, AudienceField>;
  errors?: BroadcastErrors;
  partners: Partner[];
}) => {
  const t = view.t;
  const invalid = (f: FormField) => (errors[f] ? "true" : undefined);
  return (
    <fieldset>
      <legend>{t("broadcast:audience.label")}</legend>
      {AUDIENCE_KINDS.map((kind) => (
        <label class="check">
          <input
            type="radio"
            name="audience"
            value={kind}
            checked={values.audience === kind}
            aria-invalid={invalid("audience")}
          />
          {t(`broadcast:audience.${kind}`)}
        </label>
      ))}
      <FieldError view={view} errors={errors} field="audience" />
      <div class="grid2">
        <NumberField view={view} values={values} errors={errors} field="days" inputmode="numeric" />
        <div>
          <label for="partner">{t("broadcast:partner")}</label>
          <select id="partner" name="partner" aria-invalid={invalid("partner")}>
            <option value="">{t("broadcast:choosePartner")}</option>
            {partners
              .filter((p) => p.earn)
              .map((p) => (
                <option value={p.id} selected={values.partner === p.id}>
                  {p.name}
                </option>
              ))}
          </select>
          <FieldError view={view} errors={errors} field="partner" />
        </div>
        <div>
          <label for="language">{t("broadcast:language")}</label>
          <select id="language" name="language" aria-invalid={invalid("language")}>
            {LOCALES.map((l) => (
              <option value={l} selected={values.language === l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
          <FieldError view={view} errors={errors} field="language" />
        </div>
        <NumberField view={view} values={values} errors={errors} field="credits" inputmode="decimal" />
      </div>
    </fieldset>
  );
};

export const ComposeForm = ({
  view,
  values,
  errors = {},
  partners,
}: {
  view: View;
  values: BroadcastFormValues;
  errors?: BroadcastErrors;
  partners: Partner[];
}) => {
  const t = view.t;
  const invalid = (f: FormField) => (errors[f] ? "true" : undefined);
  return (
    <form class="panel" method="post" action={href("/broadcast/preview")}>
      <Csrf view={view} />
      <p class="muted">{t("broadcast:intro", { max: MAX_SEGMENTS })}</p>
      {LOCALES.map((l) => (
        <>
          <label for={`text_${l}`}>{t(`broadcast:text.${l}`)}</label>
          <textarea
            id={`text_${l}`}
            name={`text_${l}`}
            rows={4}
            lang={l}
            required={l === "en"}
            aria-invalid={invalid(`text_${l}`)}
          >
            {values[`text_${l}`]}
          </textarea>
          <FieldError view={view} errors={errors} field={`text_${l}`} />
        </>
      ))}
      <AudienceFields view={view} values={values} errors={errors} partners={partners} />
      <div class="actions">
        <button type="submit">{t("broadcast:preview")}</button>
      </div>
    </form>
  );
};

export const PreviewPanel = ({
  view,
  plan,
  values,
}: {
  view: View;
  plan: BroadcastPlan;
  values: BroadcastFormValues;
}) => {
  const t = view.t;
  const total = (k: (typeof CHANNEL_COLUMNS)[number]) => plan.groups.reduce((sum, g) => sum + g[k], 0);
  return (
    <section class="panel" aria-labelledby="preview-title">
      <h2 id="preview-title">{t("broadcast:previewTitle")}</h2>
      <p data-figure="recipients">{t("broadcast:reach", { count: plan.recipients })}</p>
      <p data-figure="send-at">
        {plan.deferred
          ? t("broadcast:sendsAt", { time: dateTime(plan.sendAt.toISOString(), view) })
          : t("broadcast:sendsNow")}
      </p>
      <div class="scroll">
        <table data-table="groups">
          <thead>
            <tr>
              <th>{t("broadcast:table.language")}</th>
              {CHANNEL_COLUMNS.map((c) => (
                <th class="num" data-channel={c}>
                  {CHANNEL_TRAITS[c].name}
                </th>
              ))}
              <th class="num">{t("broadcast:table.total")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.groups.map((g) => (
              <tr data-language={g.locale}>
                <td>{t(`language.${g.locale}`)}</td>
                {CHANNEL_COLUMNS.map((c) => (
                  <td class="num">{count(g[c], view)}</td>
                ))}
                <td class="num">
                  {count(
                    CHANNEL_COLUMNS.reduce((sum, c) => sum + g[c], 0),
                    view,
                  )}
                </td>
              </tr>
            ))}
            <tr data-language="all">
              <th>{t("broadcast:table.total")}</th>
              {CHANNEL_COLUMNS.map((c) => (
                <td class="num">{count(total(c), view)}</td>
              ))}
              <td class="num">{count(plan.recipients, view)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <h2>{t("broadcast:leftOut.title")}</h2>
      <ul data-figure="left-out">
        {(["optedOut", "deleted", "notJoined", "unreachable"] as const).map((k) => (
          <li data-left={k}>
            {t(`broadcast:leftOut.${k}`)}: {count(plan.left[k], view)}
          </li>
        ))}
      </ul>
      <h2>{t("broadcast:segments.title")}</h2>
      <div class="scroll">
        <table data-table="segments">
          <thead>
            <tr>
              <th>{t("broadcast:table.language")}</th>
              <th class="num">{t("broadcast:segments.segments")}</th>
              <th class="num">{t("broadcast:segments.plain")}</th>
            </tr>
          </thead>
          <tbody>
            {plan.texts.map((f) => {
              const group = plan.groups.find((g) => g.locale === f.locale);
              return (
                <tr data-text={f.locale}>
                  <td>
                    {t(`language.${f.locale}`)}
                    {f.own ? null : <span class="muted"> · {t("broadcast:segments.fallback")}</span>}
                    <br />
                    <span class="muted">
                      {t("broadcast:segments.plainMembers", { count: group?.plainSms ?? 0 })}
                    </span>
                  </td>
                  <td class="num">
                    {count(f.segments, view)} <span class="muted">{f.encoding}</span>
                  </td>
                  <td class="num">
                    {count(f.plainSegments, view)} <span class="muted">{f.plainEncoding}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h2>{t("broadcast:cost.title")}</h2>
      <ul data-figure="cost">
        <li data-cost="sms">
          {t("broadcast:cost.sms", {
            count: plan.smsSegments,
            segments: count(plan.smsSegments, view),
            price: pence(plan.segmentPence, view),
            cost: money(plan.smsSegments * plan.segmentPence, view),
          })}
        </li>
        <li data-cost="whatsapp">
          {t("broadcast:cost.whatsapp", {
            count: plan.whatsappConversations,
            conversations: count(plan.whatsappConversations, view),
            price: pence(plan.conversationPence, view),
            cost: money(plan.whatsappConversations * plan.conversationPence, view),
          })}
        </li>
        <li data-cost="total">
          <strong>{t("broadcast:cost.total", { cost: money(plan.costPence, view) })}</strong>
        </li>
      </ul>
      {plan.recipients ? (
        <form method="post" action={href("/broadcast/send")}>
          <Csrf view={view} />
          <Hidden values={values} />
          <div class="actions">
            <button type="submit">{t("broadcast:send", { count: plan.recipients })}</button>
          </div>
        </form>
      ) : (
        <Notice text={t("broadcast:errors.nobody")} error />
      )}
    </section>
  );
};

export const PastBroadcasts = ({
  view,
  past,
  partners,
}: {
  view: View;
  past: PastBroadcast[];
  partners: Partner[];
}) => {
  const t = view.t;
  if (!past.length) return <p class="muted">{t("broadcast:past.none")}</p>;
  return (
    <ul class="plain" data-list="broadcasts">
      {past.map((b) => (
        <li data-broadcast={String(b.id)}>
          <p class="muted">
            {dateTime(b.createdAt, view)} · {b.actor} · {describeAudience(b.audience, view, partners)}
          </p>
          <pre>{b.texts.en}</pre>
          <p class="muted">
            {t("broadcast:past.figures", {
              recipients: count(b.recipients, view),
              sent: count(b.sent, view),
              failed: count(b.failed, view),
              cost: money(b.costPence, view),
            })}
            {b.sendAt > b.createdAt
              ? ` · ${t("broadcast:past.sendAt", { time: dateTime(b.sendAt, view) })}`
              : null}
          </p>
        </li>
      ))}
    </ul>
  );
};

export interface BroadcastPageProps {
  view: View;
  partners: Partner[];
  values: BroadcastFormValues;
  errors?: BroadcastErrors;
  notice?: string | null;
  error?: string | null;
  plan?: BroadcastPlan;
  /** The validated values the Send form carries (with the preview's key). */
  sendValues?: BroadcastFormValues;
  past?: PastBroadcast[];
}

export const BroadcastPage = (p: BroadcastPageProps) => (
  <Layout view={p.view} title={p.view.t("broadcast:title")}>
    <Notice text={p.notice} />
    <Notice text={p.error} error />
    {p.plan && p.sendValues ? <PreviewPanel view={p.view} plan={p.plan} values={p.sendValues} /> : null}
    {p.plan ? <h2>{p.view.t("broadcast:edit")}</h2> : null}
    <ComposeForm view={p.view} values={p.values} errors={p.errors} partners={p.partners} />
    {p.past ? (
      <>
        <h2>{p.view.t("broadcast:past.title")}</h2>
        <PastBroadcasts view={p.view} past={p.past} partners={p.partners} />
      </>
    ) : null}
  </Layout>
);
