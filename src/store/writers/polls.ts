// Effects of the community deciding: a member's answer to a poll (a later one replaces it, and only
// while the poll is open and they were asked) and an idea for the coordinator.
import { GUARD, sql } from "../db.ts";
import type { Writer } from "./types.ts";

export const vote: Writer<"vote"> = {
  place: "inOrder",
  write: (e, { me, now }) => [
    sql(
      `INSERT INTO poll_votes (poll_id, member_id, option, voted_at)
       SELECT p.id, r.member_id, ?, ? FROM polls p JOIN poll_recipients r ON r.poll_id = p.id
       WHERE p.id = ? AND r.member_id = ${me.sql} AND p.closed_at IS NULL AND p.closes_at > ?
       ON CONFLICT (poll_id, member_id) DO UPDATE SET option = excluded.option, voted_at = excluded.voted_at`,
      e.option,
      now,
      e.pollId,
      me.arg,
      now,
    ),
    // A poll closed since the read: nothing is counted and the message is read again.
    ...GUARD,
  ],
};

export const createIdea: Writer<"createIdea"> = {
  place: "inOrder",
  write: (e, { me, now }) => [
    sql(`INSERT INTO ideas (member_id, body, created_at) VALUES (${me.sql}, ?, ?)`, me.arg, e.body, now),
  ],
};

export const proposePoll: Writer<"proposePoll"> = {
  place: "inOrder",
  write: (e, { now }) => [
    sql(
      "INSERT INTO ideas (contact_id, partner_id, body, options, created_at) VALUES (?, ?, ?, ?, ?)",
      e.contactId,
      e.partnerId,
      e.question,
      JSON.stringify(e.options),
      now,
    ),
  ],
};
