// One member's page: who they are, their balance, the correction form, their ledger history (newest
// first) and the messages the bot sent them, each with a resend button.
import { CHANNEL_TRAITS } from "../../core/channels.ts";
import { titleIn } from "../../core/format.ts";
import { deliveryText } from "../outbox/delivery.ts";
import { Csrf, Layout, Notice } from "../shell/layout.tsx";
import { credits, dateOnly, dateTime, href, signedCredits, type View } from "../shell/view.ts";
import { Channels } from "./channels.tsx";
import type { HistoryEntry, MemberDetail, SentMessage } from "./members.ts";

export type FieldErrors = Partial<Record<"hours" | "reason" | "entry", string>>;

export interface MemberPageProps {
  view: View;
  member: MemberDetail;
  history: HistoryEntry[];
  messages: SentMessage[];
  notice?: string | null;
  error?: string | null;
  /** What the correction form held when it was refused. */
  form?: { hours: string; reason: string; entry: string };
  errors?: FieldErrors;
}

function what(e: HistoryEntry, view: View): string {
  const activity = e.activityTitle ? titleIn(e.activityTitle, view.locale) : e.activity;
  const parts = [e.partnerName, activity, e.counterpart, e.note, e.reason ? `“${e.reason}”` : null];
  if (e.refEntryId) parts.push(view.t("members.corrects", { id: e.refEntryId }));
  return parts.filter(Boolean).join(" · ");
}

const FieldError = ({ text }: { text?: string }) => (text ? <p class="field-error">{text}</p> : null);

const CorrectionForm = ({ view, member, history, form, errors = {} }: MemberPageProps) => (
  <form class="panel" method="post" action={href(`/members/${member.id}/corrections`)}>
    <h2>{view.t("members.correctTitle")}</h2>
    <p class="muted">{view.t("members.correctHint")}</p>
    <Csrf view={view} />
    <div class="grid2">
      <div>
        <label for="hours">{view.t("members.hours")}</label>
        <input
          id="hours"
          name="hours"
          type="text"
          inputmode="decimal"
          required
          value={form?.hours ?? ""}
          aria-invalid={errors.hours ? "true" : undefined}
        />
        <FieldError text={errors.hours} />
      </div>
      <div>
        <label for="entry">{view.t("members.entry")}</label>
        <select id="entry" name="entry">
          <option value="">{view.t("members.noEntry")}</option>
          {history.slice(0, 50).map((e) => (
            <option value={String(e.id)} selected={form?.entry === String(e.id)}>
              {`#${e.id} ${dateOnly(e.day ?? e.createdAt.slice(0, 10), view)} ${signedCredits(e.minutes, view)} ${view.t(`kind.${e.kind}`)}`}
            </option>
          ))}
        </select>
      </div>
    </div>
    <label for="reason">{view.t("members.reason")}</label>
    <input
      id="reason"
      name="reason"
      type="text"
      required
      maxlength={300}
      value={form?.reason ?? ""}
      aria-invalid={errors.reason ? "true" : undefined}
    />
    <FieldError text={errors.reason} />
    <div class="actions">
      <button type="submit">{view.t("members.correctSubmit")}</button>
    </div>
  </form>
);

/** The member's plain-letters SMS option: what it is now, and one button to switch it. */
const PlainForm = ({ view, member }: { view: View; member: MemberDetail }) => (
  <form
    class="panel"
    method="post"
    action={href(`/members/${member.id}/plain`)}
    data-plain={member.plainSms ? "on" : "off"}
  >
    <h2>{view.t("members.plain.title")}</h2>
    <p>{view.t(member.plainSms ? "members.plain.isOn" : "members.plain.isOff")}</p>
    <p class="muted">{view.t("members.plain.hint")}</p>
    <Csrf view={view} />
    <input type="hidden" name="plain" value={member.plainSms ? "0" : "1"} />
    <div class="actions">
      <button type="submit" class="secondary">
        {view.t(member.plainSms ? "members.plain.turnOff" : "members.plain.turnOn")}
      </button>
    </div>
  </form>
);

const History = ({ view, history }: { view: View; history: HistoryEntry[] }) => (
  <div class="scroll">
    <table>
      <thead>
        <tr>
          <th>{view.t("members.date")}</th>
          <th>{view.t("members.kind")}</th>
          <th class="num">{view.t("members.amount")}</th>
          <th>{view.t("members.details")}</th>
        </tr>
      </thead>
      <tbody>
        {history.map((e) => (
          <tr data-entry={String(e.id)}>
            <td>{e.day ? dateOnly(e.day, view) : dateTime(e.createdAt, view)}</td>
            <td>
              {view.t(`kind.${e.kind}`)} <span class="badge">{view.t(`status.${e.status}`)}</span>
            </td>
            <td class="num">{signedCredits(e.minutes, view)}</td>
            <td>{what(e, view)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const Messages = ({
  view,
  member,
  messages,
}: {
  view: View;
  member: MemberDetail;
  messages: SentMessage[];
}) => (
  <ul class="plain">
    {messages.map((m) => (
      <li>
        <p class="muted" data-message={String(m.id)}>
          {[
            dateTime(m.createdAt, view),
            CHANNEL_TRAITS[m.channel].name,
            view.t(`outbox.${m.status}`),
            deliveryText(view, m.delivery, m.deliveryError),
          ]
            .filter(Boolean)
            .join(" · ")}
          {m.fallback ? (
            <>
              <br />
              {view.t("outbox.fallbackWhy", { why: m.fallback })}
            </>
          ) : null}
        </p>
        <pre>{m.body}</pre>
        {member.optedOut ? null : (
          <form class="inline" method="post" action={href(`/members/${member.id}/messages/${m.id}/resend`)}>
            <Csrf view={view} />
            <button type="submit" class="secondary">
              {view.t("members.resend")}
            </button>
          </form>
        )}
      </li>
    ))}
  </ul>
);

export const MemberPage = (props: MemberPageProps) => {
  const { view, member, history, messages } = props;
  const { t } = view;
  const contact = [member.phone, member.telegramId ? `Telegram ${member.telegramId}` : null].filter(Boolean);
  return (
    <Layout view={view} title={member.name || member.phone || `#${member.id}`}>
      <Notice text={props.notice} />
      <Notice text={props.error} error />
      <p class="muted">
        {contact.join(" · ")} · {t(`language.${member.locale}`)} ·{" "}
        {t("members.since", { date: dateTime(member.createdAt, view) })}
        {member.optedOut ? <span class="badge">{t("members.optedOut")}</span> : null}
        {member.consented ? null : <span class="badge">{t("members.invited")}</span>}
      </p>
      <p>
        <Channels view={view} member={member} />
      </p>
      <p class="muted" data-volunteered={String(member.volunteeredBefore)}>
        {t("members.volunteered.label")}{" "}
        {t(
          member.volunteeredBefore === null
            ? "members.volunteered.unknown"
            : member.volunteeredBefore
              ? "members.volunteered.yes"
              : "members.volunteered.no",
        )}
      </p>
      <div class="cards">
        <div class="card" data-figure="available">
          <span class="figure">{credits(member.available, view)}</span>
          <span class="label">{t("members.available")}</span>
        </div>
        <div class="card" data-figure="pending">
          <span class="figure">{credits(member.pending, view)}</span>
          <span class="label">{t("members.pending")}</span>
        </div>
      </div>
      <CorrectionForm {...props} />
      <PlainForm view={view} member={member} />
      <h2>{t("members.history")}</h2>
      {history.length ? (
        <History view={view} history={history} />
      ) : (
        <p class="muted">{t("members.noHistory")}</p>
      )}
      <h2>{t("members.messages")}</h2>
      {messages.length ? (
        <Messages view={view} member={member} messages={messages} />
      ) : (
        <p class="muted">{t("members.noMessages")}</p>
      )}
    </Layout>
  );
};
