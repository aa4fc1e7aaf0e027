// Confirming or rejecting an open request on a partner's behalf, exactly as a contact's YES or NO
// would: the guarded status move (a request answered twice has one effect), settled_by 'coordinator',
// the member's news in their language through the outbox, and the audit row — all in one batch.
import { renderFor } from "../channels/render.ts";
import { dayText, hoursCount, hoursText } from "../core/format.ts";
import { addressOf } from "../core/requests.ts";
import type { Locale, Reply } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { GUARD, type InStatement, isConflict, sql } from "../store/db.ts";
import { queueMessage } from "../store/outbox.ts";
import { channelOf } from "../store/partner-read.ts";
import { auditStatement } from "./audit.ts";
import { AVAILABLE_SQL } from "./members.ts";

export type Decision = "confirmed" | "rejected";

export type SettleResult =
  | { ok: true; code: string; memberName: string; minutes: number }
  | { ok: false; error: "notFound" }
  | { ok: false; error: "already"; status: string; settledBy: string | null; code: string };

/** Who settled a request, for "already confirmed by …": a contact's name, or "coordinator". */
function settler(row: Record<string, unknown> | undefined): string | null {
  if (!row || row.settled_by === null || row.settled_by === undefined) return null;
  return row.settled_by_name ? String(row.settled_by_name) : String(row.settled_by);
}

/** What `settled_by` says when the coordinator answered; the bot's "already confirmed by" reads it. */
export const COORDINATOR = "coordinator";

async function readRequest(deps: Deps, entryId: number) {
  const result = await deps.db.execute(
    sql(
      `SELECT l.id, l.code, l.status, l.settled_by, l.minutes, l.day, l.partner_id, p.name AS partner_name,
              m.id AS member_id, m.name, m.locale, m.phone, m.telegram_id, m.opted_out, m.last_channel,
              m.telegram_blocked, ${AVAILABLE_SQL} AS available, pc.name AS settled_by_name
       FROM ledger_entries l JOIN members m ON m.id = l.member_id LEFT JOIN partners p ON p.id = l.partner_id
       LEFT JOIN partner_contacts pc ON l.settled_by = 'contact:' || pc.id
       WHERE l.id = ? AND l.kind = 'earning' AND l.code IS NOT NULL`,
      entryId,
    ),
  );
  return result.rows[0];
}

export async function settleOnBehalf(
  deps: Deps,
  input: { entryId: number; decision: Decision; reason: string | null; actor: string },
): Promise<SettleResult> {
  const r = await readRequest(deps, input.entryId);
  if (!r) return { ok: false, error: "notFound" };
  const code = String(r.code);
  const already = () => ({
    ok: false as const,
    error: "already" as const,
    status: String(r.status),
    settledBy: settler(r),
    code,
  });
  if (r.status !== "pending") return already();
  const now = deps.now();
  const minutes = Number(r.minutes);
  const locale = String(r.locale) as Locale;
  const statements: InStatement[] = [
    sql(
      "UPDATE ledger_entries SET status = ?, settled_at = ?, settled_by = ?, reason = ? WHERE id = ? AND status = 'pending'",
      input.decision,
      now.toISOString(),
      COORDINATOR,
      input.reason,
      input.entryId,
    ),
    ...GUARD,
    auditStatement(
      {
        actor: input.actor,
        action: input.decision === "confirmed" ? "earning.confirm" : "earning.reject",
        subject: `entry:${input.entryId}`,
        before: { status: "pending" },
        after: {
          status: input.decision,
          settledBy: COORDINATOR,
          reason: input.reason,
          member: Number(r.member_id),
          partner: String(r.partner_id),
          minutes,
          code,
        },
      },
      now,
    ),
  ];
  const where = addressOf({
    phone: r.phone === null ? null : String(r.phone),
    telegramId: r.telegram_id === null ? null : Number(r.telegram_id),
    lastChannel: channelOf(r.last_channel),
    telegramBlocked: Number(r.telegram_blocked) === 1,
  });
  if (where && Number(r.opted_out) !== 1) {
    const reply = news(input.decision, input.reason, {
      partner: String(r.partner_name ?? r.partner_id),
      minutes,
      day: String(r.day),
      balance: Number(r.available) + minutes,
      locale,
    });
    for (const rendered of renderFor(deps.i18n.t, where.channel, locale, reply)) {
      statements.push(queueMessage({ ...where, ...rendered }, now));
    }
  }
  try {
    await deps.db.batch(statements, "write");
  } catch (error) {
    if (!isConflict(error)) throw error;
    // Someone answered first: say who, as the bot tells a second contact.
    const again = await readRequest(deps, input.entryId);
    return {
      ok: false,
      error: "already",
      status: String(again?.status ?? ""),
      settledBy: settler(again),
      code,
    };
  }
  return { ok: true, code, memberName: String(r.name), minutes };
}

/** The member's news, the same replies a contact's answer sends (see core/transitions/confirm.ts). */
function news(
  decision: Decision,
  reason: string | null,
  e: { partner: string; minutes: number; day: string; balance: number; locale: Locale },
): Reply {
  const base = { name: e.partner, hours: hoursText(e.minutes, e.locale), day: dayText(e.day, e.locale) };
  if (decision === "confirmed") {
    return {
      key: "earning.confirmed",
      params: { ...base, count: hoursCount(e.balance), credits: hoursText(e.balance, e.locale) },
    };
  }
  return {
    key: reason ? "earning.rejected" : "earning.rejectedPlain",
    params: { ...base, reason: reason ?? "" },
  };
}
