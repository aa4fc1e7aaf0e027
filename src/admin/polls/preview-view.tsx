// A poll's preview, as sendPoll(…, preview) planned it: recipients, when it goes out (quiet hours
// hold it back), SMS segments, WhatsApp conversations and the cost, who is left out, the message in
// each language; then the Send form carrying the poll and its one-time token (once.ts).
import type { BroadcastPlan } from "../broadcast/plan.ts";
import { money, pence } from "../broadcast/view.tsx";
import { Csrf, Notice } from "../shell/layout.tsx";
import { count, dateTime, href, type View } from "../shell/view.ts";
import { type PollFormValues, pollFormFields } from "./form.ts";

/** What the poll will cost and whom it reaches, as the service planned it; then Send. */
export const PollPreview = ({
  view,
  plan,
  values,
  messages,
  token,
}: {
  view: View;
  plan: BroadcastPlan;
  values: PollFormValues;
  /** The message each language's members get. */
  messages: Array<{ locale: string; text: string }>;
  token: string;
}) => {
  const t = view.t;
  return (
    <section class="panel" aria-labelledby="preview-title" data-preview="poll">
      <h2 id="preview-title">{t("polls:preview.title")}</h2>
      <p data-figure="recipients">{t("broadcast:reach", { count: plan.recipients })}</p>
      <p data-figure="send-at" data-deferred={String(plan.deferred)}>
        {plan.deferred
          ? t("broadcast:sendsAt", { time: dateTime(plan.sendAt.toISOString(), view) })
          : t("broadcast:sendsNow")}
      </p>
      <ul data-figure="cost">
        <li data-cost="sms" data-value={String(plan.smsSegments)}>
          {t("broadcast:cost.sms", {
            count: plan.smsSegments,
            segments: count(plan.smsSegments, view),
            price: pence(plan.segmentPence, view),
            cost: money(plan.smsSegments * plan.segmentPence, view),
          })}
        </li>
        <li data-cost="whatsapp" data-value={String(plan.whatsappConversations)}>
          {t("broadcast:cost.whatsapp", {
            count: plan.whatsappConversations,
            conversations: count(plan.whatsappConversations, view),
            price: pence(plan.conversationPence, view),
            cost: money(plan.whatsappConversations * plan.conversationPence, view),
          })}
        </li>
        <li data-cost="total" data-value={String(plan.costPence)}>
          <strong>{t("broadcast:cost.total", { cost: money(plan.costPence, view) })}</strong>
        </li>
      </ul>
      <p class="muted" data-figure="left-out">
        {t("broadcast:leftOut.title")}:{" "}
        {(["optedOut", "deleted", "notJoined", "unreachable"] as const)
          .map((k) => `${t(`broadcast:leftOut.${k}`)} ${count(plan.left[k], view)}`)
          .join(" · ")}
      </p>
      <h3>{t("polls:preview.messages")}</h3>
      {messages.map((m) => (
        <div data-message={m.locale}>
          <p class="muted">{t(`language.${m.locale}`)}</p>
          <pre lang={m.locale}>{m.text}</pre>
        </div>
      ))}
      {plan.recipients ? (
        <form method="post" action={href("/polls/new/send")}>
          <Csrf view={view} />
          <input type="hidden" name="token" value={token} />
          {pollFormFields(values).map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
          <div class="actions">
            <button type="submit">{t("broadcast:send", { count: plan.recipients })}</button>
          </div>
        </form>
      ) : (
        <Notice text={t("polls:errors.nobody")} error />
      )}
    </section>
  );
};
