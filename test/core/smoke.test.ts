// The translator is built and actually has the translations: every language answers with its own
// text from locales/, plurals pick their form, and the other namespaces load too. (A translator with
// no resources echoes keys back, which this must catch.)
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { LOCALES } from "../../src/core/types.ts";
import { createI18n } from "../../src/i18n/index.ts";

type Tree = { [key: string]: string | Tree };
const locale = (l: string, ns: string): Tree =>
  JSON.parse(readFileSync(new URL(`../../locales/${l}/${ns}.json`, import.meta.url), "utf8"));
const at = (tree: Tree, path: string): string => {
  const value = path.split(".").reduce<string | Tree | undefined>((t, k) => (t as Tree)?.[k], tree);
  if (typeof value !== "string") throw new Error(`no string at ${path}`);
  return value;
};

test("each language's messages come from its own locale files, not the key", () => {
  const i18n = createI18n();
  for (const l of LOCALES) {
    const bot = locale(l, "bot");
    for (const key of ["menu.title", "help", "stop.done", "join.askName"]) {
      const text = i18n.t(l, key, { scheme: "Wisbech Time Credits" });
      expect(text).not.toBe(key);
      expect(text).toBe(at(bot, key).replace("{{scheme}}", "Wisbech Time Credits"));
    }
    expect(i18n.t(l, "sim:title")).toBe(at(locale(l, "sim"), "title"));
    expect(i18n.t(l, "admin:nav.overview")).toBe(at(locale(l, "admin"), "nav.overview"));
  }
  expect(i18n.t("en", "menu.title")).toBe("Reply with a number:");
  expect(i18n.t("pl", "menu.title")).not.toBe(i18n.t("en", "menu.title"));
});

test("plural forms are chosen by count and filled in", () => {
  const i18n = createI18n();
  expect(i18n.t("en", "balance.summary", { count: 1, credits: "1" })).toBe("You have 1 credit.");
  expect(i18n.t("en", "balance.summary", { count: 3, credits: "3" })).toBe("You have 3 credits.");
  expect(i18n.t("pl", "balance.summary", { count: 5, credits: "5" })).toBe("Masz 5 kredytów.");
  expect(i18n.t("lv", "balance.summary", { count: 0, credits: "0" })).toBe("Tev ir 0 kredītu.");
});

test("has() knows the English keys, and an unknown key is reported as such", () => {
  const i18n = createI18n();
  expect(i18n.has("menu.title")).toBe(true);
  expect(i18n.has("nothing.here")).toBe(false);
  expect(i18n.t("en", "nothing.here")).toBe("nothing.here");
});
