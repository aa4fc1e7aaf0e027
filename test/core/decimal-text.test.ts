// Amounts are written without Intl.NumberFormat (its first use is milliseconds of a Worker isolate's
// first message): what the bot writes must be exactly what Intl would write, in all three languages.
import fc from "fast-check";
import { expect, test } from "vitest";
import { decimalText, hoursCount, hoursText, isTimeZone } from "../../src/core/format.ts";
import { LOCALES } from "../../src/core/types.ts";

const intl = (value: number, locale: string, min: number, max: number) =>
  new Intl.NumberFormat(locale, {
    minimumFractionDigits: min,
    maximumFractionDigits: max,
    useGrouping: false,
  })
    .format(value)
    .replace(/^-0$/, "0");

test("hours read as Intl writes them: quarters to two decimals, else one, with the language's decimal sign", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -100_000, max: 100_000 }),
      fc.constantFrom(...LOCALES),
      (minutes, locale) => {
        const digits = minutes % 15 === 0 ? 2 : 1;
        expect(hoursText(minutes, locale)).toBe(intl(hoursCount(minutes), locale, 0, digits));
      },
    ),
    { numRuns: 3000 },
  );
  expect(hoursText(150, "pl")).toBe("2,5");
  expect(hoursText(45, "en")).toBe("0.75");
  expect(hoursText(50, "lv")).toBe("0,8");
  expect(hoursText(-2, "en")).toBe("0");
});

test("pounds and pence keep two decimals, whole pounds none, as Intl writes them", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.constantFrom(...LOCALES), (pence, locale) => {
      const whole = pence % 100 === 0;
      const ours = whole ? decimalText(pence / 100, 0, locale, false) : decimalText(pence, 2, locale, true);
      expect(ours).toBe(intl(pence / 100, locale, whole ? 0 : 2, whole ? 0 : 2));
    }),
    { numRuns: 3000 },
  );
  expect(decimalText(450, 2, "pl", true)).toBe("4,50");
});

test("a time zone is known by its IANA name, and nothing else is", () => {
  expect(isTimeZone("Europe/London")).toBe(true);
  expect(isTimeZone("Europe/Riga")).toBe(true);
  expect(isTimeZone("UTC")).toBe(true);
  expect(isTimeZone("Europe/Fenland")).toBe(false);
  expect(isTimeZone("")).toBe(false);
  expect(isTimeZone("not a zone")).toBe(false);
});
