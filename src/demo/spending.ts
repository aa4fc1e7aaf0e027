// The spending side of the demo history: bookings of events and offers (held, then redeemed at the
// door, cancelled by the member, or released when nobody came) and gifts between members. A hold or a
// gift is only made from credits that are confirmed by its time (`avail`), as the real write checks.
import type { Contact } from "../core/types.ts";
import { planGift } from "./gifts.ts";
import {
  DAY_MS,
  type DemoPerson,
  HOUR_MS,
  iso,
  type PlannedBooking,
  type PlannedEntry,
  type PlannedEvent,
} from "./plan.ts";
import type { Random } from "./random.ts";
import type { DemoWorld } from "./world.ts";

/** The plan's ledger as it is built, and each member's credits: spendable now, and still to come. */
export interface Ledger {
  entries: PlannedEntry[];
  bookings: PlannedBooking[];
  avail: number[];
  /** Credits that become spendable at `at`: a confirmation, a gift received, a hold given back. */
  incoming: Array<Array<{ at: number; minutes: number }>>;
}

/** Chance per day of booking something, and of giving credits, by habit (hoarders never spend). */
const SPEND_RATE = { regular: 0.06, occasional: 0.035, hoarder: 0, dormant: 0.02 } as const;
const GIFT_RATE = 0.004;

export const blank = {
  activity: null,
  day: null,
  code: null,
  loggedBy: null,
  reason: null,
  note: null,
  counterpart: null,
  booking: null,
  settledAt: null,
  settledBy: null,
  partnerId: null,
};

export function planSpending(
  rng: Random,
  ledger: Ledger,
  people: DemoPerson[],
  events: PlannedEvent[],
  world: DemoWorld,
  now: number,
) {
  const taken = new Map<string, number>();
  const booked = new Set<string>();
  const codes = rng.shuffle(Array.from({ length: 9000 }, (_, i) => String(1000 + i)));
  const contactOf = (partnerId: string): Contact | undefined => {
    const here = world.contacts.filter((c) => c.partnerId === partnerId);
    return here.length ? rng.pick(here) : undefined;
  };

  /** Credits confirmed (or given back) by `t` become spendable. */
  function mature(member: number, t: number) {
    const incoming = ledger.incoming[member] ?? [];
    const due = incoming.filter((x) => x.at <= t);
    if (!due.length) return;
    ledger.avail[member] = (ledger.avail[member] ?? 0) + due.reduce((s, x) => s + x.minutes, 0);
    ledger.incoming[member] = incoming.filter((x) => x.at > t);
  }

  /** A booking and its hold; `outcome` says what became of it by `now` (held if not yet). */
  function book(
    member: number,
    t: number,
    item: { partnerId: string; eventId: string | null; offerId: string | null; startsAt: string | null },
    places: number,
    minutes: number,
    outcome: { status: PlannedBooking["status"]; at: number; by: string },
  ) {
    const settled = outcome.at < now && outcome.status !== "held";
    const status = settled ? outcome.status : "held";
    const booking =
      ledger.bookings.push({
        member,
        code: codes.pop() as string,
        ...item,
        places,
        minutes,
        status,
        createdAt: iso(t),
        settledAt: settled ? iso(outcome.at) : null,
        settledBy: settled ? outcome.by : null,
      }) - 1;
    ledger.avail[member] = (ledger.avail[member] ?? 0) - minutes;
    const back = status === "cancelled" || status === "released";
    if (back) ledger.incoming[member]?.push({ at: outcome.at, minutes });
    ledger.entries.push({
      ...blank,
      member,
      kind: "spend",
      status: status === "held" ? "held" : back ? "released" : "confirmed",
      minutes: -minutes,
      partnerId: item.partnerId,
      activity: item.eventId ? `event:${item.eventId}` : `offer:${item.offerId}`,
      booking,
      createdAt: iso(t),
      settledAt: settled ? iso(outcome.at) : null,
      settledBy: settled ? outcome.by : null,
    });
  }

  function bookEvent(member: number, t: number, e: PlannedEvent) {
    const avail = ledger.avail[member] ?? 0;
    const room = e.capacity - (taken.get(e.id) ?? 0);
    const want = rng.pick(e.family ? [1, 2, 2, 3, 4] : [1, 1, 1, 2]);
    const places = Math.min(want, room, e.cost > 0 ? Math.floor(avail / e.cost) : 4);
    if (places < 1) return;
    taken.set(e.id, (taken.get(e.id) ?? 0) + places);
    booked.add(`${member}:${e.id}`);
    const startsAt = Date.parse(e.startsAt);
    const roll = rng.next();
    const door = contactOf(e.partnerId);
    const outcome =
      roll < 0.08
        ? { status: "cancelled" as const, at: t + rng.next() * (startsAt - t), by: "member" }
        : roll < 0.14
          ? { status: "released" as const, at: startsAt + DAY_MS + 10 * 60_000, by: "system" }
          : {
              status: "redeemed" as const,
              at: startsAt + rng.int(0, 40) * 60_000,
              by: door ? `contact:${door.id}` : "coordinator",
            };
    outcome.at = Math.floor(outcome.at / 1000) * 1000;
    book(
      member,
      t,
      { partnerId: e.partnerId, eventId: e.id, offerId: null, startsAt: e.startsAt },
      places,
      e.cost * places,
      outcome,
    );
  }

  function bookOffer(member: number, t: number, offer: { id: string; partnerId: string; cost: number }) {
    const roll = rng.next();
    const door = contactOf(offer.partnerId);
    const outcome =
      roll < 0.05
        ? { status: "cancelled" as const, at: t + rng.int(2, 72) * HOUR_MS, by: "member" }
        : roll < 0.1
          ? { status: "released" as const, at: t + 30 * DAY_MS + 10 * 60_000, by: "system" }
          : {
              status: "redeemed" as const,
              at: t + rng.int(20, 240) * HOUR_MS,
              by: door ? `contact:${door.id}` : "coordinator",
            };
    book(
      member,
      t,
      { partnerId: offer.partnerId, eventId: null, offerId: offer.id, startsAt: null },
      1,
      offer.cost,
      outcome,
    );
  }

  return {
    /** What one member may spend or give on a day, at time `t`. */
    day(member: number, t: number, faded: boolean) {
      const person = people[member];
      if (!person || person.habit === "hoarder") return;
      mature(member, t);
      const avail = ledger.avail[member] ?? 0;
      if (avail >= 120 && !faded && rng.chance(GIFT_RATE)) return planGift(rng, ledger, people, member, t);
      // The more someone holds, the likelier they are to spend some.
      if (!rng.chance(SPEND_RATE[person.habit] * Math.min(3, 1 + avail / 600))) return;
      const soon = events.filter((e) => {
        const at = Date.parse(e.startsAt);
        return (
          at > t + HOUR_MS &&
          at < t + 14 * DAY_MS &&
          !booked.has(`${member}:${e.id}`) &&
          (taken.get(e.id) ?? 0) < e.capacity &&
          e.cost <= avail
        );
      });
      const offers = world.offers.filter((o) => o.cost > 0 && o.cost <= avail);
      if (soon.length && (!offers.length || rng.chance(0.55))) bookEvent(member, t, rng.pick(soon));
      else if (offers.length) bookOffer(member, t, rng.pick(offers));
    },
  };
}
