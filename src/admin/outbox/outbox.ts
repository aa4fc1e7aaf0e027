// The outbox as the dashboard sees it: counts by status, the messages that failed or are still being
// retried (never their text), and "retry now", which puts a failed message back in the queue.
import { type Db, GUARD, isConflict, sql } from "../../store/db.ts";
import { auditStatement } from "../audit/audit.ts";

/** At most this many problem messages are listed. */
export const MAX_LISTED = 100;

export interface OutboxCounts {
  pending: number;
  sent: number;
  failed: number;
  /** Pending messages that have failed at least once and wait for another try. */
  retrying: number;
}

export interface OutboxProblem {
  id: number;
  createdAt: string;
  channel: string;
  /** The recipient with all but the last four characters hidden. */
  recipient: string;
  status: "pending" | "failed";
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
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
      `SELECT id, created_at, channel, address, status, attempts, last_error, next_attempt_at FROM outbox
       WHERE status = 'failed' OR (status = 'pending' AND attempts > 0)
       ORDER BY created_at DESC, id DESC LIMIT ?`,
      limit,
    ),
  );
  return result.rows.map((r) => ({
    id: Number(r.id),
    createdAt: String(r.created_at),
    channel: String(r.channel),
    recipient: maskAddress(String(r.address)),
    status: String(r.status) === "failed" ? "failed" : "pending",
    attempts: Number(r.attempts),
    lastError: r.last_error === null ? null : String(r.last_error),
    nextAttemptAt: String(r.status) === "failed" ? null : String(r.next_attempt_at),
  }));
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
