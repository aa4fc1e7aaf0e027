// The statements that move credits for spending: a hold (capacity, balance and that the event is not
// cancelled checked in the same transaction that writes it, so racing bookings cannot overbook or
// overdraw, nor hold credits on an event the coordinator has just cancelled), its release or
// redemption, and gifts.
import type { Effect } from "../core/engine-types.ts";
import { AVAILABLE } from "../ledger/sql.ts";
import { GUARD, type InStatement, sql } from "./db.ts";

type SpendEffect = Extract<Effect, { type: "hold" | "cancelBooking" | "redeemBooking" | "gift" }>;
type Ref = { sql: string; arg: string | number };

/** What a held booking's ledger entry becomes when the booking is settled. */
const ENTRY_AFTER = { cancelled: "released", released: "released", redeemed: "confirmed" } as const;

/**
 * Settles a held booking, whoever does it: cancelled (by the member, or the coordinator cancelling
 * the event), released (not used in time: the tick job), or redeemed (by the partner). The credits
 * go back, or are spent, with the booking. Guarded (the default): a booking no longer held aborts
 * the batch; the job, which settles many at once, passes `guarded: false` and skips those.
 */
export function settleBooking(
  bookingId: number,
  outcome: keyof typeof ENTRY_AFTER,
  by: string,
  now: string,
  guarded = true,
): InStatement[] {
  return [
    sql(
      "UPDATE bookings SET status = ?, settled_at = ?, settled_by = ? WHERE id = ? AND status = 'held'",
      outcome,
      now,
      by,
      bookingId,
    ),
    ...(guarded ? GUARD : []),
    sql(
      "UPDATE ledger_entries SET status = ?, settled_at = ?, settled_by = ? WHERE booking_id = ? AND status = 'held'",
      ENTRY_AFTER[outcome],
      now,
      by,
      bookingId,
    ),
  ];
}

export function spendStatements(
  e: SpendEffect,
  me: Ref,
  inboundSql: string,
  inboundArgs: string[],
  now: string,
): InStatement[] {
  if (e.type === "hold") {
    const event = e.item.kind === "event" ? e.item.id : null;
    const offer = e.item.kind === "offer" ? e.item.id : null;
    const taken =
      "(SELECT COALESCE(SUM(places), 0) FROM bookings WHERE event_id = ? AND status IN ('held', 'redeemed'))";
    return [
      sql(
        `INSERT INTO bookings (code, member_id, partner_id, event_id, offer_id, places, minutes, status, starts_at, inbound_id, created_at)
         SELECT ?, ${me.sql}, ?, ?, ?, ?, ?, 'held', ?, ${inboundSql}, ?
         WHERE (? IS NULL OR ${taken} + ? <= ?)
           AND (? IS NULL OR EXISTS (SELECT 1 FROM events WHERE id = ? AND cancelled_at IS NULL))
           AND (? IS NULL OR EXISTS (SELECT 1 FROM offers WHERE id = ? AND withdrawn_at IS NULL))`,
        e.code,
        me.arg,
        e.partnerId,
        event,
        offer,
        e.places,
        e.minutes,
        e.item.startsAt,
        ...inboundArgs,
        now,
        e.item.capacity,
        event,
        e.places,
        e.item.capacity,
        // An event cancelled, or an offer withdrawn, in the dashboard since the member's read is not booked.
        event,
        event,
        offer,
        offer,
      ),
      ...GUARD,
      sql(
        `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, activity, booking_id, inbound_id, created_at)
         SELECT ${me.sql}, 'spend', 'held', ?, ?, ?, (SELECT id FROM bookings WHERE code = ? AND status = 'held'), ${inboundSql}, ?
         WHERE ${AVAILABLE(me.sql)} >= ?`,
        me.arg,
        -e.minutes,
        e.partnerId,
        `${e.item.kind}:${e.item.id}`,
        e.code,
        ...inboundArgs,
        now,
        me.arg,
        e.minutes,
      ),
      ...GUARD,
    ];
  }
  if (e.type === "cancelBooking" || e.type === "redeemBooking") {
    return e.type === "cancelBooking"
      ? settleBooking(e.bookingId, "cancelled", "member", now)
      : settleBooking(e.bookingId, "redeemed", e.by, now);
  }
  // A gift: the giver's debit (checked against the balance in this same transaction) and the
  // receiver's credit. For a number that has not joined yet both wait: a hold and a pending credit.
  const waiting = "phone" in e.to;
  const receiver = waiting ? "(SELECT id FROM members WHERE phone = ?)" : "?";
  const receiverArg = "phone" in e.to ? e.to.phone : e.to.id;
  return [
    sql(
      `INSERT INTO ledger_entries (member_id, kind, status, minutes, counterpart_member_id, inbound_id, created_at)
       SELECT ${me.sql}, 'gift', ?, ?, ${receiver}, ${inboundSql}, ? WHERE ${AVAILABLE(me.sql)} >= ?`,
      me.arg,
      waiting ? "held" : "confirmed",
      -e.minutes,
      receiverArg,
      ...inboundArgs,
      now,
      me.arg,
      e.minutes,
    ),
    ...GUARD,
    sql(
      `INSERT INTO ledger_entries (member_id, kind, status, minutes, counterpart_member_id, logged_by, settled_at, inbound_id, created_at)
       VALUES (${receiver}, 'gift', ?, ?, ${me.sql}, ?, ?, ${inboundSql}, ?)`,
      receiverArg,
      waiting ? "pending" : "confirmed",
      e.minutes,
      me.arg,
      waiting ? "gift" : null,
      waiting ? null : now,
      ...inboundArgs,
      now,
    ),
  ];
}
