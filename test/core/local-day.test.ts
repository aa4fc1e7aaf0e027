// localDay keeps one Intl formatter per timezone (it runs for every message): it must give the same
// day as date-fns in the scheme's zone at every instant, across DST changes, in the three countries.
import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import fc from "fast-check";
import { expect, test } from "vitest";
import { clockTime, localDay } from "../../src/core/format.ts";

test("localDay is the scheme-local calendar day, across DST, in London, Warsaw and Riga", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }),
      fc.constantFrom("Europe/London", "Europe/Warsaw", "Europe/Riga", "UTC"),
      (t, tz) => {
        expect(localDay(new Date(t), tz)).toBe(format(new TZDate(t, tz), "yyyy-MM-dd"));
      },
    ),
    { numRuns: 2000 },
  );
  // Just either side of midnight in Warsaw on the night the clocks went back.
  expect(localDay(new Date("2026-10-24T21:59:59Z"), "Europe/Warsaw")).toBe("2026-10-24");
  expect(localDay(new Date("2026-10-24T22:00:00Z"), "Europe/Warsaw")).toBe("2026-10-25");
});

test("localDay stays right for a clock that moves on, minute by minute, through midnights and DST", () => {
  // It keeps the day of the last quarter hour it was asked about: walk through whole nights (and the
  // nights the clocks change) in zones whose midnight falls on :00, :15, :30 and :45 UTC.
  const zones = [
    "Europe/London",
    "Europe/Riga",
    "Asia/Kathmandu",
    "Australia/Eucla",
    "America/St_Johns",
    "Pacific/Chatham",
  ];
  fc.assert(
    fc.property(
      fc.constantFrom(...zones),
      fc.constantFrom(
        Date.UTC(2026, 2, 28, 12),
        Date.UTC(2026, 9, 24, 12),
        Date.UTC(2026, 3, 4, 6),
        Date.UTC(2026, 8, 26, 6),
      ),
      fc.integer({ min: 1, max: 11 }),
      (tz, from, step) => {
        for (let t = from; t < from + 2 * 86_400_000; t += step * 60_000 + 17_000) {
          expect(localDay(new Date(t), tz)).toBe(format(new TZDate(t, tz), "yyyy-MM-dd"));
        }
      },
    ),
    { numRuns: 40 },
  );
});

test("clockTime is date-fns' HH:mm in the scheme's zone at every instant, across DST", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2032, 0, 1) }),
      fc.constantFrom("Europe/London", "Europe/Warsaw", "Europe/Riga", "UTC"),
      (t, tz) => {
        const iso = new Date(t).toISOString();
        expect(clockTime(iso, tz)).toBe(format(new TZDate(t, tz), "HH:mm"));
      },
    ),
    { numRuns: 2000 },
  );
  // Midnight is 00:00, not 24:00.
  expect(clockTime("2026-11-28T00:00:00Z", "Europe/London")).toBe("00:00");
});
