// Turns the engine's decision into ONE write batch: the inbound record (so a retry is recognised),
// the conversation saved with compare-and-set on its version, and every effect. The batch is one
// transaction; a failed guard aborts all of it and the caller reads again and retries.
import type { Effect, Snapshot } from "../core/engine-types.ts";
import type { Channel } from "../core/types.ts";
import { conversationKey, memberRef, type StoredReply } from "./conversation-read.ts";
import { type Db, type InStatement, sql } from "./db.ts";

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
}

/** Guard: aborts the batch unless the statement just before it changed exactly one row. */
const GUARD: InStatement[] = [
  sql("INSERT INTO write_guard (ok) VALUES (changes())"),
  sql("DELETE FROM write_guard"),
];

export async function writeConversation(db: Db, w: ConversationWrite): Promise<void> {
  await db.batch(planWrite(w), "write");
}

export function planWrite(w: ConversationWrite): InStatement[] {
  const now = w.now.toISOString();
  const ref = memberRef(w.channel, w.address);
  const inboundRef = "(SELECT id FROM inbound_messages WHERE channel = ? AND external_id = ?)";
  const out: InStatement[] = [];
  for (const e of w.effects) {
    if (e.type !== "createMember") continue;
    const column = w.channel === "sms" ? "phone" : "telegram_id";
    out.push(
      sql(
        `INSERT INTO members (${column}, name, locale, consent_at, source, created_at) VALUES (?, ?, ?, ?, 'self', ?)`,
        ref.arg,
        e.name,
        e.locale,
        now,
        now,
      ),
    );
  }
  out.push(
    sql(
      `INSERT INTO inbound_messages (channel, external_id, member_id, locale, body, reply, received_at)
       VALUES (?, ?, ${ref.sql}, ?, ?, ?, ?)`,
      w.channel,
      w.externalId,
      ref.arg,
      w.stored.locale,
      w.body,
      JSON.stringify(w.stored),
      now,
    ),
  );
  out.push(...saveConversation(w, now));
  for (const e of w.effects) {
    if (e.type === "updateMember") {
      out.push(
        sql(
          `UPDATE members SET locale = COALESCE(?, locale), opted_out = COALESCE(?, opted_out) WHERE id = ${ref.sql}`,
          e.locale ?? null,
          e.optedOut === undefined ? null : e.optedOut ? 1 : 0,
          ref.arg,
        ),
      );
    } else if (e.type === "postEarning") {
      out.push(
        sql(
          `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, activity, day, inbound_id, created_at)
           VALUES (${ref.sql}, 'earning', 'pending', ?, ?, ?, ?, ${inboundRef}, ?)`,
          ref.arg,
          e.minutes,
          e.partnerId,
          e.activity,
          e.day,
          w.channel,
          w.externalId,
          now,
        ),
      );
    }
  }
  return out;
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
