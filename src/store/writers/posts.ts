// Effects on the members' board: a post and its replies (links), closing and renewing by the poster,
// and the coordinator's and the job's moves (approve, refuse, end, remind). Every move is guarded on
// the status it expects, so a post answered or ended twice has one effect.
import { GUARD, named, sql } from "../db.ts";
import { memberByName } from "../identity.ts";
import type { CommonWriter, Writer } from "./types.ts";

export const createPost: Writer<"createPost"> = {
  place: "inOrder",
  // A code taken by a racing post fails the live-code unique index: the message is read again.
  write: (e, { me, now }) => [
    named(
      `INSERT INTO posts (code, member_id, kind, body, tags, status, created_at, approved_at, approved_by, expires_at)
       VALUES (:code, ${memberByName(me.column)}, :kind, :body, :tags, :status, :now,
               CASE WHEN :status = 'open' THEN :now END, CASE WHEN :status = 'open' THEN 'auto' END, :expiresAt)`,
      {
        code: e.code,
        member: me.arg,
        kind: e.kind,
        body: e.body,
        tags: JSON.stringify(e.tags),
        status: e.status,
        now,
        expiresAt: e.expiresAt,
      },
    ),
  ],
};

export const linkPost: Writer<"linkPost"> = {
  place: "inOrder",
  // One reply per member and post (the unique key); only to a post that is still open.
  write: (e, { me, now }) => [
    sql(
      `INSERT INTO post_links (post_id, member_id, status, created_at)
       SELECT id, ${me.sql}, 'asked', ? FROM posts WHERE id = ? AND status = 'open'`,
      me.arg,
      now,
      e.postId,
    ),
    ...GUARD,
  ],
};

export const answerLink: Writer<"answerLink"> = {
  place: "inOrder",
  // Only the poster answers, and only a reply still waiting.
  write: (e, { me, now }) => [
    sql(
      `UPDATE post_links SET status = ?, answered_at = ? WHERE id = ? AND status = 'asked'
         AND post_id IN (SELECT id FROM posts WHERE member_id = ${me.sql})`,
      e.status,
      now,
      e.linkId,
      me.arg,
    ),
    ...GUARD,
  ],
};

export const closePost: Writer<"closePost"> = {
  place: "inOrder",
  write: (e, { me, now }) => [
    sql(
      `UPDATE posts SET status = 'closed', closed_at = ? WHERE id = ? AND member_id = ${me.sql}
         AND status IN ('waiting', 'open')`,
      now,
      e.postId,
      me.arg,
    ),
    ...GUARD,
  ],
};

export const renewPost: Writer<"renewPost"> = {
  place: "inOrder",
  write: (e, { me }) => [
    sql(
      `UPDATE posts SET expires_at = ?, reminded_at = NULL WHERE id = ? AND member_id = ${me.sql}
         AND status IN ('waiting', 'open')`,
      e.expiresAt,
      e.postId,
      me.arg,
    ),
    ...GUARD,
  ],
};

export const settlePost: CommonWriter<"settlePost"> = {
  place: "inOrder",
  // Approval and refusal act on a waiting post, the end on an open one; anything else aborts the batch.
  write: (e, { now }) => [
    named(
      `UPDATE posts SET status = :status,
         approved_at = CASE WHEN :status = 'open' THEN :now ELSE approved_at END,
         approved_by = CASE WHEN :status IN ('open', 'refused') THEN :by ELSE approved_by END,
         closed_at = CASE WHEN :status = 'open' THEN closed_at ELSE :now END,
         expires_at = COALESCE(:expiresAt, expires_at)
       WHERE id = :id AND status = CASE WHEN :status = 'expired' THEN 'open' ELSE 'waiting' END`,
      { id: e.postId, status: e.status, by: e.by, now, expiresAt: e.expiresAt ?? null },
    ),
    ...GUARD,
  ],
};

export const remindPost: CommonWriter<"remindPost"> = {
  place: "inOrder",
  write: (e, { now }) => [
    sql("UPDATE posts SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL", now, e.postId),
    ...GUARD,
  ],
};

export const claimHelp: Writer<"claimHelp"> = {
  place: "inOrder",
  write: (e, { me, now }) => [
    sql(
      `INSERT INTO help_claims (post_id, helper_id, helped_id, minutes, status, created_at)
       VALUES (?, ${me.sql}, ?, ?, 'asked', ?)`,
      e.postId,
      me.arg,
      e.helpedId,
      e.minutes,
      now,
    ),
  ],
};

export const answerClaim: Writer<"answerClaim"> = {
  place: "inOrder",
  // Only the member who was helped answers, once.
  write: (e, { me, now }) => [
    sql(
      `UPDATE help_claims SET status = ?, answered_at = ? WHERE id = ? AND status = 'asked' AND helped_id = ${me.sql}`,
      e.status,
      now,
      e.claimId,
      me.arg,
    ),
    ...GUARD,
  ],
};
