// Effects that spend credits (holds, their release and redemption, gifts) and events a partner
// creates by message.
import { named } from "../db.ts";
import { settleBooking as settle, spendStatements } from "../spend-write.ts";
import type { CommonWriter, Writer } from "./types.ts";

const spend = {
  place: "inOrder",
  write: (e: Parameters<typeof spendStatements>[0], c: Parameters<Writer<"hold">["write"]>[1]) =>
    spendStatements(e, c.me, [c.inbound.channel, c.inbound.externalId], c.now),
} as const;

export const hold: Writer<"hold"> = spend;
export const cancelBooking: Writer<"cancelBooking"> = spend;
export const redeemBooking: Writer<"redeemBooking"> = spend;
export const gift: Writer<"gift"> = spend;
export const payHelp: Writer<"payHelp"> = spend;

export const settleBooking: CommonWriter<"settleBooking"> = {
  place: "inOrder",
  write: (e, { now }) => settle(e.bookingId, e.outcome, e.by, now, e.guarded),
};

export const createEvent: Writer<"createEvent"> = {
  place: "inOrder",
  write: ({ event: v }, { now }) => [
    named(
      `INSERT INTO events (id, partner_id, title, starts_at, cost_minutes, capacity, community, family, extra, updated_at)
       VALUES (:id, :partner, :title, :startsAt, :cost, :capacity, 1, 0, '{"source":"partner message"}', :now)
       ON CONFLICT(id) DO NOTHING`,
      {
        id: v.id,
        partner: v.partnerId,
        title: JSON.stringify(v.title),
        startsAt: v.startsAt,
        cost: v.cost,
        capacity: v.capacity,
        now,
      },
    ),
  ],
};
