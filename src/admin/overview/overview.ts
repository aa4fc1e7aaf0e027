// The scheme at a glance, every figure one SQL aggregate over members and the ledger. Amounts are
// minutes (60 = 1 credit); "this month" is the calendar month in the scheme's timezone.
import { TZDate } from "@date-fns/tz";
import { TOTAL_BALANCE, TOTAL_HELD } from "../../ledger/sql.ts";
import { type Db, sql } from "../../store/db.ts";

export interface Overview {
  /** Members who have joined (consented), opted-out ones included. */
  members: number;
  /** Members with any ledger entry made in the last 30 days: logged, spent, gave or received. */
  active30: number;
  /** Confirmed hours given this month (by the day they were given), in minutes. */
  minutesThisMonth: number;
  /** Credits created: confirmed earnings plus corrections (which may be negative). */
  issued: number;
  /** Credits redeemed at events and offers. */
  spent: number;
  /** Credits members hold: every confirmed entry added up (gifts cancel out) = issued − spent. */
  outstanding: number;
  /** Credits set aside by bookings and gifts waiting for their receiver (already part of outstanding). */
  held: number;
  /** Open confirmation requests, and those waiting more than 48 hours. */
  pendingRequests: number;
  pendingOlderThan48h: number;
}

const DAY_MS = 86_400_000;

/** The first local day of the month `now` falls in, and of the month after, as YYYY-MM-DD. */
export function monthBounds(now: Date, timezone: string): { from: string; to: string } {
  const local = new TZDate(now.getTime(), timezone);
  const y = local.getFullYear();
  const m = local.getMonth() + 1;
  const pad = (n: number) => String(n).padStart(2, "0");
  return { from: `${y}-${pad(m)}-01`, to: m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01` };
}

export async function loadOverview(db: Db, now: Date, timezone: string): Promise<Overview> {
  const month = monthBounds(now, timezone);
  const since30 = new Date(now.getTime() - 30 * DAY_MS).toISOString();
  const before48h = new Date(now.getTime() - 2 * DAY_MS).toISOString();
  const [people, ledger] = await db.batch(
    [
      sql(
        `SELECT (SELECT COUNT(*) FROM members WHERE consent_at IS NOT NULL) AS members,
                (SELECT COUNT(DISTINCT member_id) FROM ledger_entries WHERE created_at >= ?) AS active30`,
        since30,
      ),
      sql(
        `SELECT
           COALESCE(SUM(CASE WHEN kind = 'earning' AND status = 'confirmed' AND day >= ? AND day < ? THEN minutes END), 0) AS month,
           COALESCE(SUM(CASE WHEN kind IN ('earning', 'correction') AND status = 'confirmed' THEN minutes END), 0) AS issued,
           COALESCE(-SUM(CASE WHEN kind = 'spend' AND status = 'confirmed' THEN minutes END), 0) AS spent,
           ${TOTAL_BALANCE()} AS outstanding,
           ${TOTAL_HELD()} AS held,
           COUNT(CASE WHEN kind = 'earning' AND status = 'pending' AND code IS NOT NULL THEN 1 END) AS pending,
           COUNT(CASE WHEN kind = 'earning' AND status = 'pending' AND code IS NOT NULL AND created_at < ? THEN 1 END) AS stale
         FROM ledger_entries`,
        month.from,
        month.to,
        before48h,
      ),
    ],
    "read",
  );
  const p: Record<string, unknown> = people?.rows[0] ?? {};
  const l: Record<string, unknown> = ledger?.rows[0] ?? {};
  return {
    members: Number(p.members ?? 0),
    active30: Number(p.active30 ?? 0),
    minutesThisMonth: Number(l.month ?? 0),
    issued: Number(l.issued ?? 0),
    spent: Number(l.spent ?? 0),
    outstanding: Number(l.outstanding ?? 0),
    held: Number(l.held ?? 0),
    pendingRequests: Number(l.pending ?? 0),
    pendingOlderThan48h: Number(l.stale ?? 0),
  };
}
