// When a reply with long names cannot fit the SMS budget, the names are shortened — never the code a
// partner must send back. Long values as a real scheme has them, in every language, with and
// without plain letters.
import { describe, expect, test } from "vitest";
import { renderMessages } from "../../src/channels/render-text.ts";
import { LOCALES } from "../../src/core/types.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { countSegments } from "../../src/lib/segments.ts";

const { t } = createI18n();
const LONG = {
  member: "Małgorzata Wiśniewska-Bērziņa",
  name: "Wisbech Community House & Food Bank",
  what: "sorting food parcels for families",
  hours: "2.5",
  day: "Thu 26/11",
  code: "948",
};

describe("a partner's confirmation request with long names", () => {
  for (const locale of LOCALES) {
    for (const plainLetters of [false, true]) {
      test(`${locale}${plainLetters ? ", plain letters" : ""}: fits 2 segments and keeps both codes`, () => {
        for (const key of ["partner.request", "partner.requestWhat"] as const) {
          const messages = renderMessages(t, locale, { key, params: LONG }, 2, { plainLetters });
          expect(messages).toHaveLength(1);
          const text = messages[0] ?? "";
          expect(countSegments(text).segments).toBeLessThanOrEqual(2);
          // The reply words and the code, twice, at the end, whole.
          expect(text).toMatch(/ 948 \S+ \S+ 948$/);
        }
      });
    }
  }

  test("short names are not touched", () => {
    const text = renderMessages(t, "pl", {
      key: "partner.request",
      params: { ...LONG, member: "Anna", name: "Oasis", what: "" },
    })[0];
    expect(text).toContain("Anna: 2.5");
    expect(text).toContain("Oasis");
  });
});
