// Confirming or rejecting an open request on a partner's behalf, exactly as a contact's YES or NO
// would: the guarded status move (a request answered twice has one effect), settled_by 'coordinator',
// the member's news in their language through the outbox (the same replies, TIPS offer and idea
// included), and the audit row — all in one batch.
import { renderFor } from "../channels/render.ts";
import { partnerOrId, settleRequest } from "../core/notices/earning.ts";
import type { Deps } from "../deps.ts";
import { AVAILABLE } from "../ledger/sql.ts";
import { partnersQuery, rowsToPartners } from "../scheme/store.ts";
import { auditStatement } from "../store/audit.ts";
import { type InStatement, isConflict, sql } from "../store/db.ts";
import { toRequest } from "../store/partner-read.ts";
import { itemsQuery, toItem } from "../store/spend-read.ts";
import { type CommonContext, writeCommon } from "../store/writers/index.ts";

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

/** The request as the bot reads it (store/partner-read.ts toRequest), with what the member's news needs. */
async function readRequest(deps: Deps, entryId: number) {
  const [request, items, partners] = await deps.db.batch(
    [
      sql(
        `SELECT l.id, l.code, l.status, l.settled_by, l.settled_at, l.minutes, l.activity, l.day, l.partner_id,
                m.id AS member_id, m.name, m.locale, m.phone, m.telegram_id, m.opted_out, m.last_channel,
                m.telegram_blocked, m.nudges, ${AVAILABLE("m.id")} AS available, pc.name AS settled_by_name,
                (SELECT COUNT(*) FROM ledger_entries e WHERE e.member_id = m.id AND e.kind = 'earning'
                   AND e.status = 'confirmed') AS earned
         FROM ledger_entries l JOIN members m ON m.id = l.member_id
         LEFT JOIN partner_contacts pc ON l.settled_by = 'contact:' || pc.id
         WHERE l.id = ? AND l.kind = 'earning' AND l.code IS NOT NULL`,
        entryId,
      ),
      itemsQuery(deps.now()),
      partnersQuery(),
    ],
    "read",
  );
  return {
    row: request?.rows[0],
    items: (items?.rows ?? []).map(toItem),
    partners: rowsToPartners(partners?.rows ?? []),
  };
}

export async function settleOnBehalf(
  deps: Deps,
  input: { entryId: number; decision: Decision; reason: string | null; actor: string },
): Promise<SettleResult> {
  const { row: r, items, partners } = await readRequest(deps, input.entryId);
  if (!r) return { ok: false, error: "notFound" };
  const code = String(r.code);
  if (r.status !== "pending")
    return { ok: false, error: "already", status: String(r.status), settledBy: settler(r), code };
  const now = deps.now();
  const request = toRequest(r);
  // The same effects a contact's YES or NO has (core/notices/earning.ts), written by the same writers.
  const effects = settleRequest(
    request,
    partnerOrId(partners, request.partnerId),
    { status: input.decision, reason: input.reason },
    COORDINATOR,
    { partners, items, now, timezone: deps.config.timezone },
  );
  const render: CommonContext["render"] = (channel, locale, reply, options) =>
    renderFor(deps.i18n.t, channel, locale, reply, options);
  const statements: InStatement[] = [
    ...writeCommon(effects, { at: now, now: now.toISOString(), render }),
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
          member: request.memberId,
          partner: request.partnerId,
          minutes: request.minutes,
          code,
        },
      },
      now,
    ),
  ];
  try {
    await deps.db.batch(statements, "write");
  } catch (error) {
    if (!isConflict(error)) throw error;
    // Someone answered first: say who, as the bot tells a second contact.
    const again = (await readRequest(deps, input.entryId)).row;
    return {
      ok: false,
      error: "already",
      status: String(again?.status ?? ""),
      settledBy: settler(again),
      code,
    };
  }
  return { ok: true, code, memberName: request.memberName, minutes: request.minutes };
}
