// The outbox as the dashboard sees it: counts by status, the messages that failed or are still being
// retried, those that went by SMS instead of WhatsApp (never their text), each with Twilio's delivery
// report, and "retry now", which puts a failed message back in the queue.

import { auditStatement } from "../../store/audit.ts";
import { type Db, GUARD, isConflict, type ResultSet, sql } from "../../store/db.ts";

/** At most this many problem messages are listed. */
export const MAX_LISTED = 100;

export interface OutboxCounts {
  pending: number;
  sent: number;
  failed: number;
  /** Pending messages that have failed at least once and wait for another try. */
  retrying: number;
}

/** A queued message as the dashboard lists it, without its text. */
export interface OutboxListed {
  id: number;
  createdAt: string;
  channel: string;
  /** The recipient with all but the last four characters hidden. */
  recipient: string;
  attempts: number;
  /** How it went out last: twilio-whatsapp, twilio-whatsapp-template, twilio-sms (WhatsApp by SMS) … */
  transport: string | null;
  /** Twilio's status callback for the latest attempt (delivered, read, undelivered …), and its ErrorCode. */
  delivery: string | null;
  deliveryError: number | null;
  /** Why a message for WhatsApp went (or goes) by SMS: outside the window without a template, not on WhatsApp … */
  fallback: string | null;
}

export interface OutboxProblem extends OutboxListed {
  status: "pending" | "failed";
  lastError: string | null;
  nextAttemptAt: string | null;
}

export interface OutboxFallback extends OutboxListed {
  sentAt: string | null;
}

const LISTED_COLUMNS =
  "id, created_at, channel, address, status, attempts, transport, delivery, delivery_error, fallback";

function listed(r: ResultSet["rows"][number]): OutboxListed {
  return {
    id: Number(r.id),
    createdAt: String(r.created_at),
    channel: String(r.channel),
    recipient: maskAddress(String(r.address)),
    attempts: Number(r.attempts),
    transport: r.transport === null ? null : String(r.transport),
    delivery: r.delivery === null ? null : String(r.delivery),
    deliveryError: r.delivery_error === null ? null : Number(r.delivery_error),
    fallback: r.fallback === null ? null : String(r.fallback),
  };
}

/** "+447700900100" → "••••0100". */
export function maskAddress(address: string): string {
  return `••••${address.slice(-4)}`;
}

export async function outboxCounts(db: Db): Promise<OutboxCounts> {
  const result = await db.execute(
    `SELECT
       COALESCE(SUM(status = 'pending'), 0) AS pending,
       COALESCE(SUM(status = 'sent'), 0) AS sent,
       COALESCE(SUM(status = 'failed'), 0) AS failed,
       COALESCE(SUM(status = 'pending' AND attempts > 0), 0) AS retrying
     FROM outbox`,
  );
  const row = result.rows[0];
  return {
    pending: Number(row?.pending ?? 0),
    sent: Number(row?.sent ?? 0),
    failed: Number(row?.failed ?? 0),
    retrying: Number(row?.retrying ?? 0),
  };
}

/** Failed messages and those still being retried, newest first; the body is never read. */
export async function outboxProblems(db: Db, limit = MAX_LISTED): Promise<OutboxProblem[]> {
  const result = await db.execute(
    sql(
      `SELECT ${LISTED_COLUMNS}, last_error, next_attempt_at FROM outbox
       WHERE status = 'failed' OR (status = 'pending' AND attempts > 0)
       ORDER BY created_at DESC, id DESC LIMIT ?`,
      limit,
    ),
  );
  return result.rows.map((r) => ({
    ...listed(r),
    status: String(r.status) === "failed" ? "failed" : "pending",
    lastError: r.last_error === null ? null : String(r.last_error),
    nextAttemptAt: String(r.status) === "failed" ? null : String(r.next_attempt_at),
  }));
}

/** How far back the list of messages sent by SMS instead of WhatsApp looks. */
export const FALLBACK_DAYS = 30;

/**
 * Messages for WhatsApp queued in the last `FALLBACK_DAYS` days that were sent by SMS, with the reason,
 * newest first (read along the outbox_created index: sent rows are kept); the body is never read.
 */
export async function outboxFallbacks(db: Db, now: Date, limit = MAX_LISTED): Promise<OutboxFallback[]> {
  const since = new Date(now.getTime() - FALLBACK_DAYS * 86_400_000).toISOString();
  const result = await db.execute(
    sql(
      `SELECT ${LISTED_COLUMNS}, sent_at FROM outbox
       WHERE created_at >= ? AND status = 'sent' AND fallback IS NOT NULL
       ORDER BY created_at DESC, id DESC LIMIT ?`,
      since,
      limit,
    ),
  );
  return result.rows.map((r) => ({ ...listed(r), sentAt: r.sent_at === null ? null : String(r.sent_at) }));
}

/**
 * Puts a failed message back in the queue, due now, its attempts unchanged; the change and its audit
 * row are one batch. False when there is no such failed message (already retried, sent, or unknown).
 */
export async function retryNow(db: Db, input: { id: number; actor: string; now: Date }): Promise<boolean> {
  const { id, actor, now } = input;
  const found = await db.execute(
    sql("SELECT attempts, last_error FROM outbox WHERE id = ? AND status = 'failed'", id),
  );
  const row = found.rows[0];
  if (!row) return false;
  try {
    await db.batch(
      [
        sql(
          "UPDATE outbox SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status = 'failed'",
          now.toISOString(),
          id,
        ),
        ...GUARD,
        auditStatement(
          {
            actor,
            action: "outbox.retry",
            subject: `outbox:${id}`,
            before: { status: "failed", attempts: Number(row.attempts), lastError: row.last_error },
            after: { status: "pending", nextAttemptAt: now.toISOString() },
          },
          now,
        ),
      ],
      "write",
    );
  } catch (error) {
    // Someone else retried it first: the guard aborted the batch.
    if (isConflict(error)) return false;
    throw error;
  }
  return true;
}
