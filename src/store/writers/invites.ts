// Going together: an invitation to come along to an event (with the booker's held place for her when
// the booker pays), and her answer — once, and only by her.
import { GUARD, named, sql } from "../db.ts";
import type { Writer } from "./types.ts";

export const inviteToEvent: Writer<"inviteToEvent"> = {
  place: "inOrder",
  // After the booker's holds in the same batch: the paid place is found by its code.
  write: (e, { me, now }) => [
    named(
      `INSERT INTO event_invites (code, event_id, from_member_id, to_member_id, payer, booking_id, status, created_at)
       VALUES (:code, :event, (SELECT id FROM members WHERE ${me.column} = :member), :to, :payer,
               (SELECT id FROM bookings WHERE code = :booking AND status = 'held'), 'asked', :now)`,
      {
        code: e.code,
        event: e.eventId,
        member: me.arg,
        to: e.toMemberId,
        payer: e.payer,
        booking: e.bookingCode,
        now,
      },
    ),
  ],
};

export const answerInvite: Writer<"answerInvite"> = {
  place: "inOrder",
  write: (e, { me, now }) => [
    sql(
      `UPDATE event_invites SET status = ?, answered_at = ? WHERE id = ? AND status = 'asked' AND to_member_id = ${me.sql}`,
      e.status,
      now,
      e.inviteId,
      me.arg,
    ),
    ...GUARD,
  ],
};
