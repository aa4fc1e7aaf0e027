// A post on the members' board settled outside the poster's conversation: approved or refused by the
// coordinator, ended by the job when its time is up, or the poster reminded that it ends soon. Each
// is the guarded move and the poster's news in their language (none when they have opted out).
import type { Effect, Post } from "../engine-types.ts";
import { notify } from "../requests.ts";
import type { Reply } from "../types.ts";

/** What settling or reminding writes: the post's move and the poster's news. */
export type PostEffect = Extract<Effect, { type: "settlePost" | "remindPost" | "notify" }>;

/** The coordinator approves or refuses a waiting post; the job ends an open one. `by` is recorded. */
export interface PostDecision {
  outcome: "approved" | "refused" | "expired";
  by: string;
}

export interface PostView {
  now: Date;
  /** The scheme's `postDays`: an approved post is up this many days, counted from the approval. */
  postDays: number;
}

const DAY = 86_400_000;

/**
 * @example settlePostNotice(post, { outcome: "approved", by: "coordinator:Kim" }, { now, postDays: 30 })
 *   // [{ type: "settlePost", status: "open", expiresAt: now + 30 days, … },
 *   //  { type: "notify", …, reply: { key: "post.approved", params: { code: "P482", count: 30 } } }]
 */
export function settlePostNotice(post: Post, decision: PostDecision, view: PostView): PostEffect[] {
  const { by } = decision;
  const effects: PostEffect[] =
    decision.outcome === "approved"
      ? [
          {
            type: "settlePost",
            postId: post.id,
            status: "open",
            by,
            expiresAt: new Date(view.now.getTime() + view.postDays * DAY).toISOString(),
          },
        ]
      : [{ type: "settlePost", postId: post.id, status: decision.outcome, by }];
  if (post.poster.optedOut) return effects;
  const code = post.code;
  const reply: Reply =
    decision.outcome === "approved"
      ? { key: "post.approved", params: { code, count: view.postDays } }
      : { key: decision.outcome === "refused" ? "post.refused" : "post.expired", params: { code } };
  return [...effects, ...notify(post.poster, post.poster.locale, reply)];
}

/** Whole days from `now` until `expiresAt`, at least 1: "ends in 1 day" on its last day too. */
export function daysLeft(expiresAt: string, now: Date): number {
  return Math.max(1, Math.floor((Date.parse(expiresAt) - now.getTime()) / DAY));
}

/**
 * The once-only reminder that a post ends in `days` days (RENEW keeps it up).
 * @example remindPostNotice(post, 2) // [{ type: "remindPost", postId }, { type: "notify", … "post.expiring" }]
 */
export function remindPostNotice(post: Post, days: number): PostEffect[] {
  const effects: PostEffect[] = [{ type: "remindPost", postId: post.id }];
  if (post.poster.optedOut) return effects;
  const reply = { key: "post.expiring", params: { code: post.code, count: days } } as const;
  return [...effects, ...notify(post.poster, post.poster.locale, reply)];
}
