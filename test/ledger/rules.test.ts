// Property tests of the credit rules: each test name states an invariant in plain words, and fast-check
// looks for a set of ledger entries, an amount or a date that breaks it.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { LedgerEntry } from "../../src/core/types.ts";
import {
  balanceOf,
  checkDay,
  checkDayTotal,
  checkMinutes,
  earliestDay,
  MAX_DAY_MINUTES,
  MAX_DAYS_BACK,
  MAX_ENTRY_MINUTES,
} from "../../src/ledger/rules.ts";

type Entry = Pick<LedgerEntry, "status" | "minutes" | "partnerId" | "kind">;

const DAY_MS = 86_400_000;
const partnerId = fc.constantFrom("staithe", "oasis", "childrens-centre", null);
const kind = fc.constantFrom<Entry["kind"]>("earning", "spend", "gift", "correction");
const status = fc.constantFrom<Entry["status"]>(
  "pending",
  "confirmed",
  "rejected",
  "expired",
  "held",
  "released",
);
const amount = fc.integer({ min: -MAX_DAY_MINUTES, max: MAX_DAY_MINUTES });

/** Any entry the ledger table accepts, including combinations the app should never write. */
const anyEntry: fc.Arbitrary<Entry> = fc.record({ status, kind, minutes: amount, partnerId });
/** A pending earning as the bot records it when someone logs hours. */
const pendingEarning: fc.Arbitrary<Entry> = fc.record({
  status: fc.constant("pending" as const),
  kind: fc.constant("earning" as const),
  minutes: fc.integer({ min: 1, max: MAX_ENTRY_MINUTES }),
  partnerId,
});
/** A hold: credit set aside for a booking or a gift, always a debit. */
const hold: fc.Arbitrary<Entry> = fc.record({
  status: fc.constant("held" as const),
  kind: fc.constantFrom<Entry["kind"]>("spend", "gift"),
  minutes: fc.integer({ min: -MAX_DAY_MINUTES, max: -1 }),
  partnerId,
});
const entries = fc.array(anyEntry, { maxLength: 40 });
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("balanceOf", () => {
  test("an empty ledger is a zero balance with nothing pending", () => {
    expect(balanceOf([])).toEqual({ available: 0, pendingByPartner: {} });
  });

  test("pending earnings never count towards the balance", () => {
    fc.assert(
      fc.property(entries, pendingEarning, (before, earning) => {
        expect(balanceOf([...before, earning]).available).toBe(balanceOf(before).available);
      }),
    );
  });

  test("a pending earning is shown apart, under its partner, for its full amount", () => {
    fc.assert(
      fc.property(entries, pendingEarning, (before, earning) => {
        const key = earning.partnerId ?? "";
        const was = balanceOf(before).pendingByPartner[key] ?? 0;
        expect(balanceOf([...before, earning]).pendingByPartner[key]).toBe(was + earning.minutes);
      }),
    );
  });

  test("the pending amounts add up to every pending earning, and nothing else", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pendingEarning, hold, anyEntry), { maxLength: 40 }), (list) => {
        const pending = list.filter((e) => e.status === "pending" && e.kind === "earning" && e.minutes > 0);
        expect(sum(Object.values(balanceOf(list).pendingByPartner))).toBe(sum(pending.map((e) => e.minutes)));
      }),
    );
  });

  test("the balance is the sum of confirmed entries plus holds", () => {
    const confirmed = fc.record({
      status: fc.constant("confirmed" as const),
      kind,
      minutes: amount,
      partnerId,
    });
    fc.assert(
      fc.property(fc.array(fc.oneof(confirmed, hold, pendingEarning), { maxLength: 40 }), (list) => {
        const counted = list.filter((e) => e.status === "confirmed" || e.status === "held");
        expect(balanceOf(list).available).toBe(sum(counted.map((e) => e.minutes)));
      }),
    );
  });

  test("a hold counts against the balance at once, and releasing it gives the credit back", () => {
    fc.assert(
      fc.property(entries, hold, (before, held) => {
        const base = balanceOf(before).available;
        expect(balanceOf([...before, held]).available).toBe(base + held.minutes);
        expect(balanceOf([...before, { ...held, status: "released" }]).available).toBe(base);
      }),
    );
  });

  test("a held credit never raises the balance", () => {
    fc.assert(
      fc.property(entries, amount, kind, (before, minutes, k) => {
        const held: Entry = { status: "held", kind: k, minutes, partnerId: null };
        expect(balanceOf([...before, held]).available).toBeLessThanOrEqual(balanceOf(before).available);
      }),
    );
  });

  test("a rejected or expired earning (or a released hold) changes nothing", () => {
    const settledAway = fc.record({
      status: fc.constantFrom<Entry["status"]>("rejected", "expired", "released"),
      kind,
      minutes: amount,
      partnerId,
    });
    fc.assert(
      fc.property(entries, settledAway, (before, entry) => {
        expect(balanceOf([...before, entry])).toEqual(balanceOf(before));
      }),
    );
  });

  test("confirming a pending earning moves exactly its amount from pending into the balance", () => {
    fc.assert(
      fc.property(entries, pendingEarning, (before, earning) => {
        const pending = balanceOf([...before, earning]);
        const confirmed = balanceOf([...before, { ...earning, status: "confirmed" }]);
        const key = earning.partnerId ?? "";
        expect(confirmed.available - pending.available).toBe(earning.minutes);
        expect((pending.pendingByPartner[key] ?? 0) - (confirmed.pendingByPartner[key] ?? 0)).toBe(
          earning.minutes,
        );
      }),
    );
  });

  test("the order of entries does not matter", () => {
    const listAndShuffle = entries.chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      ),
    );
    fc.assert(
      fc.property(listAndShuffle, ([list, shuffled]) => {
        expect(balanceOf(shuffled)).toEqual(balanceOf(list));
      }),
    );
  });

  test("the balance of a whole ledger is the balance of its parts added together", () => {
    fc.assert(
      fc.property(entries, entries, (a, b) => {
        const whole = balanceOf([...a, ...b]);
        const [left, right] = [balanceOf(a), balanceOf(b)];
        expect(whole.available).toBe(left.available + right.available);
        for (const key of new Set([
          ...Object.keys(left.pendingByPartner),
          ...Object.keys(right.pendingByPartner),
        ])) {
          expect(whole.pendingByPartner[key]).toBe(
            (left.pendingByPartner[key] ?? 0) + (right.pendingByPartner[key] ?? 0),
          );
        }
      }),
    );
  });
});

describe("checkMinutes", () => {
  test(`accepts exactly 1 to ${MAX_ENTRY_MINUTES} minutes`, () => {
    fc.assert(
      fc.property(fc.integer({ min: -2 * MAX_ENTRY_MINUTES, max: 3 * MAX_ENTRY_MINUTES }), (minutes) => {
        const expected = minutes <= 0 ? "notPositive" : minutes > MAX_ENTRY_MINUTES ? "tooLong" : null;
        expect(checkMinutes(minutes)).toBe(expected);
      }),
    );
  });

  test.each([
    [0, "notPositive"],
    [1, null],
    [MAX_ENTRY_MINUTES, null],
    [MAX_ENTRY_MINUTES + 1, "tooLong"],
    [Number.NaN, "notPositive"],
    [Number.POSITIVE_INFINITY, "notPositive"],
    [Number.NEGATIVE_INFINITY, "notPositive"],
  ])("checkMinutes(%s) is %s", (minutes, expected) => {
    expect(checkMinutes(minutes)).toBe(expected);
  });
});

describe("checkDay", () => {
  /** A local date as the bot writes it. fc.date gives UTC instants, so format in UTC. */
  const ymd = (d: Date) => d.toISOString().slice(0, 10);
  const date = fc.date({
    min: new Date("1990-01-01T00:00:00Z"),
    max: new Date("2090-12-31T00:00:00Z"),
    noInvalidDate: true,
  });
  /** Whole days from `day` to `today`; positive when `day` is in the past. */
  const daysBefore = (day: string, today: string) =>
    Math.round((Date.parse(today) - Date.parse(day)) / DAY_MS);

  test(`accepts exactly today back to ${MAX_DAYS_BACK} days ago`, () => {
    const near = fc.tuple(date, fc.integer({ min: -45, max: 45 })).map(([today, back]) => ({
      today: ymd(today),
      day: ymd(new Date(today.getTime() - back * DAY_MS)),
    }));
    fc.assert(
      fc.property(near, ({ today, day }) => {
        const back = daysBefore(day, today);
        const expected = back < 0 ? "future" : back > MAX_DAYS_BACK ? "tooOld" : null;
        expect(checkDay(day, today)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  test("any two dates: a future day is refused, a day before the earliest is refused, the rest accepted", () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [today, day] = [ymd(a), ymd(b)];
        const back = daysBefore(day, today);
        expect(checkDay(day, today)).toBe(back < 0 ? "future" : back > MAX_DAYS_BACK ? "tooOld" : null);
      }),
    );
  });

  test("the earliest day is always the last one accepted", () => {
    fc.assert(
      fc.property(date, (d) => {
        const today = ymd(d);
        const earliest = earliestDay(today);
        expect(daysBefore(earliest, today)).toBe(MAX_DAYS_BACK);
        expect(checkDay(earliest, today)).toBeNull();
        expect(checkDay(ymd(new Date(Date.parse(earliest) - DAY_MS)), today)).toBe("tooOld");
      }),
    );
  });

  test.each([
    ["2024-03-01", "2024-01-31", null], // across a leap-year February
    ["2024-03-01", "2024-01-30", "tooOld"],
    ["2026-03-29", "2026-02-27", null], // the clocks go forward in London that day
    ["2026-01-01", "2025-12-02", null],
    ["2026-01-01", "2026-01-02", "future"],
  ])("today %s, day %s → %s", (today, day, expected) => {
    expect(checkDay(day, today)).toBe(expected);
  });
});

describe("checkDayTotal", () => {
  test(`refuses exactly when the day would pass ${MAX_DAY_MINUTES} minutes`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 * MAX_DAY_MINUTES }),
        fc.integer({ min: 1, max: MAX_ENTRY_MINUTES }),
        (already, minutes) => {
          expect(checkDayTotal(already, minutes)).toBe(
            already + minutes > MAX_DAY_MINUTES ? "dayFull" : null,
          );
        },
      ),
    );
  });

  test("a day can be filled to exactly 16 hours, not a minute more", () => {
    expect(checkDayTotal(MAX_DAY_MINUTES - 60, 60)).toBeNull();
    expect(checkDayTotal(MAX_DAY_MINUTES - 60, 61)).toBe("dayFull");
  });
});
