// Effects on earned hours: a request posted, settled by its partner, hours waiting for a number
// claimed when it joins, and check-in/out.
import { GUARD, named, sql } from "../db.ts";
import { SELF_CREDIT } from "../partner-read.ts";
import type { CommonWriter, Writer } from "./types.ts";

/** The reason kept on hours refused at joining, for the coordinator (the member is told in their language). */
export const SELF_CREDIT_REASON = "self-credit: logged by a contact of the same partner for themselves";

export const postEarning: Writer<"postEarning"> = {
  place: "inOrder",
  write: (e, { me, now, inbound }) => {
    // The member it is for: the sender, or another by id, or by an invited number.
    const [member, arg] = !e.forMember
      ? [`(SELECT id FROM members WHERE ${me.column} = :member)`, me.arg]
      : "id" in e.forMember
        ? [":member", e.forMember.id]
        : ["(SELECT id FROM members WHERE phone = :member)", e.forMember.phone];
    const status = e.status ?? "pending";
    const settled = status === "confirmed";
    return [
      named(
        `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, activity, day, code, logged_by,
           settled_at, settled_by, inbound_id, created_at)
         VALUES (${member}, 'earning', :status, :minutes, :partner, :activity, :day, :code, :loggedBy,
           :settledAt, :settledBy,
           (SELECT id FROM inbound_messages WHERE channel = :inboundChannel AND external_id = :inboundId), :now)`,
        {
          member: arg,
          status,
          minutes: e.minutes,
          partner: e.partnerId,
          activity: e.activity,
          day: e.day,
          code: e.code ?? null,
          loggedBy: e.loggedBy ?? null,
          settledAt: settled ? now : null,
          settledBy: settled ? (e.loggedBy ?? null) : null,
          inboundChannel: inbound.channel,
          inboundId: inbound.externalId,
          now,
        },
      ),
    ];
  },
};

export const settleEarning: CommonWriter<"settleEarning"> = {
  place: "inOrder",
  // Only a request still open can be settled: a second answer aborts and is read again.
  write: (e, { now }) => [
    sql(
      "UPDATE ledger_entries SET status = ?, settled_at = ?, settled_by = ?, reason = ? WHERE id = ? AND status = 'pending'",
      e.status,
      now,
      e.by,
      e.reason,
      e.entryId,
    ),
    ...GUARD,
  ],
};

export const claimWaiting: Writer<"claimWaiting"> = {
  place: "inOrder",
  write: (_e, { me, now }) => [
    // Hours a contact logged for their own number, or a colleague's, are refused, not claimed.
    sql(
      `UPDATE ledger_entries AS l SET status = 'rejected', settled_at = ?, settled_by = 'system', reason = ?
       WHERE l.member_id = ${me.sql} AND l.status = 'pending' AND l.logged_by IS NOT NULL AND ${SELF_CREDIT}`,
      now,
      SELF_CREDIT_REASON,
      me.arg,
    ),
    sql(
      `UPDATE ledger_entries SET status = 'confirmed', settled_at = ?, settled_by = logged_by
       WHERE member_id = ${me.sql} AND status = 'pending' AND logged_by IS NOT NULL`,
      now,
      me.arg,
    ),
    // The givers' side of gifts that waited for this number.
    sql(
      `UPDATE ledger_entries SET status = 'confirmed', settled_at = ?
       WHERE kind = 'gift' AND status = 'held' AND counterpart_member_id = ${me.sql}`,
      now,
      me.arg,
    ),
  ],
};

export const checkIn: Writer<"checkIn"> = {
  place: "inOrder",
  write: (e, { me, now }) => [
    sql(
      `INSERT INTO checkins (member_id, partner_id, started_at) VALUES (${me.sql}, ?, ?)`,
      me.arg,
      e.partnerId,
      now,
    ),
  ],
};

export const checkOut: Writer<"checkOut"> = {
  place: "inOrder",
  write: (e, { now }) => [
    sql("UPDATE checkins SET closed_at = ? WHERE id = ? AND closed_at IS NULL", now, e.checkinId),
    ...GUARD,
  ],
};
