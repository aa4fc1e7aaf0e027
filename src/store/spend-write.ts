// The statements that move credits for spending: a hold (capacity, balance and that the event is not
// cancelled checked in the same transaction that writes it, so racing bookings cannot overbook or
// overdraw, nor hold credits on an event the coordinator has just cancelled), its release or
// redemption, and gifts.
import type { Effect } from "../core/engine-types.ts";
import { AVAILABLE } from "../ledger/sql.ts";
import { GUARD, type InStatement, named, sql } from "./db.ts";
import { memberByName } from "./identity.ts";

type SpendEffect = Extract<Effect, { type: "hold" | "cancelBooking" | "redeemBooking" | "gift" | "payHelp" }>;
type Ref = { sql: string; arg: string | number; column: "phone" | "telegram_id" };

/** The message's inbound record, by named parameters. */
const INBOUND =
  "(SELECT id FROM inbound_messages WHERE channel = :inboundChannel AND external_id = :inboundId)";

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

export function spendStatements(e: SpendEffect, me: Ref, inboundArgs: string[], now: string): InStatement[] {
  if (e.type === "hold") {
    const event = e.item.kind === "event" ? e.item.id : null;
    const offer = e.item.kind === "offer" ? e.item.id : null;
    // Named: the booking and its hold are checked against capacity, cancellation and the balance in
    // the same statements that write them.
    const member = memberByName(me.column);
    const inbound = INBOUND;
    const shared = {
      code: e.code,
      member: me.arg,
      partner: e.partnerId,
      minutes: e.minutes,
      inboundChannel: inboundArgs[0] ?? null,
      inboundId: inboundArgs[1] ?? null,
      now,
    };
    return [
      named(
        `INSERT INTO bookings (code, member_id, partner_id, event_id, offer_id, places, minutes, status, starts_at, inbound_id, created_at, for_member_id)
         SELECT :code, ${member}, :partner, :event, :offer, :places, :minutes, 'held', :startsAt, ${inbound}, :now, :forMember
         WHERE (:capacity IS NULL OR
                (SELECT COALESCE(SUM(places), 0) FROM bookings WHERE event_id = :event AND status IN ('held', 'redeemed'))
                  + :places <= :capacity)
           -- An event cancelled, or an offer withdrawn, in the dashboard since the member's read is not booked.
           AND (:event IS NULL OR EXISTS (SELECT 1 FROM events WHERE id = :event AND cancelled_at IS NULL))
           AND (:offer IS NULL OR EXISTS (SELECT 1 FROM offers WHERE id = :offer AND withdrawn_at IS NULL))`,
        {
          ...shared,
          event,
          offer,
          places: e.places,
          startsAt: e.item.startsAt,
          capacity: e.item.capacity,
          forMember: e.forMemberId ?? null,
        },
      ),
      ...GUARD,
      named(
        `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, activity, booking_id, inbound_id, created_at)
         SELECT ${member}, 'spend', 'held', :debit, :partner, :activity,
           (SELECT id FROM bookings WHERE code = :code AND status = 'held'), ${inbound}, :now
         WHERE ${AVAILABLE(member)} >= :minutes`,
        { ...shared, debit: -e.minutes, activity: `${e.item.kind}:${e.item.id}` },
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
  // Help paid for (THANKS) is a gift between members tied to its post: the same rules and caps.
  const waiting = "phone" in e.to;
  const giver = memberByName(me.column, "giver");
  const receiver = waiting ? memberByName("phone", "receiver") : ":receiver";
  const args = {
    giver: me.arg,
    receiver: "phone" in e.to ? e.to.phone : e.to.id,
    minutes: e.minutes,
    inboundChannel: inboundArgs[0] ?? null,
    inboundId: inboundArgs[1] ?? null,
    now,
    post: e.type === "payHelp" ? e.postId : null,
  };
  const inbound = INBOUND;
  return [
    named(
      `INSERT INTO ledger_entries (member_id, kind, status, minutes, counterpart_member_id, inbound_id, created_at, post_id)
       SELECT ${giver}, 'gift', :status, -:minutes, ${receiver}, ${inbound}, :now, :post
       WHERE ${AVAILABLE(giver)} >= :minutes`,
      { ...args, status: waiting ? "held" : "confirmed" },
    ),
    ...GUARD,
    named(
      `INSERT INTO ledger_entries (member_id, kind, status, minutes, counterpart_member_id, logged_by, settled_at, inbound_id, created_at, post_id)
       VALUES (${receiver}, 'gift', :status, :minutes, ${giver}, :loggedBy, :settledAt, ${inbound}, :now, :post)`,
      {
        ...args,
        status: waiting ? "pending" : "confirmed",
        loggedBy: waiting ? "gift" : null,
        settledAt: waiting ? null : now,
      },
    ),
  ];
}
