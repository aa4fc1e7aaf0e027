// A member's channels in one line: "SMS (opted out) · WhatsApp (the bot writes here) · Telegram (blocked
// the bot)", with data attributes for each channel's state and the one the bot writes to.
import { CHANNEL_TRAITS } from "../../core/channels.ts";
import type { View } from "../shell/view.ts";
import type { MemberChannel, MemberSummary } from "./members.ts";

function notes(c: MemberChannel, view: View): string[] {
  const out = c.state === "ok" ? [] : [view.t(`members.channels.${c.state}`)];
  if (c.writesTo) out.push(view.t(c.chosen ? "members.channels.chosen" : "members.channels.writesTo"));
  return out;
}

export const Channels = ({ view, member }: { view: View; member: MemberSummary }) => {
  const { channels } = member;
  const reached = channels.some((c) => c.writesTo);
  return (
    <span class="muted" data-channels={String(member.id)}>
      {view.t("members.channels.label")}{" "}
      {channels.length
        ? channels.map((c, i) => {
            const extra = notes(c, view);
            return (
              <>
                {i ? " · " : null}
                <span
                  data-channel={c.channel}
                  data-state={c.state}
                  data-writes={c.writesTo ? "true" : undefined}
                >
                  {CHANNEL_TRAITS[c.channel].name}
                  {extra.length ? ` (${extra.join(", ")})` : null}
                </span>
              </>
            );
          })
        : view.t("members.channels.none")}
      {channels.length && !reached && !member.optedOut
        ? ` · ${view.t("members.channels.unreachable")}`
        : null}
    </span>
  );
};
