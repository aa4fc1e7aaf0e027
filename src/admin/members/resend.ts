// Resending a message a member was sent (it failed, or they lost it): a new outbox row with the same
// text on the same channel, and its audit row, in one batch. Nothing goes to a member who opted out.

import { auditStatement } from "../../store/audit.ts";
import { type Db, sql } from "../../store/db.ts";
import type { MemberDetail, SentMessage } from "./members.ts";

export type ResendResult = { ok: true } | { ok: false; error: "optedOut" | "notFound" };

export async function resendMessage(
  db: Db,
  input: { member: MemberDetail; messages: SentMessage[]; messageId: number; actor: string; now: Date },
): Promise<ResendResult> {
  const { member, messageId, actor, now } = input;
  const message = input.messages.find((m) => m.id === messageId);
  if (!message) return { ok: false, error: "notFound" };
  if (member.optedOut) return { ok: false, error: "optedOut" };
  const at = now.toISOString();
  await db.batch(
    [
      sql(
        `INSERT INTO outbox (channel, address, body, payload, next_attempt_at, created_at)
         SELECT channel, address, body, payload, ?, ? FROM outbox WHERE id = ?`,
        at,
        at,
        messageId,
      ),
      auditStatement(
        {
          actor,
          action: "message.resend",
          subject: `member:${member.id}`,
          before: { messageId, status: message.status },
          // The text is in the outbox row (messageId); the audit log names no one and quotes nothing.
          after: { channel: message.channel },
        },
        now,
        { key: "messageId", subquery: "SELECT MAX(id) FROM outbox", args: [] },
      ),
    ],
    "write",
  );
  return { ok: true };
}
