// How long partners take to confirm hours: median and 90th percentile of the hours from logging to
// confirmation, per partner and for all together, computed in SQL with window functions.
import { type Db, sql } from "../../store/db.ts";
import { num, text } from "./ledger.ts";
import type { Bounds } from "./period.ts";

export interface ConfirmationReport {
  /** Hours from logging to confirmation, per partner; `all` is every partner's requests together. */
  partners: Array<{
    partnerId: string;
    partner: string;
    requests: number;
    medianHours: number;
    p90Hours: number;
  }>;
  all: { requests: number; medianHours: number; p90Hours: number };
}

/** The linearly interpolated `p` quantile over rows ranked `i` = 0…n−1 within a group, as SQL. */
const quantile = (p: number) => {
  const at = `((n - 1) * ${p})`;
  const below = `CAST(${at} AS INTEGER)`;
  return `ROUND(SUM(CASE WHEN i = ${below} THEN hours * (1 - (${at} - ${below}))
                          WHEN i = ${below} + 1 THEN hours * (${at} - ${below}) ELSE 0 END), 2)`;
};

export async function loadConfirmation(db: Db, b: Bounds): Promise<ConfirmationReport> {
  // Requests a partner was asked to confirm (they carry a code), confirmed in the period.
  const result = await db.execute(
    sql(
      `WITH waits AS (
         SELECT l.partner_id, (julianday(l.settled_at) - julianday(l.created_at)) * 24.0 AS hours
         FROM ledger_entries l
         WHERE l.kind = 'earning' AND l.status = 'confirmed' AND l.code IS NOT NULL
           AND l.settled_at >= ? AND l.settled_at < ?
       ), grouped AS (
         SELECT partner_id AS grp, hours FROM waits UNION ALL SELECT '*' AS grp, hours FROM waits
       ), ranked AS (
         SELECT grp, hours, ROW_NUMBER() OVER (PARTITION BY grp ORDER BY hours) - 1 AS i,
                COUNT(*) OVER (PARTITION BY grp) AS n
         FROM grouped
       )
       SELECT grp, COALESCE(p.name, grp) AS partner, MAX(n) AS requests,
              ${quantile(0.5)} AS median, ${quantile(0.9)} AS p90
       FROM ranked LEFT JOIN partners p ON p.id = ranked.grp
       GROUP BY grp ORDER BY grp = '*', partner`,
      b.start,
      b.end,
    ),
  );
  const rows = result.rows.map((r) => ({
    partnerId: text(r.grp),
    partner: text(r.partner),
    requests: num(r.requests),
    medianHours: num(r.median),
    p90Hours: num(r.p90),
  }));
  const all = rows.find((r) => r.partnerId === "*");
  return {
    partners: rows.filter((r) => r.partnerId !== "*"),
    all: all
      ? { requests: all.requests, medianHours: all.medianHours, p90Hours: all.p90Hours }
      : { requests: 0, medianHours: 0, p90Hours: 0 },
  };
}
