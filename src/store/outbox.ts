// The outbox's one INSERT: a message to someone, queued in the same write batch as its cause (a
// request, a confirmation, a reply sent through a channel's API), so none is lost or sent twice.
// Delivery is jobs/outbox.ts.
import type { RequestNotice } from "../core/engine-types.ts";
import type { Channel, Locale } from "../core/types.ts";
import { type InStatement, sql } from "./db.ts";

export interface OutboxMessage {
  channel: Channel;
  address: string;
  body: string;
  /** Channel extras, e.g. Telegram buttons or an edit: { kind: "send" | "edit" | "answer", … }. */
  payload?: Record<string, unknown>;
  /** A request to a partner contact, in the contact's `locale`: sent at most one per window, the rest in a digest. */
  notice?: RequestNotice | undefined;
  locale?: Locale;
  /** At delivery: the person asked for plain letters (SMS without diacritics). */
  plain?: boolean;
  /** At delivery, WhatsApp: when they last wrote to us there, and whether Twilio said the window is closed. */
  lastInboundAt?: string | null;
  windowClosed?: boolean;
}

/** An SQL condition with its arguments: the message is queued only if it holds when the batch runs. */
export interface Condition {
  sql: string;
  args: Array<string | number | null>;
}

/** The statement that queues one message; put it in the same write batch as its cause. */
export function queueMessage(
  m: OutboxMessage,
  now: Date,
  inboundRef?: { channel: string; externalId: string },
  onlyIf?: Condition,
): InStatement {
  const inbound = inboundRef
    ? "(SELECT id FROM inbound_messages WHERE channel = ? AND external_id = ?)"
    : "NULL";
  // The request was written earlier in the same batch; its code is unique among open requests.
  const request = m.notice
    ? "'request', (SELECT id FROM ledger_entries WHERE partner_id = ? AND code = ? AND status = 'pending' ORDER BY id DESC LIMIT 1), ?"
    : "NULL, NULL, NULL";
  // With a condition the row is selected rather than given, so it is written only when the condition holds.
  const values = `?, ?, ?, ?, ?, ?, ${inbound}, ${request}`;
  const source = onlyIf ? `SELECT ${values} WHERE ${onlyIf.sql}` : `VALUES (${values})`;
  return sql(
    `INSERT INTO outbox (channel, address, body, payload, next_attempt_at, created_at, inbound_id, notice, request_id, notice_locale)
     ${source}`,
    m.channel,
    m.address,
    m.body,
    m.payload ? JSON.stringify(m.payload) : null,
    now.toISOString(),
    now.toISOString(),
    ...(inboundRef ? [inboundRef.channel, inboundRef.externalId] : []),
    ...(m.notice ? [m.notice.partnerId, m.notice.code, m.locale ?? "en"] : []),
    ...(onlyIf?.args ?? []),
  );
}
