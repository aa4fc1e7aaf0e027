// Request and booking codes: the read asks only whether a message's few candidate codes are taken,
// and that is enough — the code chosen from those is the code the full list of open codes would give.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { CODE_TRIES, codeCandidates, codesToCheck, pickCode } from "../../src/core/requests.ts";

const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const threeDigit = fc.integer({ min: 100, max: 999 }).map(String);
const fourDigit = fc.integer({ min: 1000, max: 9999 }).map(String);

describe("pickCode", () => {
  test("knowing only which of the seed's candidates are taken picks the same code as knowing every open code", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(threeDigit, fourDigit), { maxLength: 900 }), seed, (used, s) => {
        const asked = new Set(codesToCheck(s));
        const seen = used.filter((c) => asked.has(c));
        expect(pickCode(seen, s)).toBe(pickCode(used, s));
        expect(pickCode(seen, s, 4)).toBe(pickCode(used, s, 4));
      }),
    );
  });

  test("never hands out a code that is in use", () => {
    fc.assert(
      fc.property(fc.uniqueArray(threeDigit, { maxLength: 900 }), seed, (used, s) => {
        expect(used).not.toContain(pickCode(used, s));
      }),
    );
  });

  test("a crowded partner (every 3-digit candidate taken) gets a 4-digit code, then a 5-digit one", () => {
    const s = 20261128;
    const three = codeCandidates(s, 3);
    const four = codeCandidates(s, 4);
    expect(three).toHaveLength(CODE_TRIES);
    expect(pickCode(three.slice(0, -1), s)).toBe(three.at(-1));
    expect(pickCode(three, s)).toBe(four[0]);
    expect(pickCode([...three, ...four], s)).toMatch(/^\d{5}$/);
    expect(codesToCheck(s)).toContain(pickCode([...three, ...four], s));
  });
});
