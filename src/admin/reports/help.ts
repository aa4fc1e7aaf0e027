// Member-to-member help paid in credits (THANKS, or DONE and a YES): a gift pair tied to the post it
// answered. Each payment is counted once, by the helper's positive entry, when it took effect.
import { CONFIRMED, sumWhere } from "../../ledger/sql.ts";
import { type Db, sql } from "../../store/db.ts";
import { EFFECTIVE, monthsCte, num, text } from "./ledger.ts";
import type { Bounds } from "./period.ts";

/** The helper's side of a payment for help (over `l`): a confirmed gift in, tied to a post. */
export const HELP_PAID = `l.kind = 'gift' AND ${CONFIRMED("l")} AND l.post_id IS NOT NULL AND l.minutes > 0`;

export interface HelpCounts {
  /** Minutes paid from one member to another for help (60 = 1 hour). */
  minutes: number;
  /** The same in hours, to two decimals. */
  hours: number;
  payments: number;
  /** Distinct members paid for helping. */
  helpers: number;
  /** Distinct members who paid for the help they had. */
  helped: number;
}

export interface HelpReport extends HelpCounts {
  /** Every month of the period, zero included; members are counted once within each month. */
  months: Array<{ month: string } & HelpCounts>;
}

const COUNTS = `${sumWhere(HELP_PAID, "l")} AS minutes,
  COUNT(CASE WHEN ${HELP_PAID} THEN 1 END) AS payments,
  COUNT(DISTINCT CASE WHEN ${HELP_PAID} THEN l.member_id END) AS helpers,
  COUNT(DISTINCT CASE WHEN ${HELP_PAID} THEN l.counterpart_member_id END) AS helped`;

const counts = (r: Record<string, unknown> | undefined): HelpCounts => ({
  minutes: num(r?.minutes),
  hours: Math.round((num(r?.minutes) / 60) * 100) / 100,
  payments: num(r?.payments),
  helpers: num(r?.helpers),
  helped: num(r?.helped),
});

export async function loadHelp(db: Db, b: Bounds): Promise<HelpReport> {
  const cte = monthsCte(b.months);
  const [total, months] = await db.batch(
    [
      sql(
        `SELECT ${COUNTS} FROM ledger_entries l
         WHERE l.post_id IS NOT NULL AND ${EFFECTIVE} >= ? AND ${EFFECTIVE} < ?`,
        b.start,
        b.end,
      ),
      sql(
        `WITH ${cte.sql}
         SELECT months.month, ${COUNTS}
         FROM months LEFT JOIN ledger_entries l
           ON l.post_id IS NOT NULL AND ${EFFECTIVE} >= months.at_from AND ${EFFECTIVE} < months.at_to
         GROUP BY months.month ORDER BY months.month`,
        ...cte.args,
      ),
    ],
    "read",
  );
  return {
    ...counts(total?.rows[0]),
    months: (months?.rows ?? []).map((r) => ({ month: text(r.month), ...counts(r) })),
  };
}
