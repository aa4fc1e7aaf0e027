// Understanding measured on the labelled corpus (corpus/README.md). The held-out part is never
// tuned on: these floors only stop it getting worse. `npm run bench` prints the full tables.
import { describe, expect, test } from "vitest";
import { judgeCorpus, loadCorpus } from "../../bench/understanding.ts";
import { accuracy, isHeldOut, report } from "../../src/core/understand/corpus.ts";

/**
 * Held-out floors per language, a few points under what was measured when they were set (see the
 * README's "Understanding" section for the figures): right at least this often…
 */
// en was 0.85 until issue 17 added offer and ask (60 lines, 21 held out): on the lines it had before
// nothing changed, the new ones are often asked back ("offer or help?"), and en measures 0.835.
const RIGHT_FLOOR = { en: 0.8, pl: 0.77, lv: 0.72 };
/** …and acting on the wrong task at most this often (asking back is not wrong). */
const WRONG_CEILING = { en: 0.04, pl: 0.05, lv: 0.06 };

const INTENTS = new Set(
  "balance log history events book cancel give volunteer help lang stop start mydata deleteme checkin checkout menu channel offer ask yes no unclear name greeting unknown".split(
    " ",
  ),
);

const lines = loadCorpus();
const { heldOut, train } = judgeCorpus(lines);

describe("the corpus", () => {
  test("has at least 200 labelled messages per language, 600 in all, each with a known intent", () => {
    expect(lines.length).toBeGreaterThanOrEqual(600);
    for (const lang of ["en", "pl", "lv"]) {
      const mine = lines.filter((l) => l.lang === lang);
      expect(mine.length, lang).toBeGreaterThanOrEqual(200);
    }
    for (const l of lines) expect(INTENTS.has(l.intent), `${l.lang}: ${l.text} → ${l.intent}`).toBe(true);
  });

  test("holds out about 30 % of each language, decided by the text alone", () => {
    for (const lang of ["en", "pl", "lv"]) {
      const mine = lines.filter((l) => l.lang === lang);
      const share = mine.filter(isHeldOut).length / mine.length;
      expect(share, lang).toBeGreaterThan(0.2);
      expect(share, lang).toBeLessThan(0.4);
    }
    expect(isHeldOut({ text: "ile mam kredytów" })).toBe(isHeldOut({ text: " ile mam kredytów " }));
  });
});

describe("understanding on the held-out part", () => {
  const byLang = report(heldOut).byLanguage;
  test.each(Object.keys(RIGHT_FLOOR) as (keyof typeof RIGHT_FLOOR)[])("%s stays above its floor", (lang) => {
    const tally = byLang[lang];
    if (!tally) throw new Error(`no held-out ${lang} lines`);
    expect(accuracy(tally), `${lang} right`).toBeGreaterThanOrEqual(RIGHT_FLOOR[lang]);
    expect(tally.wrong / tally.lines, `${lang} wrong`).toBeLessThanOrEqual(WRONG_CEILING[lang]);
  });

  test("the part it was built from is understood almost always", () => {
    expect(accuracy(report(train).all)).toBeGreaterThanOrEqual(0.9);
  });
});
