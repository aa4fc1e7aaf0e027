// Turns the engine's decision into ONE write batch: the inbound record (so a retry is recognised),
// the conversation saved with compare-and-set on its version, and every effect. The batch is one
// transaction; a failed guard aborts all of it and the caller reads again and retries.

import type { Rendered } from "../channels/render.ts";
import type { TextOptions } from "../channels/render-text.ts";
import type { Effect, Snapshot } from "../core/engine-types.ts";
import type { Channel, Locale, Reply } from "../core/types.ts";
import { type OutboxMessage, queueMessage } from "../jobs/outbox.ts";
import { plainLetters } from "../lib/plain-letters.ts";
import { conversationKey, memberRef, type StoredReply } from "./conversation-read.ts";
import { type Db, GUARD, type InStatement, sql } from "./db.ts";
import { SELF_CREDIT } from "./partner-read.ts";
import type { ErasureDigest } from "./privacy-erasure.ts";
import { forgetStatements } from "./privacy-write.ts";
import { spendStatements } from "./spend-write.ts";

/** The reason kept on hours refused at joining, for the coordinator (the member is told in their language). */
export const SELF_CREDIT_REASON = "self-credit: logged by a contact of the same partner for themselves";

export interface ConversationWrite {
  channel: Channel;
  address: string;
  externalId: string;
  /** The message body; kept only when the sender is a member who consented. */
  body: string | null;
  before: Snapshot;
  after: Snapshot;
  effects: Effect[];
  stored: StoredReply;
  now: Date;
  /** Renders a message to someone else, on their channel, as what goes into the outbox. */
  render: (channel: Channel, locale: Locale, reply: Reply, options?: TextOptions) => Rendered[];
  /** The sender's own replies, when their channel answers through its API (Telegram). */
  outgoing?: OutboxMessage[];
  /** DELETE ME: digests of the erased number and Telegram id, for the erasure list. */
  erased?: ErasureDigest[];
}

export async function writeConversation(db: Db, w: ConversationWrite): Promise<void> {
  await db.batch(planWrite(w), "write");
}

export function planWrite(w: ConversationWrite): InStatement[] {
  const now = w.now.toISOString();
  const ref = memberRef(w.channel, w.address);
  const inboundRef = "(SELECT id FROM inbound_messages WHERE channel = ? AND external_id = ?)";
  const inbound = { channel: w.channel, externalId: w.externalId };
  const out: InStatement[] = [];
  for (const e of w.effects) {
    if (e.type !== "createMember") continue;
    const column = w.channel === "sms" ? "phone" : "telegram_id";
    // A number a partner invited already has a row without consent: it becomes the member.
    out.push(
      sql(
        `INSERT INTO members (${column}, name, locale, consent_at, source, created_at) VALUES (?, ?, ?, ?, 'self', ?)
         ON CONFLICT(${column}) DO UPDATE SET name = excluded.name, locale = excluded.locale, consent_at = excluded.consent_at
         WHERE members.consent_at IS NULL`,
        ref.arg,
        e.name,
        e.locale,
        now,
        now,
      ),
      ...GUARD,
    );
  }
  out.push(recordInbound(w));
  out.push(...saveConversation(w, now));
  for (const e of w.effects) {
    if (e.type === "updateMember") {
      out.push(
        sql(
          `UPDATE members SET locale = COALESCE(?, locale), opted_out = COALESCE(?, opted_out),
             plain_sms = COALESCE(?, plain_sms) WHERE id = ${ref.sql}`,
          e.locale ?? null,
          e.optedOut === undefined ? null : e.optedOut ? 1 : 0,
          e.plainSms === undefined ? null : e.plainSms ? 1 : 0,
          ref.arg,
        ),
      );
    } else if (e.type === "setVolunteeredBefore") {
      // Asked once: an answer already stored (or set by the coordinator) is not overwritten.
      out.push(
        sql(
          `UPDATE members SET volunteered_before = ? WHERE id = ${ref.sql} AND volunteered_before IS NULL`,
          e.value ? 1 : 0,
          ref.arg,
        ),
      );
    } else if (e.type === "postEarning") {
      const target = !e.forMember
        ? ref
        : "id" in e.forMember
          ? { sql: "?", arg: e.forMember.id }
          : { sql: "(SELECT id FROM members WHERE phone = ?)", arg: e.forMember.phone };
      const status = e.status ?? "pending";
      const settled = status === "confirmed";
      out.push(
        sql(
          `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, activity, day, code, logged_by,
             settled_at, settled_by, inbound_id, created_at)
           VALUES (${target.sql}, 'earning', ?, ?, ?, ?, ?, ?, ?, ?, ?, ${inboundRef}, ?)`,
          target.arg,
          status,
          e.minutes,
          e.partnerId,
          e.activity,
          e.day,
          e.code ?? null,
          e.loggedBy ?? null,
          settled ? now : null,
          settled ? (e.loggedBy ?? null) : null,
          w.channel,
          w.externalId,
          now,
        ),
      );
    } else if (e.type === "settleEarning") {
      // Only a request still open can be settled: a second answer aborts and is read again.
      out.push(
        sql(
          "UPDATE ledger_entries SET status = ?, settled_at = ?, settled_by = ?, reason = ? WHERE id = ? AND status = 'pending'",
          e.status,
          now,
          e.by,
          e.reason,
          e.entryId,
        ),
        ...GUARD,
      );
    } else if (e.type === "notify") {
      out.push(...queueNotice(w, e, inbound));
    } else if (e.type === "inviteMember") {
      out.push(
        // Who invited the number, so invitations per sender per day can be limited.
        sql(
          `INSERT INTO members (phone, name, locale, source, invited_by, created_at) VALUES (?, '', ?, 'invited', ?, ?)
           ON CONFLICT(phone) DO NOTHING`,
          e.phone,
          e.locale,
          conversationKey(w.channel, w.address),
          now,
        ),
      );
    } else if (e.type === "claimWaiting") {
      out.push(
        // Hours a contact logged for their own number, or a colleague's, are refused, not claimed.
        sql(
          `UPDATE ledger_entries AS l SET status = 'rejected', settled_at = ?, settled_by = 'system', reason = ?
           WHERE l.member_id = ${ref.sql} AND l.status = 'pending' AND l.logged_by IS NOT NULL AND ${SELF_CREDIT}`,
          now,
          SELF_CREDIT_REASON,
          ref.arg,
        ),
        sql(
          `UPDATE ledger_entries SET status = 'confirmed', settled_at = ?, settled_by = logged_by
           WHERE member_id = ${ref.sql} AND status = 'pending' AND logged_by IS NOT NULL`,
          now,
          ref.arg,
        ),
        // The givers' side of gifts that waited for this number.
        sql(
          `UPDATE ledger_entries SET status = 'confirmed', settled_at = ?
           WHERE kind = 'gift' AND status = 'held' AND counterpart_member_id = ${ref.sql}`,
          now,
          ref.arg,
        ),
      );
    } else if (
      e.type === "hold" ||
      e.type === "cancelBooking" ||
      e.type === "redeemBooking" ||
      e.type === "gift"
    ) {
      out.push(...spendStatements(e, ref, inboundRef, [w.channel, w.externalId], now));
    } else if (e.type === "createEvent") {
      const v = e.event;
      out.push(
        sql(
          `INSERT INTO events (id, partner_id, title, starts_at, cost_minutes, capacity, community, family, extra, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, 1, 0, '{"source":"partner message"}', ?) ON CONFLICT(id) DO NOTHING`,
          v.id,
          v.partnerId,
          JSON.stringify(v.title),
          v.startsAt,
          v.cost,
          v.capacity,
          now,
        ),
      );
    } else if (e.type === "markTipsAsked") {
      out.push(sql("UPDATE members SET nudges = 0 WHERE id = ? AND nudges IS NULL", e.memberId));
    } else if (e.type === "setNudges") {
      out.push(sql(`UPDATE members SET nudges = ? WHERE id = ${ref.sql}`, e.on ? 1 : 0, ref.arg));
    } else if (e.type === "linkPhone") {
      out.push(...linkStatements(e, Number(w.address)));
    } else if (e.type === "checkIn") {
      out.push(
        sql(
          `INSERT INTO checkins (member_id, partner_id, started_at) VALUES (${ref.sql}, ?, ?)`,
          ref.arg,
          e.partnerId,
          now,
        ),
      );
    } else if (e.type === "forgetMember") {
      out.push(...forgetStatements(e, inbound, w.now, w.erased));
    } else if (e.type === "checkOut") {
      out.push(
        sql("UPDATE checkins SET closed_at = ? WHERE id = ? AND closed_at IS NULL", now, e.checkinId),
        ...GUARD,
      );
    }
  }
  out.push(...lastChannel(w));
  // The last message to someone who asked to be forgotten: its address is blanked once it is sent.
  const forgotten = w.effects.some((e) => e.type === "forgetMember");
  for (const m of w.outgoing ?? [])
    out.push(queueMessage(forgotten ? { ...m, payload: { ...m.payload, forget: true } } : m, w.now, inbound));
  // Files go after the replies, so the summary arrives first.
  for (const e of w.effects) {
    if (e.type !== "sendFile" || w.channel !== "telegram") continue;
    const payload = { kind: "document", filename: e.filename };
    out.push(
      queueMessage({ channel: w.channel, address: w.address, body: e.content, payload }, w.now, inbound),
    );
  }
  return out;
}

/**
 * A message to someone else. An SMS to a member who asked for plain letters must be measured on its
 * plain text (more fits in GSM-7), and whether they asked is only known to the database: when the two
 * renderings differ by more than their letters, both are queued, each only if it is the one that
 * applies. Otherwise one is queued, and delivery takes the diacritics off for such a member.
 */
function queueNotice(
  w: ConversationWrite,
  e: Extract<Effect, { type: "notify" }>,
  inbound: { channel: string; externalId: string },
): InStatement[] {
  const queue = (r: Rendered) =>
    queueMessage(
      { channel: e.channel, address: e.address, ...r, notice: e.notice, locale: e.locale },
      w.now,
      inbound,
    );
  const full = w.render(e.channel, e.locale, e.reply);
  if (e.channel !== "sms") return full.map(queue);
  const plain = w.render(e.channel, e.locale, e.reply, { plainLetters: true });
  const same =
    plain.length === full.length && plain.every((r, i) => r.body === plainLetters(full[i]?.body ?? ""));
  if (same) return full.map(queue);
  const wants = "EXISTS (SELECT 1 FROM members WHERE phone = ? AND plain_sms = 1)";
  return [
    ...full.map((r) => onlyIf(queue(r), `NOT ${wants}`, e.address)),
    ...plain.map((r) => onlyIf(queue(r), wants, e.address)),
  ];
}

/** `INSERT … VALUES (…)` as `INSERT … SELECT … WHERE condition`: the row is written only if it holds. */
function onlyIf(statement: InStatement, condition: string, arg: string): InStatement {
  if (typeof statement === "string" || Array.isArray(statement)) return statement;
  const match = /^([\s\S]*?)\bVALUES\s*\(([\s\S]*)\)\s*$/.exec(statement.sql);
  // Should the outbox insert change shape, both are kept: delivery still makes the right one plain.
  if (!match || !Array.isArray(statement.args)) return statement;
  return { sql: `${match[1]}SELECT ${match[2]} WHERE ${condition}`, args: [...statement.args, arg] };
}

/**
 * The write for a message past the sender's rate limit: only its inbound record (so a retry is
 * recognised and the flood counted) and the one notice, if any. Nothing it said is acted on or kept.
 */
export async function writeLimited(
  db: Db,
  w: Pick<ConversationWrite, "channel" | "address" | "externalId" | "stored" | "now" | "outgoing">,
): Promise<void> {
  const inbound = { channel: w.channel, externalId: w.externalId };
  await db.batch(
    [recordInbound({ ...w, body: null }), ...(w.outgoing ?? []).map((m) => queueMessage(m, w.now, inbound))],
    "write",
  );
}

/** The inbound record: a retry finds it by external id, the rate limit counts it by address. */
function recordInbound(
  w: Pick<ConversationWrite, "channel" | "address" | "externalId" | "body" | "stored" | "now">,
): InStatement {
  const ref = memberRef(w.channel, w.address);
  return sql(
    `INSERT INTO inbound_messages (channel, external_id, member_id, locale, body, reply, received_at, address)
     VALUES (?, ?, ${ref.sql}, ?, ?, ?, ?, ?)`,
    w.channel,
    w.externalId,
    ref.arg,
    w.stored.locale,
    w.body,
    JSON.stringify(w.stored),
    w.now.toISOString(),
    w.address,
  );
}

/** Messages to this person go to the channel they used last; writing on Telegram unblocks it. */
function lastChannel(w: ConversationWrite): InStatement[] {
  const where = w.channel === "sms" ? "phone = ?" : "telegram_id = ?";
  const arg = w.channel === "sms" ? w.address : Number(w.address);
  const unblock = w.channel === "telegram" ? ", telegram_blocked = 0" : "";
  // A row already so is left alone: the usual case, and no page is written for it.
  const changed =
    w.channel === "telegram"
      ? "(last_channel IS NOT ? OR telegram_blocked IS NOT 0)"
      : "last_channel IS NOT ?";
  return [
    sql(
      `UPDATE members SET last_channel = ?${unblock} WHERE ${where} AND ${changed}`,
      w.channel,
      arg,
      w.channel,
    ),
    sql(
      `UPDATE partner_contacts SET last_channel = ?${unblock} WHERE ${where} AND ${changed}`,
      w.channel,
      arg,
      w.channel,
    ),
  ];
}

function linkStatements(e: Extract<Effect, { type: "linkPhone" }>, chat: number): InStatement[] {
  if (e.into === "thisMember") {
    return [
      sql("UPDATE members SET phone = ? WHERE telegram_id = ? AND phone IS NULL", e.phone, chat),
      ...GUARD,
    ];
  }
  // Fold an empty Telegram-only member into the member who has the number.
  const drop = e.dropMemberId
    ? [
        // Its messages (this one included) become the phone member's, rather than point at a deleted row.
        sql(
          "UPDATE inbound_messages SET member_id = (SELECT id FROM members WHERE phone = ?) WHERE member_id = ?",
          e.phone,
          e.dropMemberId,
        ),
        sql(
          "DELETE FROM members WHERE id = ? AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE member_id = ?)",
          e.dropMemberId,
          e.dropMemberId,
        ),
        ...GUARD,
      ]
    : [];
  return [
    ...drop,
    sql(
      "UPDATE members SET telegram_id = ?, last_channel = 'telegram' WHERE phone = ? AND telegram_id IS NULL",
      chat,
      e.phone,
    ),
    ...GUARD,
  ];
}

function saveConversation(w: ConversationWrite, now: string): InStatement[] {
  const key = conversationKey(w.channel, w.address);
  const { after, before } = w;
  const forget = w.effects.some((e) => e.type === "forgetConversation");
  if (!before.exists) {
    if (forget) return [];
    // A second message racing this one would insert the same key: the primary key stops it.
    return [
      sql(
        "INSERT INTO conversations (address, state, data, expires_at, version, updated_at) VALUES (?, ?, ?, ?, 1, ?)",
        key,
        after.state,
        JSON.stringify(after.data),
        after.expiresAt,
        now,
      ),
    ];
  }
  const change = forget
    ? sql("DELETE FROM conversations WHERE address = ? AND version = ?", key, before.version)
    : sql(
        "UPDATE conversations SET state = ?, data = ?, expires_at = ?, version = version + 1, updated_at = ? WHERE address = ? AND version = ?",
        after.state,
        JSON.stringify(after.data),
        after.expiresAt,
        now,
        key,
        before.version,
      );
  return [change, ...GUARD];
}
