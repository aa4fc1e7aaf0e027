// Effects that send something: a notice to someone else through the outbox, a file to the sender.

import type { Rendered } from "../../channels/render.ts";
import { CHANNEL_TRAITS } from "../../core/channels.ts";
import { plainLetters } from "../../lib/plain-letters.ts";
import { queueMessage } from "../outbox.ts";
import type { CommonWriter, Writer } from "./types.ts";

/**
 * A message to someone else. An SMS to a member who asked for plain letters must be measured on its
 * plain text (more fits in GSM-7), and whether they asked is only known to the database: when the two
 * renderings differ by more than their letters, both are queued, each only if it is the one that
 * applies. Otherwise one is queued, and delivery takes the diacritics off for such a member.
 */
export const notify: CommonWriter<"notify"> = {
  place: "inOrder",
  write: (e, { at, render, inbound }) => {
    const queue = (r: Rendered, onlyIf?: { sql: string; args: string[] }) =>
      queueMessage(
        { channel: e.channel, address: e.address, ...r, notice: e.notice, locale: e.locale },
        at,
        inbound,
        onlyIf,
      );
    const full = render(e.channel, e.locale, e.reply);
    if (!CHANNEL_TRAITS[e.channel].segments) return full.map((r) => queue(r));
    const plain = render(e.channel, e.locale, e.reply, { plainLetters: true });
    const same =
      plain.length === full.length && plain.every((r, i) => r.body === plainLetters(full[i]?.body ?? ""));
    if (same) return full.map((r) => queue(r));
    const wants = "EXISTS (SELECT 1 FROM members WHERE phone = ? AND plain_sms = 1)";
    return [
      ...full.map((r) => queue(r, { sql: `NOT ${wants}`, args: [e.address] })),
      ...plain.map((r) => queue(r, { sql: wants, args: [e.address] })),
    ];
  },
};

/** Telegram: a document, after the replies so the summary arrives first. Other channels have none. */
export const sendFile: Writer<"sendFile"> = {
  place: "afterReplies",
  write: (e, { w, inbound }) => {
    if (!CHANNEL_TRAITS[w.channel].files) return [];
    const payload = { kind: "document", filename: e.filename };
    return [
      queueMessage({ channel: w.channel, address: w.address, body: e.content, payload }, w.now, inbound),
    ];
  },
};
