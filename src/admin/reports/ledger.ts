// The ledger's reports for a period, each figure one SQL aggregate read at request time: hours by
// partner and month, credits issued / spent / gifted / held, and hoarding. Amounts are minutes
// (60 = 1 credit = 1 hour).
import { CONFIRMED, EARNED as EARNED_BY, HOLDING, sumWhere } from "../../ledger/sql.ts";
import { type Db, sql } from "../../store/db.ts";
import type { Bounds, Month } from "./period.ts";

/** A CTE of the period's months, `months(month, first_day, last_day, at_from, at_to)`, and its arguments. */
export function monthsCte(months: Month[]): { sql: string; args: string[] } {
  return {
    sql: `months(month, first_day, last_day, at_from, at_to) AS (VALUES ${months.map(() => "(?, ?, ?, ?, ?)").join(", ")})`,
    args: months.flatMap((m) => [m.month, m.firstDay, m.lastDay, m.start, m.end]),
  };
}

export const num = (v: unknown) => Number(v ?? 0);
export const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));

/** Confirmed earnings for hours given (by their `day`) in the period. */
const EARNED = EARNED_BY("l");

export interface HoursReport {
  /** One row per month and partner with confirmed hours. */
  rows: Array<{ month: string; partnerId: string; partner: string; entries: number; minutes: number }>;
  /** Every month of the period, zero included. */
  months: Array<{ month: string; minutes: number }>;
  partners: Array<{ partnerId: string; partner: string; entries: number; minutes: number }>;
  totalMinutes: number;
}

export async function loadHours(db: Db, b: Bounds): Promise<HoursReport> {
  const cte = monthsCte(b.months);
  const byPartner = `SELECT COALESCE(l.partner_id, '') AS partner_id, COALESCE(p.name, l.partner_id, '') AS partner,
         COUNT(*) AS entries, SUM(l.minutes) AS minutes, SUM(SUM(l.minutes)) OVER () AS total`;
  const [rows, months, partners] = await db.batch(
    [
      sql(
        `${byPartner}, substr(l.day, 1, 7) AS month
         FROM ledger_entries l LEFT JOIN partners p ON p.id = l.partner_id
         WHERE ${EARNED} AND l.day >= ? AND l.day <= ?
         GROUP BY month, l.partner_id ORDER BY month, partner`,
        b.from,
        b.to,
      ),
      sql(
        `WITH ${cte.sql}
         SELECT months.month, COALESCE(SUM(l.minutes), 0) AS minutes
         FROM months LEFT JOIN ledger_entries l ON ${EARNED} AND l.day >= months.first_day AND l.day <= months.last_day
         GROUP BY months.month ORDER BY months.month`,
        ...cte.args,
      ),
      sql(
        `${byPartner}
         FROM ledger_entries l LEFT JOIN partners p ON p.id = l.partner_id
         WHERE ${EARNED} AND l.day >= ? AND l.day <= ?
         GROUP BY l.partner_id ORDER BY minutes DESC, partner`,
        b.from,
        b.to,
      ),
    ],
    "read",
  );
  const partnerRow = (r: Record<string, unknown>) => ({
    partnerId: text(r.partner_id),
    partner: text(r.partner),
    entries: num(r.entries),
    minutes: num(r.minutes),
  });
  return {
    rows: (rows?.rows ?? []).map((r) => ({ month: text(r.month), ...partnerRow(r) })),
    months: (months?.rows ?? []).map((r) => ({ month: text(r.month), minutes: num(r.minutes) })),
    partners: (partners?.rows ?? []).map(partnerRow),
    totalMinutes: num(partners?.rows[0]?.total),
  };
}

export interface CreditsReport {
  /** Confirmed earnings for hours given in the period. */
  issued: number;
  /** Redeemed in the period at community events and offers (events.community / offers.community = 1). */
  spentCommunity: number;
  /** Redeemed in the period at corporate (not community) offers and events. */
  spentCorporate: number;
  /** Given from one member to another, settled in the period. */
  gifted: number;
  /** Coordinator corrections made in the period (may be negative). */
  corrections: number;
  /** Every credit members held at the end of the period (confirmed entries settled before it). */
  outstandingAtEnd: number;
  /** Credits set aside by bookings not yet redeemed or released, now. */
  heldNow: number;
}

/** When an entry took effect: its settling (a confirmation, a redemption, a claim) or its creation. */
export const EFFECTIVE = "COALESCE(l.settled_at, l.created_at)";

/** A redemption (over `l`), as the credits report counts it: confirmed. */
export const SPENT = `l.kind = 'spend' AND ${CONFIRMED("l")}`;

/**
 * 1 when a spend's booking is community, 0 when corporate (over `bk`, `e`, `o`, joined as
 * SPEND_ITEMS does): events are community unless marked otherwise, offers are not unless marked.
 */
export const COMMUNITY = `CASE WHEN bk.event_id IS NOT NULL THEN COALESCE(e.community, 1) ELSE COALESCE(o.community, 0) END`;

/** The joins COMMUNITY reads: a ledger entry `l`'s booking and its event or offer. */
export const SPEND_ITEMS = `LEFT JOIN bookings bk ON bk.id = l.booking_id
       LEFT JOIN events e ON e.id = bk.event_id
       LEFT JOIN offers o ON o.id = bk.offer_id`;

export async function loadCredits(db: Db, b: Bounds): Promise<CreditsReport> {
  const inPeriod = `${EFFECTIVE} >= ? AND ${EFFECTIVE} < ?`;
  const spent = `${SPENT} AND ${inPeriod}`;
  const result = await db.execute(
    sql(
      `SELECT
         ${sumWhere(`${EARNED} AND l.day >= ? AND l.day <= ?`, "l")} AS issued,
         ${sumWhere(`${spent} AND ${COMMUNITY} = 1`, "l", true)} AS spent_community,
         ${sumWhere(`${spent} AND ${COMMUNITY} = 0`, "l", true)} AS spent_corporate,
         ${sumWhere(`l.kind = 'gift' AND ${CONFIRMED("l")} AND l.minutes < 0 AND ${inPeriod}`, "l", true)} AS gifted,
         ${sumWhere(`l.kind = 'correction' AND ${CONFIRMED("l")} AND ${inPeriod}`, "l")} AS corrections,
         ${sumWhere(`${CONFIRMED("l")} AND ${EFFECTIVE} < ?`, "l")} AS outstanding,
         ${sumWhere(`l.kind = 'spend' AND ${HOLDING("l")}`, "l", true)} AS held
       FROM ledger_entries l
       ${SPEND_ITEMS}`,
      b.from,
      b.to,
      b.start,
      b.end,
      b.start,
      b.end,
      b.start,
      b.end,
      b.start,
      b.end,
      b.end,
    ),
  );
  const r: Record<string, unknown> = result.rows[0] ?? {};
  return {
    issued: num(r.issued),
    spentCommunity: num(r.spent_community),
    spentCorporate: num(r.spent_corporate),
    gifted: num(r.gifted),
    corrections: num(r.corrections),
    outstandingAtEnd: num(r.outstanding),
    heldNow: num(r.held),
  };
}

/** Hoarding: holding at least this many minutes (10 credits)… */
export const HOARD_MINUTES = 600;
/** …with no spend in this many days before the end of the period. */
export const HOARD_DAYS = 90;

export interface HoardingReport {
  /** Members holding ≥ 10 credits at the end of the period with no booking or spend in the 90 days before it. */
  members: Array<{ memberId: number; name: string; minutes: number; lastSpend: string | null }>;
  /** The start of the 90 days (an ISO instant). */
  since: string;
}

export async function loadHoarding(db: Db, b: Bounds): Promise<HoardingReport> {
  const since = new Date(new Date(b.end).getTime() - HOARD_DAYS * 86_400_000).toISOString();
  const result = await db.execute(
    sql(
      `WITH balances AS (
         SELECT l.member_id, SUM(l.minutes) AS minutes FROM ledger_entries l
         WHERE ${CONFIRMED("l")} AND ${EFFECTIVE} < ? GROUP BY l.member_id
       ), spends AS (
         SELECT member_id, MAX(created_at) AS last_spend FROM ledger_entries
         WHERE kind = 'spend' AND status IN ('held', 'confirmed') AND created_at < ? GROUP BY member_id
       )
       SELECT m.id, m.name, bal.minutes, s.last_spend
       FROM balances bal JOIN members m ON m.id = bal.member_id
       LEFT JOIN spends s ON s.member_id = bal.member_id
       WHERE bal.minutes >= ? AND (s.last_spend IS NULL OR s.last_spend < ?)
       ORDER BY bal.minutes DESC, m.id`,
      b.end,
      b.end,
      HOARD_MINUTES,
      since,
    ),
  );
  return {
    since,
    members: result.rows.map((r) => ({
      memberId: num(r.id),
      name: text(r.name),
      minutes: num(r.minutes),
      lastSpend: r.last_spend === null ? null : text(r.last_spend),
    })),
  };
}
