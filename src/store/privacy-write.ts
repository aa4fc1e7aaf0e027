// DELETE ME in the conversation's write batch: the member row loses its name, number and Telegram id;
// texts that were theirs, or that name them, are erased: messages, the free text of their ledger
// entries (an activity typed in, a rejection reason, a note), of the audit rows about them, and of
// messages about them. Ledger entries, bookings and partner contacts stay, with their amounts and
// activity ids: the member id they point at no longer leads to a person, so totals still add up.
import type { Effect } from "../core/engine-types.ts";
import { type InStatement, sql } from "./db.ts";
import { addressesOf, atAnyOf } from "./identity.ts";
import { eraseAuditTexts } from "./privacy-audit.ts";
import { type ErasureDigest, recordErasures } from "./privacy-erasure.ts";

type Forget = Extract<Effect, { type: "forgetMember" }>;

/**
 * What a purged stored reply becomes: a redelivered webhook is still recognised, and answered with
 * nothing. One constant, so the retention job's partial index can tell purged rows apart.
 */
export const PURGED_REPLY = '{"locale":"en","replies":[]}';

/** A UK number as people type it too: "+447700900501" → also "07700900501". */
function phoneForms(phone: string | null): string[] {
  if (!phone) return [];
  return phone.startsWith("+44") ? [phone, `0${phone.slice(3)}`] : [phone];
}

/** `instr` tests for each needle, OR-ed, with their arguments; `column` may be an expression. */
function mentions(column: string, needles: string[]): { sql: string; args: string[] } {
  return { sql: needles.map(() => `instr(${column}, ?) > 0`).join(" OR "), args: needles };
}

/** `settled_by` of a request withdrawn because its member asked to be erased. */
export const WITHDRAWN_BY_ERASURE = "erasure";

/**
 * The statements that erase a member; `inbound` is the message doing it, whose stored reply (no
 * personal data, just "deleted") is kept so a redelivery is still recognised. `erased` are the
 * digests of their number and Telegram id for the erasure list (see privacy-erasure.ts). Their open
 * requests are withdrawn: partners are not asked about a nameless member, and reminders skip them.
 */
export function forgetStatements(
  e: Forget,
  inbound: { channel: string; externalId: string },
  now: Date,
  erased: ErasureDigest[] = [],
): InStatement[] {
  const empty = PURGED_REPLY;
  const notThis = "NOT (channel = ? AND external_id = ?)";
  const thisArgs = [inbound.channel, inbound.externalId];
  const phones = phoneForms(e.phone);
  // A name in stored replies is a JSON string of its own; in texts it is a word among others.
  const inReplies = mentions("reply", [...(e.name ? [JSON.stringify(e.name)] : []), ...phones]);
  // Texts are compared with spaces and dashes taken out, on both sides ("07700 900501").
  const textNeedles = [...(e.name.length >= 3 ? [e.name] : []), ...phones].map((n) => n.replace(/[ -]/g, ""));
  const compact = (column: string) => `replace(replace(${column}, ' ', ''), '-', '')`;
  const inBodies = mentions(compact("body"), textNeedles);
  // Every address they had (`sms:+44…`, `telegram:…`), as a JSON list for `IN (SELECT … json_each(?))`.
  const addresses = JSON.stringify(addressesOf(e));
  const out: InStatement[] = [
    ...recordErasures(erased, now),
    sql(
      `UPDATE ledger_entries SET status = 'expired', settled_at = ?, settled_by = ?
       WHERE member_id = ? AND kind = 'earning' AND status = 'pending'`,
      now.toISOString(),
      WITHDRAWN_BY_ERASURE,
      e.memberId,
    ),
    // Their own messages: texts gone, stored replies emptied (a retried webhook then answers nothing).
    sql(
      `UPDATE inbound_messages SET body = NULL, reply = CASE WHEN ${notThis} THEN ? ELSE reply END WHERE member_id = ?`,
      ...thisArgs,
      empty,
      e.memberId,
    ),
    // Messages to them: nothing more goes out to a person who asked to be forgotten.
    sql(`DELETE FROM outbox WHERE ${atAnyOf()}`, addresses),
    sql(
      `UPDATE members SET name = '', phone = NULL, telegram_id = NULL, opted_out = 1, last_channel = NULL,
         nudges = 0, nudged_at = NULL, deleted_at = ? WHERE id = ? AND deleted_at IS NULL`,
      now.toISOString(),
      e.memberId,
    ),
    // After deleted_at is set: the audit log's trigger allows the rewrite only for an erased member.
    eraseAuditTexts(e.memberId),
    // What was typed about their hours: an activity that is not one of the partner's ids was free text.
    sql(
      `UPDATE ledger_entries SET note = NULL, reason = NULL,
         activity = CASE WHEN activity IN (
           SELECT json_extract(a.value, '$.id') FROM partners p, json_each(p.activities) a
           WHERE p.id = ledger_entries.partner_id) THEN activity END
       WHERE member_id = ? AND (note IS NOT NULL OR reason IS NOT NULL OR activity IS NOT NULL)`,
      e.memberId,
    ),
    // The address kept for the rate limit, and as the inviter of numbers they invited.
    sql(`UPDATE inbound_messages SET address = NULL WHERE ${atAnyOf()}`, addresses),
    sql(
      "UPDATE members SET invited_by = NULL WHERE invited_by IN (SELECT value FROM json_each(?))",
      addresses,
    ),
    sql("DELETE FROM conversations WHERE address IN (SELECT value FROM json_each(?))", addresses),
    // Their ideas (their own words); their poll answers stay only as counts of a blanked member.
    sql("DELETE FROM ideas WHERE member_id = ?", e.memberId),
    // Their replies to others' posts, and their posts' words; a post stays (help paid for points at it).
    sql(
      "DELETE FROM post_links WHERE member_id = ? OR post_id IN (SELECT id FROM posts WHERE member_id = ?)",
      e.memberId,
      e.memberId,
    ),
    sql(
      `UPDATE posts SET body = '', tags = '[]', closed_at = COALESCE(closed_at, ?),
         status = CASE WHEN status IN ('waiting', 'open') THEN 'closed' ELSE status END WHERE member_id = ?`,
      now.toISOString(),
      e.memberId,
    ),
  ];
  if (inReplies.args.length) {
    // What they said before joining (no member id yet) and others' replies that named them.
    out.push(
      sql(
        `UPDATE inbound_messages SET reply = ? WHERE reply IS NOT NULL AND ${notThis} AND (${inReplies.sql})`,
        empty,
        ...thisArgs,
        ...inReplies.args,
      ),
    );
  }
  if (textNeedles.length) {
    out.push(
      // Others' texts that mention them ("GIVE 1 07700 900501").
      sql(
        `UPDATE inbound_messages SET body = NULL WHERE body IS NOT NULL AND (${inBodies.sql})`,
        ...inBodies.args,
      ),
      // Sent messages that named them (a partner's request) keep their row, as a record of what went out.
      sql(`UPDATE outbox SET body = '' WHERE status = 'sent' AND (${inBodies.sql})`, ...inBodies.args),
      // Unsent ones are dropped: a blanked one would go out (or be retried) empty, and what they asked
      // about (their request) is withdrawn above.
      sql(`DELETE FROM outbox WHERE status IN ('pending', 'failed') AND (${inBodies.sql})`, ...inBodies.args),
    );
  }
  return out;
}
