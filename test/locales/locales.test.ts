// Locale completeness: every key in en, pl and lv; every plural form each language needs
// (Intl.PluralRules); the same placeholders everywhere; no English left in Polish or Latvian.
import { describe, expect, test } from "vitest";
import { LOCALES, type Locale } from "../../src/core/types.ts";
import { resources } from "../../src/i18n/index.ts";

type Flat = Record<string, string>;

function flatten(value: unknown, prefix = "", out: Flat = {}): Flat {
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") flatten(v, key, out);
    else out[key] = String(v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const flat: Record<Locale, Flat> = {
  en: flatten(resources.en),
  pl: flatten(resources.pl),
  lv: flatten(resources.lv),
};
const baseKeys = (l: Locale) => new Set(Object.keys(flat[l]).map((k) => k.replace(PLURAL, "")));
const placeholders = (text: string) => [...text.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

/** English function words that would betray an untranslated Polish or Latvian string. */
const ENGLISH = /\b(the|and|you|your|with|please|reply|thanks|hours|credits?|from|of)\b/i;
/** Words that are the same in every language here: command keywords, brand names, language names,
 * and "Partner", which Polish writes as English does. */
const SAME_EVERYWHERE =
  /^(MENU|STOP|START|OK|Bot|Partner|Time Credits|English|Polski|Latviešu|GSM-7|UCS-2|\W|\d|\s)*$/;

describe("locales", () => {
  test.each(LOCALES)("%s has every key the others have", (l) => {
    const mine = baseKeys(l);
    const missing = LOCALES.flatMap((o) => [...baseKeys(o)].filter((k) => !mine.has(k)));
    expect([...new Set(missing)]).toEqual([]);
  });

  test.each(LOCALES)("%s has every plural form Intl.PluralRules needs, and no stray ones", (l) => {
    const needed = new Intl.PluralRules(l).resolvedOptions().pluralCategories;
    const pluralBases = new Set(
      LOCALES.flatMap((o) => Object.keys(flat[o]).filter((k) => PLURAL.test(k))).map((k) =>
        k.replace(PLURAL, ""),
      ),
    );
    expect(pluralBases.size).toBeGreaterThan(0);
    for (const base of pluralBases) {
      for (const category of needed)
        expect(flat[l], `${l}: ${base}_${category}`).toHaveProperty([`${base}_${category}`]);
      expect(flat[l], `${l}: ${base} should only exist in plural forms`).not.toHaveProperty([base]);
    }
  });

  test.each(["pl", "lv"] as const)("%s uses only placeholders English has, and no English words", (l) => {
    for (const [key, en] of Object.entries(flat.en)) {
      const base = key.replace(PLURAL, "");
      const theirs = flat[l][key] ?? flat[l][`${base}_other`];
      expect(theirs, key).toBeDefined();
      const text = theirs as string;
      // A translation may leave out a value (a sentence can drop the scheme's name) but never invent one.
      const known = new Set([...placeholders(en), "count"]);
      expect(
        placeholders(text).filter((p) => !known.has(p)),
        `${l}:${key}`,
      ).toEqual([]);
      const words = text
        .replace(/Time Credits/g, "")
        .replace(/{{\s*\w+\s*}}/g, "")
        .replace(/\b[A-ZĀČĒĢĪĶĻŅŠŪŽĄĆĘŁŃÓŚŹŻ]{2,}\b/g, "");
      expect(words, `${l}:${key} looks English`).not.toMatch(ENGLISH);
      const wordsOnly = text.replace(/{{\s*\w+\s*}}/g, "");
      if (text === en) expect(wordsOnly, `${l}:${key} is the English text`).toMatch(SAME_EVERYWHERE);
    }
  });

  test.each(LOCALES)("%s has no invisible marks or non-breaking spaces (they force UCS-2 SMS)", (l) => {
    for (const [key, text] of Object.entries(flat[l])) {
      expect(text, `${l}:${key}`).not.toMatch(/[\u00a0\u200b-\u200f\u202a-\u202f\u2066-\u2069\ufeff]/);
    }
  });

  test("plural forms are picked as each language counts", async () => {
    const { createI18n } = await import("../../src/i18n/index.ts");
    const { t } = createI18n();
    const say = (l: Locale, count: number) => t(l, "balance.summary", { count, credits: String(count) });
    expect([1, 2, 5].map((n) => say("en", n))).toEqual([
      "You have 1 credit.",
      "You have 2 credits.",
      "You have 5 credits.",
    ]);
    expect([1, 2, 5, 22, 2.5].map((n) => say("pl", n))).toEqual([
      "Masz 1 kredyt.",
      "Masz 2 kredyty.",
      "Masz 5 kredytów.",
      "Masz 22 kredyty.",
      "Masz 2.5 kredytu.",
    ]);
    expect([0, 1, 2, 21, 11].map((n) => say("lv", n))).toEqual([
      "Tev ir 0 kredītu.",
      "Tev ir 1 kredīts.",
      "Tev ir 2 kredīti.",
      "Tev ir 21 kredīts.",
      "Tev ir 11 kredītu.",
    ]);
  });
});
