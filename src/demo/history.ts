// The demo's months of history, made up day by day from a seed: members log hours at the partners they
// help (confirmed by a contact, some rejected with a reason, some left to expire, the newest still
// open), partners log hours for members, members book events and offers (redeemed at the door, some
// cancelled, some never collected) and give each other credits. Every spend and gift is made only from
// credits already confirmed by then, so no balance is ever negative at any moment. Pure: the same
// world, seed and `now` give the same plan.
import type { Contact } from "../core/types.ts";
import { monthlyEvents } from "./events.ts";
import { messagesOf } from "./messages.ts";
import { makePeople } from "./people.ts";
import { DAY_MS, type DemoPlan, dayOf, HOUR_MS, iso, type PlannedEntry } from "./plan.ts";
import { seededRandom } from "./random.ts";
import { type Ledger, planSpending } from "./spending.ts";
import type { DemoWorld } from "./world.ts";

export interface HistoryInput {
  world: DemoWorld;
  now: Date;
  months: number;
  seed: number;
  members: number;
}

/** How many hours each partner usually takes to answer a request (the confirmation report's story). */
const ANSWER_HOURS: Record<string, number> = {
  staithe: 2,
  oasis: 6,
  "childrens-centre": 14,
  playground: 26,
  academy: 40,
};

/** Reasons partners gave when they said no, in the contact's language. */
const REASONS = {
  en: ["Not on our rota that day", "We were closed that day", "Those hours were logged already"],
  pl: ["Nie było cię wtedy w grafiku", "Tego dnia było zamknięte", "Te godziny już są zapisane"],
  lv: ["Tajā dienā tevis nebija grafikā", "Tajā dienā bijām slēgti", "Šīs stundas jau ir ierakstītas"],
} as const;

/** Chance per day of logging hours, by habit. */
const EARN_RATE = { regular: 0.09, occasional: 0.03, hoarder: 0.14, dormant: 0.003 } as const;

/** Midnight UTC `months` calendar months before `now`. */
export function historyStart(now: Date, months: number): number {
  const back = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()));
  return back.getTime();
}

export function planHistory({ world, now: nowDate, months, seed, members }: HistoryInput): DemoPlan {
  const rng = seededRandom(seed);
  const now = nowDate.getTime();
  const start = historyStart(nowDate, months);
  const earnIds = world.partners.filter((p) => p.earn).map((p) => p.id);
  const people = makePeople(rng, members, start, now, earnIds, world.takenPhones);
  const events = monthlyEvents(start, now, world.timezone, world.events, new Set(earnIds));
  const contactsOf = new Map<string, Contact[]>();
  for (const c of world.contacts) contactsOf.set(c.partnerId, [...(contactsOf.get(c.partnerId) ?? []), c]);
  const ledger: Ledger = {
    entries: [],
    bookings: [],
    avail: people.map(() => 0),
    incoming: people.map(() => []),
  };
  const codes = new Map<string, string[]>();
  const requestCode = (partnerId: string) => {
    let free = codes.get(partnerId);
    if (!free?.length) {
      const used = codes.has(partnerId);
      free = rng.shuffle(
        Array.from({ length: used ? 9000 : 900 }, (_, i) => String((used ? 1000 : 100) + i)),
      );
      codes.set(partnerId, free);
    }
    return free.pop() as string;
  };
  const entry = (e: Partial<PlannedEntry> & Pick<PlannedEntry, "member" | "kind" | "status" | "minutes">) =>
    ledger.entries.push({
      ...{ partnerId: null, activity: null, day: null, code: null, loggedBy: null, reason: null },
      ...{
        note: null,
        counterpart: null,
        booking: null,
        createdAt: iso(now),
        settledAt: null,
        settledBy: null,
      },
      ...e,
    });
  const spending = planSpending(rng, ledger, people, [...world.events, ...events], world, now);

  function earn(member: number, t: number) {
    const person = people[member];
    if (!person) return;
    const partnerId = rng.chance(0.75) ? (person.partners[0] as string) : rng.pick(earnIds);
    const partner = world.partners.find((p) => p.id === partnerId);
    const contacts = contactsOf.get(partnerId) ?? [];
    if (!partner || !contacts.length) return;
    const activity = partner.activities.length && rng.chance(0.8) ? rng.pick(partner.activities).id : null;
    const minutes = rng.pick(
      person.habit === "hoarder" ? [120, 180, 240] : [60, 60, 90, 120, 120, 150, 180, 240],
    );
    const yesterday = rng.chance(0.2) && t - DAY_MS > Date.parse(person.joinedAt);
    const day = dayOf(yesterday ? t - DAY_MS : t);
    const contact = rng.pick(contacts);
    const by = `contact:${contact.id}`;
    const base = { member, kind: "earning" as const, minutes, partnerId, activity, day, createdAt: iso(t) };
    if (rng.chance(0.2)) {
      // The partner logged it themselves: confirmed at once, no request.
      entry({ ...base, status: "confirmed", loggedBy: by, settledAt: iso(t), settledBy: by });
      ledger.incoming[member]?.push({ at: t, minutes });
      return;
    }
    const code = requestCode(partnerId);
    const waited = Math.min(rng.around(ANSWER_HOURS[partnerId] ?? 10), world.expiryDays * 24 - 1);
    const answered = t + Math.max(0.1, waited) * HOUR_MS;
    const roll = rng.next();
    const expired = roll >= 0.06 && roll < 0.09;
    const settled = expired ? t + world.expiryDays * DAY_MS + 5 * 60_000 : answered;
    if (settled >= now) return void entry({ ...base, status: "pending", code });
    if (expired)
      return void entry({ ...base, status: "expired", code, settledAt: iso(settled), settledBy: "system" });
    const at = { settledAt: iso(Math.floor(settled / 1000) * 1000), settledBy: by };
    if (roll < 0.06) {
      return void entry({
        ...base,
        status: "rejected",
        code,
        ...at,
        reason: rng.pick(REASONS[contact.locale]),
      });
    }
    entry({ ...base, status: "confirmed", code, ...at });
    ledger.incoming[member]?.push({ at: settled, minutes });
  }

  for (let d = start; d < now; d += DAY_MS) {
    const sunday = new Date(d).getUTCDay() === 0;
    people.forEach((person, member) => {
      const joined = Date.parse(person.joinedAt);
      if (joined >= d + DAY_MS) return;
      // A newcomer tries it out in their first week; a dormant member stopped after their first month.
      const fresh = d - joined < 7 * DAY_MS;
      const faded = person.habit === "dormant" && d - joined > 30 * DAY_MS;
      const rate = fresh
        ? 0.15
        : faded
          ? EARN_RATE.dormant
          : person.habit === "dormant"
            ? 0.08
            : EARN_RATE[person.habit];
      const at = (from: number, to: number) =>
        Math.max(joined + 60_000, d + rng.int(from, to) * HOUR_MS + rng.int(0, 59) * 60_000);
      if (rng.chance(sunday ? rate * 0.4 : rate)) {
        const t = at(8, 17);
        if (t < now) earn(member, t);
      }
      const t = at(8, 20);
      if (t < now) spending.day(member, t, faded);
    });
  }
  return {
    people,
    events,
    bookings: ledger.bookings,
    entries: ledger.entries,
    ...messagesOf(people, ledger, world),
  };
}
