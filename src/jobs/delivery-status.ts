// Twilio's delivery status callbacks, applied to the outbox row of the message they are about (found
// by its MessageSid). The status is recorded (never going backwards: a late "sent" after "delivered"
// is ignored); a failure on WhatsApp sends the message again the way channels/sms/status.ts says.
// A callback for an older attempt (the row has been sent again since, under a new sid) changes
// nothing, and a repeated callback changes nothing more: each requeue requires the row still sent.
import { STATUS_RANK, statusOutcome } from "../channels/sms/status.ts";
import { sendTime } from "../core/schedule.ts";
import type { Channel } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { type InStatement, sql } from "../store/db.ts";
import { deadChannelStatements, stoppedStatements } from "../store/identity.ts";
import { deliverSoon, MAX_ATTEMPTS, retryDelayMs } from "./outbox.ts";

export interface DeliveryStatus {
  /** The MessageSid our REST call got back. */
  sid: string;
  status: string;
  errorCode: number | null;
}

export type StatusResult = "unknown" | "recorded" | "resent" | "failed";

export async function applyDeliveryStatus(deps: Deps, s: DeliveryStatus): Promise<StatusResult> {
  const found = await deps.db.execute(
    sql(
      `SELECT id, address, status, delivery, attempts, transport, broadcast_id IS NOT NULL AS broadcast
       FROM outbox WHERE provider_id = ?`,
      s.sid,
    ),
  );
  const row = found.rows[0];
  if (!row) return "unknown";
  const id = Number(row.id);
  const address = String(row.address);
  // A WhatsApp row that went by SMS failed as an SMS.
  const sentOn: Channel = String(row.transport ?? "").startsWith("twilio-whatsapp") ? "whatsapp" : "sms";
  const outcome = statusOutcome(sentOn, s.status, s.errorCode);
  const now = deps.now();
  const forward = (STATUS_RANK[s.status] ?? 0) >= (STATUS_RANK[String(row.delivery)] ?? -1);
  const statements: InStatement[] = forward
    ? [
        sql(
          "UPDATE outbox SET delivery = ?, delivery_error = ? WHERE id = ? AND provider_id = ?",
          s.status,
          s.errorCode,
          id,
          s.sid,
        ),
      ]
    : [];
  const error = `Twilio ${s.status}${s.errorCode ? ` ${s.errorCode}` : ""}`;
  const stillSent = "WHERE id = ? AND provider_id = ? AND status = 'sent'";
  const at = (date: Date) =>
    (Number(row.broadcast) === 1 ? sendTime(date, deps.config.timezone) : date).toISOString();
  let result: StatusResult = "recorded";
  if (outcome.kind === "template") {
    statements.push(
      sql(
        `UPDATE outbox SET status = 'pending', window_closed = 1, next_attempt_at = ?, last_error = ? ${stillSent}`,
        at(now),
        error,
        id,
        s.sid,
      ),
    );
    result = "resent";
  } else if (outcome.kind === "sms") {
    statements.push(
      ...(outcome.dead ? deadChannelStatements("whatsapp", address) : []),
      sql(
        `UPDATE outbox SET status = 'pending', channel = 'sms', fallback = ?, next_attempt_at = ?, last_error = ? ${stillSent}`,
        outcome.why,
        at(now),
        error,
        id,
        s.sid,
      ),
    );
    result = "resent";
  } else if (outcome.kind === "retry" && Number(row.attempts) < MAX_ATTEMPTS) {
    const next = new Date(now.getTime() + retryDelayMs(Number(row.attempts)));
    statements.push(
      sql(
        `UPDATE outbox SET status = 'pending', next_attempt_at = ?, last_error = ? ${stillSent}`,
        at(next),
        error,
        id,
        s.sid,
      ),
    );
    result = "resent";
  } else if (outcome.kind === "failed" || outcome.kind === "retry") {
    statements.push(
      ...(outcome.kind === "failed" && outcome.stopped ? stoppedStatements("sms", address) : []),
      sql(`UPDATE outbox SET status = 'failed', last_error = ? ${stillSent}`, error, id, s.sid),
    );
    result = "failed";
  }
  if (statements.length) await deps.db.batch(statements, "write");
  if (result === "resent") deliverSoon(deps);
  if (outcome.kind !== "record")
    deps.log.info("outbox.status", { id, status: s.status, code: s.errorCode, result });
  return result;
}
