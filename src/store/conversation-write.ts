// Turns the engine's decision into ONE write batch: the inbound record (so a retry is recognised),
// the conversation saved with compare-and-set on its version, and every effect. The batch is one
// transaction; a failed guard aborts all of it and the caller reads again and retries.

import { type Db, GUARD, type InStatement, named, sql } from "./db.ts";
import { conversationKey, lastChannelStatements, memberByName, memberRef } from "./identity.ts";
import { queueMessage } from "./outbox.ts";
import { type ConversationWrite, type WriteContext, writeEffects } from "./writers/index.ts";

export async function writeConversation(db: Db, w: ConversationWrite): Promise<void> {
  await db.batch(planWrite(w), "write");
}

/**
 * The batch, in this order: a new member (the inbound record points at them), the inbound record, the
 * conversation, every effect in the engine's order, the channel used last, the sender's own replies
 * queued, then files.
 */
function planWrite(w: ConversationWrite): InStatement[] {
  const c: WriteContext = {
    w,
    at: w.now,
    render: renderOnce(w.render),
    now: w.now.toISOString(),
    me: memberRef(w.channel, w.address),
    inboundSql: "(SELECT id FROM inbound_messages WHERE channel = ? AND external_id = ?)",
    inbound: { channel: w.channel, externalId: w.externalId },
  };
  // The last message to someone who asked to be forgotten: its address is blanked once it is sent.
  const forgotten = w.effects.some((e) => e.type === "forgetMember");
  return [
    ...writeEffects(w.effects, "beforeInbound", c),
    recordInbound(w),
    ...saveConversation(w, c.now),
    ...writeEffects(w.effects, "inOrder", c),
    // Messages to this person go to the channel they used last; writing on Telegram unblocks it.
    ...lastChannelStatements(w.channel, w.address),
    ...(w.outgoing ?? []).map((m) =>
      queueMessage(forgotten ? { ...m, payload: { ...m.payload, forget: true } } : m, w.now, c.inbound),
    ),
    ...writeEffects(w.effects, "afterReplies", c),
  ];
}

/**
 * A message's notices are rendered once per language, channel and wording: a request told to a
 * partner's eight contacts is one rendering (two for SMS: with and without diacritics), not sixteen.
 */
function renderOnce(render: ConversationWrite["render"]): ConversationWrite["render"] {
  const done = new Map<string, ReturnType<ConversationWrite["render"]>>();
  return (channel, locale, reply, options) => {
    const key = JSON.stringify([channel, locale, reply, options ?? null]);
    let rendered = done.get(key);
    if (!rendered) {
      rendered = render(channel, locale, reply, options);
      done.set(key, rendered);
    }
    return rendered;
  };
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
  return named(
    `INSERT INTO inbound_messages (channel, external_id, member_id, locale, body, reply, received_at, address)
     VALUES (:channel, :externalId, ${memberByName(ref.column)}, :locale, :body,
             :reply, :now, :address)`,
    {
      channel: w.channel,
      externalId: w.externalId,
      member: ref.arg,
      locale: w.stored.locale,
      body: w.body,
      reply: JSON.stringify(w.stored),
      now: w.now.toISOString(),
      address: w.address,
    },
  );
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
    : named(
        `UPDATE conversations SET state = :state, data = :data, expires_at = :expiresAt, version = version + 1,
           updated_at = :now WHERE address = :key AND version = :version`,
        {
          state: after.state,
          data: JSON.stringify(after.data),
          expiresAt: after.expiresAt,
          now,
          key,
          version: before.version,
        },
      );
  return [change, ...GUARD];
}
