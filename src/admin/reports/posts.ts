// The members' board for a period: offers and asks posted, approved (by a coordinator, or at once
// where the scheme needs no approval) and refused, and the replies answered: matches (both agreed and
// swapped numbers) and declined. Each is counted when it happened, so approvals in a period may
// include posts from before it.
import { type Db, sql } from "../../store/db.ts";
import { num, text } from "./ledger.ts";
import type { Bounds } from "./period.ts";

export interface PostCounts {
  posted: number;
  approved: number;
  refused: number;
  /** Replies to these posts that ended with both members' numbers shared. */
  matches: number;
  /** Replies the poster declined. */
  declined: number;
}

export interface PostsReport {
  offers: PostCounts;
  asks: PostCounts;
  all: PostCounts;
}

export const POST_MEASURES = ["posted", "approved", "refused", "matches", "declined"] as const;

const zero = (): PostCounts => ({ posted: 0, approved: 0, refused: 0, matches: 0, declined: 0 });

export async function loadPosts(db: Db, b: Bounds): Promise<PostsReport> {
  const within = (column: string) => `${column} >= ? AND ${column} < ?`;
  const [posts, links] = await db.batch(
    [
      sql(
        `SELECT kind,
           COUNT(CASE WHEN ${within("created_at")} THEN 1 END) AS posted,
           COUNT(CASE WHEN ${within("approved_at")} THEN 1 END) AS approved,
           COUNT(CASE WHEN status = 'refused' AND ${within("closed_at")} THEN 1 END) AS refused
         FROM posts GROUP BY kind`,
        ...[b.start, b.end, b.start, b.end, b.start, b.end],
      ),
      sql(
        `SELECT p.kind,
           COUNT(CASE WHEN k.status = 'shared' THEN 1 END) AS matches,
           COUNT(CASE WHEN k.status = 'declined' THEN 1 END) AS declined
         FROM post_links k JOIN posts p ON p.id = k.post_id
         WHERE ${within("k.answered_at")} GROUP BY p.kind`,
        b.start,
        b.end,
      ),
    ],
    "read",
  );
  const report: PostsReport = { offers: zero(), asks: zero(), all: zero() };
  const side = (kind: unknown) => (text(kind) === "offer" ? report.offers : report.asks);
  for (const r of posts?.rows ?? []) {
    Object.assign(side(r.kind), {
      posted: num(r.posted),
      approved: num(r.approved),
      refused: num(r.refused),
    });
  }
  for (const r of links?.rows ?? []) {
    Object.assign(side(r.kind), { matches: num(r.matches), declined: num(r.declined) });
  }
  for (const m of POST_MEASURES) report.all[m] = report.offers[m] + report.asks[m];
  return report;
}
