// Translation keys are checked at compile time: src/i18n/keys.ts lists every key of locales/en as a
// type (MessageKey), and a reply's key must be one. This file keeps that honest: the generated file
// must be what scripts/locale-keys.mjs makes of locales/en today, and a mistyped key must not compile.
import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { keysSource, localeKeys } from "../../scripts/locale-keys.mjs";
import { reply } from "../../src/core/context.ts";
import type { MessageKey, Reply } from "../../src/core/types.ts";
import { createI18n } from "../../src/i18n/index.ts";

describe("src/i18n/keys.ts", () => {
  test("is what scripts/locale-keys.mjs makes of locales/en", () => {
    const file = readFileSync(new URL("../../src/i18n/keys.ts", import.meta.url), "utf8");
    expect(file, "run `node scripts/locale-keys.mjs` after changing keys in locales/en").toBe(keysSource());
  });

  test("lists every key once, plural forms as their base key, and each one translates", () => {
    const i18n = createI18n();
    const byNamespace = localeKeys();
    expect(Object.keys(byNamespace)).toEqual([
      "admin",
      "bot",
      "broadcast",
      "events",
      "polls",
      "posts",
      "reports",
      "sim",
    ]);
    expect(byNamespace.bot).toContain("balance.summary");
    expect(byNamespace.bot).not.toContain("balance.summary_one");
    for (const [ns, keys] of Object.entries(byNamespace)) {
      expect(new Set(keys).size).toBe(keys.length);
      const missing = keys.filter((k) => !i18n.has(`${ns}:${k}`) && !i18n.has(`${ns}:${k}_other`));
      expect(missing, ns).toEqual([]);
    }
  });

  test("a key that is not in locales/en does not compile", () => {
    // tsc fails on an unused @ts-expect-error: these lines prove the keys are typed, not plain strings.
    // @ts-expect-error "notContakt" is a typo
    const typo = reply("partner.notContakt");
    // @ts-expect-error a plural form is written as its base key
    const plural: Reply = { key: "balance.summary_one" };
    const fine: MessageKey[] = ["partner.notContact", "balance.summary", "sim:title", "events:list.edit"];
    expect(typo.type).toBe("reply");
    expect(plural.key).toBe("balance.summary_one");
    expect(fine).toHaveLength(4);
  });
});
