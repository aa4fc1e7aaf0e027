// Delivers the outbox: messages to people other than the sender, written in the same transaction as
// their cause. Each due row is claimed atomically, sent, and marked sent or failed; a transient
// failure is retried with back-off; nothing is dropped silently.
import { sendSms } from "../channels/sms/twilio-sender.ts";
import type { Channel } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { type InStatement, sql } from "../store/db.ts";

export const MAX_ATTEMPTS = 8;
/** While a row is being sent it is leased for this long, so a second deliverer leaves it alone. */
const LEASE_MS = 5 * 60 * 1000;

export interface OutboxMessage {
  channel: Channel;
  address: string;
  body: string;
}

export type Delivery =
  | { ok: true; providerId: string; transport: string }
  | { ok: false; permanent: boolean; error: string; transport: string };

/** The statement that queues one message; put it in the same write batch as its cause. */
export function queueMessage(
  m: OutboxMessage,
  now: Date,
  inboundRef?: { channel: string; externalId: string },
): InStatement {
  const inbound = inboundRef
    ? "(SELECT id FROM inbound_messages WHERE channel = ? AND external_id = ?)"
    : "NULL";
  return sql(
    `INSERT INTO outbox (channel, address, body, next_attempt_at, created_at, inbound_id) VALUES (?, ?, ?, ?, ?, ${inbound})`,
    m.channel,
    m.address,
    m.body,
    now.toISOString(),
    now.toISOString(),
    ...(inboundRef ? [inboundRef.channel, inboundRef.externalId] : []),
  );
}

/** Sends one message on its channel. With no SMS settings, messages go to the simulator's view. */
export async function deliver(deps: Deps, m: OutboxMessage): Promise<Delivery> {
  if (m.channel === "sms") {
    const twilio = deps.config.twilio;
    if ("missing" in twilio) return { ok: true, providerId: "", transport: "sim" };
    const result = await sendSms(twilio, m.address, m.body, deps.fetch);
    return result.ok
      ? { ok: true, providerId: result.providerId, transport: "twilio" }
      : { ok: false, permanent: result.permanent, error: result.error, transport: "twilio" };
  }
  return { ok: false, permanent: true, error: `no sender for channel ${m.channel}`, transport: m.channel };
}

/** Back-off after the n-th failed attempt: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

/** Delivers every due message (at most `limit`); returns how many were sent and how many failed for good. */
export async function deliverDue(
  deps: Deps,
  limit = 50,
): Promise<{ sent: number; failed: number; retrying: number }> {
  const now = deps.now();
  const claimed = await deps.db.execute(
    sql(
      `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?
       WHERE id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT ?)
       RETURNING id, channel, address, body, attempts`,
      new Date(now.getTime() + LEASE_MS).toISOString(),
      now.toISOString(),
      limit,
    ),
  );
  const counts = { sent: 0, failed: 0, retrying: 0 };
  for (const row of claimed.rows) {
    const message: OutboxMessage = {
      channel: String(row.channel) as Channel,
      address: String(row.address),
      body: String(row.body),
    };
    const attempts = Number(row.attempts);
    let result: Delivery;
    try {
      result = await deliver(deps, message);
    } catch (error) {
      result = { ok: false, permanent: false, error: (error as Error).name, transport: message.channel };
    }
    const at = deps.now().toISOString();
    if (result.ok) {
      counts.sent++;
      await deps.db.execute(
        sql(
          "UPDATE outbox SET status = 'sent', sent_at = ?, provider_id = ?, transport = ?, last_error = NULL WHERE id = ?",
          at,
          result.providerId,
          result.transport,
          Number(row.id),
        ),
      );
      continue;
    }
    const giveUp = result.permanent || attempts >= MAX_ATTEMPTS;
    counts[giveUp ? "failed" : "retrying"]++;
    const next = new Date(deps.now().getTime() + retryDelayMs(attempts)).toISOString();
    await deps.db.execute(
      sql(
        "UPDATE outbox SET status = ?, last_error = ?, transport = ?, next_attempt_at = ? WHERE id = ?",
        giveUp ? "failed" : "pending",
        result.error.slice(0, 300),
        result.transport,
        next,
        Number(row.id),
      ),
    );
    deps.log.error("outbox.failed", {
      id: Number(row.id),
      attempts,
      permanent: result.permanent,
      gaveUp: giveUp,
    });
  }
  return counts;
}
