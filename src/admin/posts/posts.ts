// The posts page's and API's read: members' posts with their poster's first name, how many members
// replied, and when each was approved; waiting ones first (oldest first: the queue to check), then
// open ones (ending soonest first), then the rest (newest first).
import type { Post } from "../../core/engine-types.ts";
import type { Db } from "../../store/db.ts";
import { select } from "../../store/json-read.ts";
import { POST_COLUMNS, POST_FROM, toPost } from "../../store/post-read.ts";

export const POST_STATUSES = ["waiting", "open", "closed", "expired", "refused"] as const;

/** At most this many posts are listed. */
export const MAX_POSTS = 500;

export interface PostListing {
  id: number;
  code: string;
  kind: Post["kind"];
  body: string;
  status: Post["status"];
  memberId: number;
  /** All the board shows of the poster; empty for an erased member. */
  firstName: string;
  createdAt: string;
  approvedAt: string | null;
  expiresAt: string;
  /** Members who replied to the post's code, whatever the poster answered. */
  replies: number;
}

/** Posts with one of `statuses` (every post when empty), in the page's order. */
export async function listPosts(db: Db, statuses: readonly Post["status"][] = []): Promise<PostListing[]> {
  const only = statuses.length ? `WHERE p.status IN (${statuses.map(() => "?").join(", ")})` : "";
  const query = select(
    [
      ...POST_COLUMNS,
      "p.approved_at",
      "(SELECT COUNT(*) FROM post_links l WHERE l.post_id = p.id) AS replies",
    ],
    `${POST_FROM} ${only}
     ORDER BY CASE p.status WHEN 'waiting' THEN 0 WHEN 'open' THEN 1 ELSE 2 END,
       CASE p.status WHEN 'waiting' THEN p.created_at WHEN 'open' THEN p.expires_at END, p.id DESC
     LIMIT ${MAX_POSTS}`,
    ...statuses,
  );
  const result = await db.execute(query);
  return result.rows.map((r) => {
    const post = toPost(r);
    return {
      id: post.id,
      code: post.code,
      kind: post.kind,
      body: post.body,
      status: post.status,
      memberId: post.memberId,
      firstName: post.firstName,
      createdAt: post.createdAt,
      approvedAt: r.approved_at === null ? null : String(r.approved_at),
      expiresAt: post.expiresAt,
      replies: Number(r.replies),
    };
  });
}
