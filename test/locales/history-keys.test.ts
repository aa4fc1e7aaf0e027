// HISTORY names each entry by its kind and status: every pair the ledger can hold has its line in
// every language (a missing one would show the bare key to the member).
import { expect, test } from "vitest";
import { createI18n } from "../../src/i18n/index.ts";

// The statuses each kind takes (store/migrations: ledger_entries; writers and jobs set them).
const PAIRS = {
  earning: ["pending", "confirmed", "rejected", "expired"],
  correction: ["confirmed"],
  gift: ["confirmed", "pending", "held", "released", "expired"],
  spend: ["held", "confirmed", "released"],
};

test.each(["en", "pl", "lv"] as const)("every kind and status has a HISTORY line in %s", (locale) => {
  const { t } = createI18n();
  for (const [kind, statuses] of Object.entries(PAIRS)) {
    for (const status of statuses) {
      for (const count of [0, 1, 2, 5, 22]) {
        const key = `history.${kind}.${status}`;
        const text = t(locale, key, { day: "D", hours: "+1 h", credits: "1", count, name: "N" });
        expect(text, `${locale} ${key} count=${count}`).not.toContain("history.");
        expect(text).toContain("D");
      }
    }
  }
});
