// The ledger's invariants under any interleaving of what people say: property tests (fast-check)
// that drive the REAL app through POST /sms on a fresh in-memory database per run. Three members
// earn, book, cancel, give; two partner contacts confirm, log for groups and redeem at the door; the
// clock jumps forward and the scheduled job runs. After each run (and for the balance, after every
// message) the tables must add up.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";

const MEMBERS = ["+447700900101", "+447700900100", "+447700900102"] as const; // Sharon, Anna, Jānis
const NEWCOMER = "+447700900555"; // a number that can be given credits before it joins
const SUE = "+447700900003"; // Oasis: confirms oasis hours, redeems oasis bookings (bingo, lunch)
const DAVE = "+447700900006"; // Adventure Playground: confirms its hours, logs for groups, redeems the litter pick
const CONTACTS = [
  { phone: SUE, partner: "oasis" },
  { phone: DAVE, partner: "playground" },
] as const;
const NUM_RUNS = 15;

/** The demo scheme with small events, so that capacity is reached. */
function smallEvents(): unknown {
  const scheme = demoScheme() as { events: Array<{ id: string; capacity: number }> };
  const capacity: Record<string, number> = {
    "bingo-dec": 2,
    "crafts-dec": 3,
    "lunch-dec": 2,
    "litter-pick-jan": 3,
  };
  for (const e of scheme.events) e.capacity = capacity[e.id] ?? e.capacity;
  return scheme;
}

type Action =
  | { type: "earn"; member: number; hours: number; partner: "oasis" | "playground" }
  | { type: "confirm"; contact: number; yes: boolean; pick: number }
  | { type: "bulkLog"; hours: number; members: number[] }
  | { type: "hold"; member: number; pick: number; places: number }
  | { type: "cancel"; member: number; pick: number }
  | { type: "redeem"; contact: number; pick: number; own: boolean }
  | { type: "gift"; member: number; to: number; credits: number }
  | { type: "join" }
  | { type: "expiry"; days: number; hours: number };

const member = fc.integer({ min: 0, max: MEMBERS.length - 1 });
const contact = fc.integer({ min: 0, max: CONTACTS.length - 1 });
const pick = fc.nat({ max: 20 });
const earn = fc.record({
  type: fc.constant("earn" as const),
  member,
  hours: fc.integer({ min: 1, max: 4 }),
  partner: fc.constantFrom("oasis" as const, "playground" as const),
});
const confirm = fc.record({ type: fc.constant("confirm" as const), contact, yes: fc.boolean(), pick });
const bulkLog = fc.record({
  type: fc.constant("bulkLog" as const),
  hours: fc.integer({ min: 1, max: 5 }),
  members: fc.uniqueArray(member, { minLength: 1, maxLength: 3 }),
});
const hold = fc.record({
  type: fc.constant("hold" as const),
  member,
  pick: fc.integer({ min: 1, max: 3 }),
  places: fc.integer({ min: 1, max: 3 }),
});
const cancel = fc.record({ type: fc.constant("cancel" as const), member, pick });
const redeem = fc.record({ type: fc.constant("redeem" as const), contact, pick, own: fc.boolean() });
const gift = fc.record({
  type: fc.constant("gift" as const),
  member,
  // MEMBERS.length stands for the newcomer.
  to: fc.integer({ min: 0, max: MEMBERS.length }),
  credits: fc.integer({ min: 1, max: 3 }),
});
const expiry = fc.record({
  type: fc.constant("expiry" as const),
  // Mostly a few days (an event passes), now and then a month (offer codes and gifts run out).
  days: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 3 }), weight: 3 }, fc.integer({ min: 4, max: 35 })),
  hours: fc.integer({ min: 0, max: 23 }),
});
const action: fc.Arbitrary<Action> = fc.oneof(
  { arbitrary: earn, weight: 2 },
  { arbitrary: confirm, weight: 2 },
  { arbitrary: bulkLog, weight: 2 },
  { arbitrary: hold, weight: 4 },
  { arbitrary: cancel, weight: 1 },
  { arbitrary: redeem, weight: 2 },
  { arbitrary: gift, weight: 2 },
  { arbitrary: fc.constant({ type: "join" as const }), weight: 1 },
  { arbitrary: expiry, weight: 1 },
);
const actions = fc.array(action, { minLength: 10, maxLength: 30 });

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

interface Sent {
  from: string;
  body: string;
  sid: string;
  replies: string[];
  /** When it was handled: stored answers are purged after the retention period (90 days). */
  at: number;
}

let sidCounter = 0;

/** One run: a fresh app, the actions played in order; `after` is called after every message. */
async function run(list: Action[], after: (h: Harness) => Promise<void> = async () => undefined) {
  fake.calls.length = 0;
  const h = await createHarness({ scheme: smallEvents(), env: { TWILIO_API_URL: fake.url } });
  let now = Date.parse("2026-11-28T12:00:00Z");
  const sent: Sent[] = [];
  const say = async (from: string, body: string): Promise<string[]> => {
    const sid = `SMfc${String(++sidCounter).padStart(30, "0")}`;
    const { status, messages } = await h.sms(from, body, { sid });
    expect(status, `${from}: ${body}`).toBe(200);
    sent.push({ from, body, sid, replies: messages, at: now });
    await after(h);
    return messages;
  };
  const state = async (phone: string) =>
    String(
      (await h.rows("SELECT state FROM conversations WHERE address = ?", `sms:${phone}`))[0]?.state ?? "",
    );
  const codes = async (query: string, ...args: string[]) =>
    (await h.rows(query, ...args)).map((r) => String(r.code));
  const nth = <T>(list: T[], n: number): T | undefined => (list.length ? list[n % list.length] : undefined);

  for (const a of list) {
    if (a.type === "earn") {
      await say(MEMBERS[a.member] ?? "", `LOG ${a.hours} ${a.partner}`);
    } else if (a.type === "confirm") {
      const c = CONTACTS[a.contact] ?? CONTACTS[0];
      const open = await codes(
        "SELECT code FROM ledger_entries WHERE partner_id = ? AND status = 'pending' AND code IS NOT NULL ORDER BY id",
        c.partner,
      );
      await say(c.phone, `${a.yes ? "YES" : "NO"} ${nth(open, a.pick) ?? "999"}`);
    } else if (a.type === "bulkLog") {
      await say(DAVE, `LOG ${a.hours} ${a.members.map((m) => MEMBERS[m]).join(" ")}`);
    } else if (a.type === "hold") {
      const phone = MEMBERS[a.member] ?? "";
      await say(phone, "EVENTS");
      if ((await state(phone)) !== "spend.pick") continue;
      await say(phone, String(a.pick));
      if ((await state(phone)) === "spend.places") await say(phone, String(a.places));
      if ((await state(phone)) === "spend.confirm") await say(phone, "YES");
    } else if (a.type === "cancel") {
      const phone = MEMBERS[a.member] ?? "";
      const mine = await codes(
        "SELECT b.code FROM bookings b JOIN members m ON m.id = b.member_id WHERE m.phone = ? ORDER BY b.id",
        phone,
      );
      await say(phone, `CANCEL ${nth(mine, a.pick) ?? "1234"}`);
    } else if (a.type === "redeem") {
      // A code of a booking at the contact's partner (open, redeemed, cancelled or released), or any code.
      const c = CONTACTS[a.contact] ?? CONTACTS[0];
      const found = a.own
        ? await codes("SELECT code FROM bookings WHERE partner_id = ? ORDER BY id", c.partner)
        : await codes("SELECT code FROM bookings ORDER BY id");
      await say(c.phone, `REDEEM ${nth(found, a.pick) ?? "1234"}`);
    } else if (a.type === "gift") {
      const phone = MEMBERS[a.member] ?? "";
      const to = MEMBERS[a.to] ?? NEWCOMER;
      await say(phone, `GIVE ${a.credits} ${to}`);
      if ((await state(phone)) === "give.confirm") await say(phone, "YES");
    } else if (a.type === "join") {
      for (const text of ["YES", "Newt", "YES"]) await say(NEWCOMER, text);
    } else {
      now += a.days * 86_400_000 + a.hours * 3_600_000;
      h.setNow(new Date(now).toISOString());
      const { tick } = await import("../../src/jobs/tick.ts");
      await tick(h.deps);
      await after(h);
    }
  }
  await h.flush();
  return { h, sent };
}

/** Spendable minutes of every member (consented or invited): confirmed entries plus held debits. */
async function balances(h: Harness): Promise<Record<string, number>> {
  const rows = await h.rows(
    `SELECT m.id, COALESCE(SUM(CASE WHEN l.status = 'confirmed' OR (l.status = 'held' AND l.minutes < 0)
       THEN l.minutes ELSE 0 END), 0) AS minutes
     FROM members m LEFT JOIN ledger_entries l ON l.member_id = m.id GROUP BY m.id ORDER BY m.id`,
  );
  return Object.fromEntries(rows.map((r) => [String(r.id), Number(r.minutes)]));
}

async function sum(h: Harness, where: string): Promise<number> {
  const [row] = await h.rows(
    `SELECT COALESCE(SUM(minutes), 0) AS minutes FROM ledger_entries WHERE ${where}`,
  );
  return Number(row?.minutes);
}

async function tableCounts(h: Harness): Promise<Record<string, number>> {
  const tables = await h.rows(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const name = String(t.name);
    counts[name] = Number((await h.rows(`SELECT COUNT(*) AS n FROM "${name}"`))[0]?.n);
  }
  return counts;
}

// A failure is shrunk to a short counterexample, within a time limit so that vitest reports it.
const options = {
  numRuns: NUM_RUNS,
  interruptAfterTimeLimit: 100_000,
  markInterruptAsFailure: true,
} as const;
const TIMEOUT = 120_000;

describe("the ledger, whatever members, contacts and the clock do in whatever order", () => {
  test(
    "no member's spendable balance (confirmed entries plus held debits) is ever negative",
    async () => {
      await fc.assert(
        fc.asyncProperty(actions, async (list) => {
          await run(list, async (h) => {
            for (const [id, minutes] of Object.entries(await balances(h)))
              expect(minutes, `member ${id}'s spendable minutes`).toBeGreaterThanOrEqual(0);
          });
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "every credit is accounted for: spendable balances + open holds + confirmed spends = confirmed earnings",
    async () => {
      await fc.assert(
        fc.asyncProperty(actions, async (list) => {
          const { h } = await run(list);
          const spendable = Object.values(await balances(h)).reduce((a, b) => a + b, 0);
          const openHolds = -(await sum(h, "status = 'held'"));
          const spent = -(await sum(h, "kind = 'spend' AND status = 'confirmed'"));
          const earned = await sum(h, "kind = 'earning' AND status = 'confirmed'");
          expect(await sum(h, "status = 'held' AND minutes > 0"), "no hold is a credit").toBe(0);
          expect(spendable + openHolds + spent).toBe(earned);
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "confirmed gifts sum to zero, each gift on its own: what one member gives another receives",
    async () => {
      await fc.assert(
        fc.asyncProperty(actions, async (list) => {
          const { h } = await run(list);
          expect(await sum(h, "kind = 'gift' AND status = 'confirmed'")).toBe(0);
          expect(
            await h.rows(
              `SELECT inbound_id, SUM(minutes) AS minutes, COUNT(*) AS n FROM ledger_entries
             WHERE kind = 'gift' AND status = 'confirmed' GROUP BY inbound_id HAVING SUM(minutes) <> 0 OR COUNT(*) <> 2`,
            ),
          ).toEqual([]);
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "no event is booked beyond its capacity, and every booking agrees with its ledger entry",
    async () => {
      await fc.assert(
        fc.asyncProperty(actions, async (list) => {
          const { h } = await run(list);
          expect(
            await h.rows(
              `SELECT e.id, e.capacity, SUM(b.places) AS taken FROM events e JOIN bookings b ON b.event_id = e.id
             WHERE b.status IN ('held', 'redeemed') GROUP BY e.id HAVING SUM(b.places) > e.capacity`,
            ),
          ).toEqual([]);
          // held ↔ held, redeemed ↔ confirmed, cancelled or released ↔ released; the same minutes.
          expect(
            await h.rows(
              `SELECT b.code, b.status, l.status AS entry, b.minutes, l.minutes AS entry_minutes
             FROM bookings b LEFT JOIN ledger_entries l ON l.booking_id = b.id
             WHERE l.id IS NULL OR l.minutes <> -b.minutes OR NOT (
               (b.status = 'held' AND l.status = 'held') OR (b.status = 'redeemed' AND l.status = 'confirmed')
               OR (b.status IN ('cancelled', 'released') AND l.status = 'released'))`,
            ),
          ).toEqual([]);
        }),
        options,
      );
    },
    TIMEOUT,
  );

  test(
    "replaying any earlier message (same MessageSid) changes no table's row count and no balance, and gets the same answer",
    async () => {
      await fc.assert(
        fc.asyncProperty(actions, fc.nat(), async (list, which) => {
          const { h, sent } = await run(list);
          const earlier = sent[which % Math.max(1, sent.length)];
          if (!earlier) return;
          const counts = await tableCounts(h);
          const before = await balances(h);
          const again = await h.sms(earlier.from, earlier.body, { sid: earlier.sid });
          await h.flush();
          // Twilio retries within minutes; past the 90-day retention the answer is gone, the effect still once.
          // (the scheduled job may or may not have purged it yet, depending on when it last ran).
          if (h.deps.now().getTime() - earlier.at < 90 * 86_400_000) {
            expect(again).toEqual({ status: 200, messages: earlier.replies });
          } else {
            expect(again.status).toBe(200);
            expect([[], earlier.replies]).toContainEqual(again.messages);
          }
          expect(await tableCounts(h)).toEqual(counts);
          expect(await balances(h)).toEqual(before);
        }),
        options,
      );
    },
    TIMEOUT,
  );
});
