// The members' board and polls as the conversation's read needs them (src/store/conversation-read.ts,
// only for a message about posts, or one that could answer a poll): live posts with their posters'
// reach, the replies the sender is part of, which of this message's candidate codes are taken, and
// the sender's open poll.
import type { EventInvite, HelpClaim, OpenPoll, PostLink } from "../core/engine-types.ts";
import { firstName } from "../core/posts.ts";
import { type Query, select } from "./json-read.ts";
import { POST_COLUMNS, POST_FROM, REACH_COLUMNS, reachOf } from "./post-read.ts";

type Row = Record<string, unknown>;

/** Live posts, newest first (the board), and the sender's own of the last month whatever became of them. */
export function boardQuery(memberSql: string, arg: string | number, since: string): Query {
  return select(
    POST_COLUMNS,
    `${POST_FROM}
     WHERE p.status IN ('waiting', 'open') OR (p.member_id = ${memberSql} AND p.created_at >= ?)
     ORDER BY p.id DESC LIMIT 300`,
    arg,
    since,
  );
}

/** Replies to the sender's posts, and the sender's replies to others', with the replier's reach. */
export function linksQuery(memberSql: string, arg: string | number): Query {
  return select(
    ["l.id", "l.post_id", "l.member_id", "l.status", "l.created_at", ...REACH_COLUMNS],
    `FROM post_links l JOIN members m ON m.id = l.member_id JOIN posts p ON p.id = l.post_id
     WHERE p.member_id = ${memberSql} OR l.member_id = ${memberSql}
     ORDER BY l.id LIMIT 300`,
    arg,
    arg,
  );
}

/** Minutes paid for help through each post the sender is part of, in the last week (the post's cap). */
export function paidQuery(memberSql: string, arg: string | number, since: string): Query {
  return select(
    ["post_id", "SUM(minutes) AS minutes"],
    `FROM ledger_entries WHERE post_id IN (SELECT id FROM posts WHERE member_id = ${memberSql}
       UNION SELECT post_id FROM post_links WHERE member_id = ${memberSql})
     AND minutes > 0 AND status = 'confirmed' AND created_at >= ? GROUP BY post_id`,
    arg,
    arg,
    since,
  );
}

/** Which of `codes` live posts use. */
export function takenPostCodesQuery(codes: readonly string[]): Query {
  return select(
    ["code"],
    `FROM posts WHERE status IN ('waiting', 'open') AND code IN (${codes.map(() => "?").join(", ") || "NULL"})`,
    ...codes,
  );
}

export function toPostLink(r: Row): PostLink {
  return {
    id: Number(r.id),
    postId: Number(r.post_id),
    memberId: Number(r.member_id),
    firstName: firstName(String(r.name)),
    member: reachOf(r),
    status: String(r.status) as PostLink["status"],
    createdAt: String(r.created_at),
  };
}

/** The newest open poll the sender was sent, and their answer so far (core/read-plan.ts: `poll`). */
export function openPollQuery(memberSql: string, arg: string | number, now: string): Query {
  return select(
    ["p.id", "p.options", "v.option AS my_vote"],
    `FROM polls p JOIN poll_recipients r ON r.poll_id = p.id AND r.member_id = ${memberSql}
     LEFT JOIN poll_votes v ON v.poll_id = p.id AND v.member_id = r.member_id
     WHERE p.closed_at IS NULL AND p.closes_at > ? ORDER BY p.id DESC LIMIT 1`,
    arg,
    now,
  );
}

export function toOpenPoll(r: Row | undefined): OpenPoll | null {
  if (!r) return null;
  let options: OpenPoll["options"] = [];
  try {
    const parsed = JSON.parse(String(r.options));
    if (Array.isArray(parsed)) options = parsed.filter((o) => o && typeof o.en === "string");
  } catch {
    return null;
  }
  return { id: Number(r.id), options, myVote: r.my_vote === null ? null : Number(r.my_vote) };
}

/** Invitations to events waiting for the sender's answer, with who asked and the place they hold. */
export function invitesQuery(memberSql: string, arg: string | number): Query {
  return select(
    [
      "i.id",
      "i.code",
      "i.event_id",
      "i.payer",
      "i.from_member_id",
      "b.id AS booking_id",
      "b.code AS booking_code",
      ...REACH_COLUMNS,
    ],
    `FROM event_invites i JOIN members m ON m.id = i.from_member_id LEFT JOIN bookings b ON b.id = i.booking_id
     WHERE i.to_member_id = ${memberSql} AND i.status = 'asked' ORDER BY i.id DESC LIMIT 20`,
    arg,
  );
}

export function toInvite(r: Row): EventInvite {
  return {
    id: Number(r.id),
    code: String(r.code),
    eventId: String(r.event_id),
    from: { id: Number(r.from_member_id), name: firstName(String(r.name)), reach: reachOf(r) },
    payer: r.payer === "booker" ? "booker" : "self",
    booking: r.booking_id === null ? null : { id: Number(r.booking_id), code: String(r.booking_code) },
  };
}

/** Helpers' DONE claims waiting for the sender's answer, with the helper's reach. */
export function claimsQuery(memberSql: string, arg: string | number): Query {
  return select(
    ["c.id", "c.post_id", "c.minutes", "c.helper_id", ...REACH_COLUMNS],
    `FROM help_claims c JOIN members m ON m.id = c.helper_id
     WHERE c.helped_id = ${memberSql} AND c.status = 'asked' ORDER BY c.id LIMIT 50`,
    arg,
  );
}

export function toClaim(r: Row): HelpClaim {
  return {
    id: Number(r.id),
    postId: Number(r.post_id),
    minutes: Number(r.minutes),
    helper: { id: Number(r.helper_id), name: firstName(String(r.name)), reach: reachOf(r) },
  };
}
