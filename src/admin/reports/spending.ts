// The share of credits spent at community events and offers against corporate ones, over time: per
// month, or per week when the period is short. Counted as the credits report counts them (confirmed
// redemptions, when they took effect), so the spans add up to its two figures.
import { sumWhere } from "../../ledger/sql.ts";
import { type Db, sql } from "../../store/db.ts";
import { COMMUNITY, EFFECTIVE, num, SPEND_ITEMS, SPENT } from "./ledger.ts";
import type { Bounds } from "./period.ts";

/** A period of at most this many days is shown week by week. */
export const WEEKLY_UP_TO_DAYS = 92;

export interface SpendShare {
  /** Minutes spent at community events and offers. */
  spentCommunity: number;
  /** Minutes spent at corporate offers and events. */
  spentCorporate: number;
  /** spentCommunity ÷ both, to four decimals; null when nothing was spent. */
  communityShare: number | null;
}

export interface SpendingReport {
  unit: "month" | "week";
  /** Every month or week of the period (local days, both included), zero included. */
  spans: Array<{ from: string; to: string } & SpendShare>;
  total: SpendShare;
}

const share = (community: number, corporate: number): SpendShare => ({
  spentCommunity: community,
  spentCorporate: corporate,
  communityShare:
    community + corporate > 0 ? Math.round((community / (community + corporate)) * 10_000) / 10_000 : null,
});

export async function loadSpending(db: Db, b: Bounds): Promise<SpendingReport> {
  const unit = b.days <= WEEKLY_UP_TO_DAYS ? "week" : "month";
  const spans = unit === "week" ? b.weeks : b.months;
  const result = await db.execute(
    sql(
      `WITH spans(first_day, last_day, at_from, at_to) AS (VALUES ${spans.map(() => "(?, ?, ?, ?)").join(", ")})
       SELECT spans.first_day, spans.last_day,
         ${sumWhere(`${COMMUNITY} = 1`, "l", true)} AS community,
         ${sumWhere(`${COMMUNITY} = 0`, "l", true)} AS corporate
       FROM spans LEFT JOIN ledger_entries l
         ON ${SPENT} AND ${EFFECTIVE} >= spans.at_from AND ${EFFECTIVE} < spans.at_to
       ${SPEND_ITEMS}
       GROUP BY spans.first_day ORDER BY spans.first_day`,
      ...spans.flatMap((s) => [s.firstDay, s.lastDay, s.start, s.end]),
    ),
  );
  const rows = result.rows.map((r) => ({
    from: String(r.first_day),
    to: String(r.last_day),
    ...share(num(r.community), num(r.corporate)),
  }));
  return {
    unit,
    spans: rows,
    total: share(
      rows.reduce((s, r) => s + r.spentCommunity, 0),
      rows.reduce((s, r) => s + r.spentCorporate, 0),
    ),
  };
}
