// Property tests of the caps on a member's own requests (security review F5), stated in plain words.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkMinutes, checkRequest, MAX_ENTRY_MINUTES, openRequestLimit } from "../../src/ledger/rules.ts";

const limits = fc.record({
  maxOpenRequests: fc.integer({ min: 1, max: 100 }),
  newcomerOpenRequests: fc.integer({ min: 1, max: 100 }),
  roundingMinutes: fc.integer({ min: 1, max: 60 }),
});
const standing = fc.record({ open: fc.integer({ min: 0, max: 200 }), confirmedOnce: fc.boolean() });

describe("checkRequest", () => {
  test("no member ever has more open requests than maxOpenRequests, and a newcomer no more than either cap", () => {
    fc.assert(
      fc.property(standing, limits, (s, l) => {
        const allowed = checkRequest(s, l) === null;
        const cap = s.confirmedOnce ? l.maxOpenRequests : Math.min(l.maxOpenRequests, l.newcomerOpenRequests);
        expect(allowed).toBe(s.open < cap);
        expect(openRequestLimit(s, l)).toBe(cap);
      }),
    );
  });

  test("a refusal for the cap names the newcomer's cap only when that is the one that binds", () => {
    fc.assert(
      fc.property(standing, limits, (s, l) => {
        const refusal = checkRequest(s, l);
        if (refusal === "newcomer")
          expect(!s.confirmedOnce && l.newcomerOpenRequests < l.maxOpenRequests).toBe(true);
        if (refusal === "tooMany")
          expect(s.confirmedOnce || l.newcomerOpenRequests >= l.maxOpenRequests).toBe(true);
      }),
    );
  });

  test("below the cap, an entry is refused exactly when checkMinutes with the rounding increment refuses it", () => {
    fc.assert(
      fc.property(limits, fc.integer({ min: -60, max: 2 * MAX_ENTRY_MINUTES }), (l, minutes) => {
        const fresh = { open: 0, confirmedOnce: true };
        expect(checkRequest(fresh, l, minutes)).toBe(checkMinutes(minutes, l.roundingMinutes));
      }),
    );
  });

  test.each([
    [1, "tooShort"],
    [14, "tooShort"],
    [15, null],
    [MAX_ENTRY_MINUTES + 1, "tooLong"],
  ])("with the default 15-minute increment, %s minutes is %s", (minutes, expected) => {
    const l = { maxOpenRequests: 5, newcomerOpenRequests: 2, roundingMinutes: 15 };
    expect(checkRequest({ open: 0, confirmedOnce: false }, l, minutes)).toBe(expected);
  });
});
