// Translation: one i18next instance built from the JSON in locales/ (imported, never read from disk,
// so the Worker bundle carries them). Plural forms follow Intl.PluralRules: en one/other,
// pl one/few/many/other, lv zero/one/other.
import i18next, { type i18n } from "i18next";
import enAdmin from "../../locales/en/admin.json" with { type: "json" };
import enBot from "../../locales/en/bot.json" with { type: "json" };
import enBroadcast from "../../locales/en/broadcast.json" with { type: "json" };
import enEvents from "../../locales/en/events.json" with { type: "json" };
import enPolls from "../../locales/en/polls.json" with { type: "json" };
import enPosts from "../../locales/en/posts.json" with { type: "json" };
import enReports from "../../locales/en/reports.json" with { type: "json" };
import enSim from "../../locales/en/sim.json" with { type: "json" };
import lvAdmin from "../../locales/lv/admin.json" with { type: "json" };
import lvBot from "../../locales/lv/bot.json" with { type: "json" };
import lvBroadcast from "../../locales/lv/broadcast.json" with { type: "json" };
import lvEvents from "../../locales/lv/events.json" with { type: "json" };
import lvPolls from "../../locales/lv/polls.json" with { type: "json" };
import lvPosts from "../../locales/lv/posts.json" with { type: "json" };
import lvReports from "../../locales/lv/reports.json" with { type: "json" };
import lvSim from "../../locales/lv/sim.json" with { type: "json" };
import plAdmin from "../../locales/pl/admin.json" with { type: "json" };
import plBot from "../../locales/pl/bot.json" with { type: "json" };
import plBroadcast from "../../locales/pl/broadcast.json" with { type: "json" };
import plEvents from "../../locales/pl/events.json" with { type: "json" };
import plPolls from "../../locales/pl/polls.json" with { type: "json" };
import plPosts from "../../locales/pl/posts.json" with { type: "json" };
import plReports from "../../locales/pl/reports.json" with { type: "json" };
import plSim from "../../locales/pl/sim.json" with { type: "json" };
import { vocative } from "../core/format.ts";
import { LOCALES, type Locale, type Param } from "../core/types.ts";

export const resources = {
  en: {
    bot: enBot,
    sim: enSim,
    admin: enAdmin,
    events: enEvents,
    broadcast: enBroadcast,
    reports: enReports,
    posts: enPosts,
    polls: enPolls,
  },
  pl: {
    bot: plBot,
    sim: plSim,
    admin: plAdmin,
    events: plEvents,
    broadcast: plBroadcast,
    reports: plReports,
    posts: plPosts,
    polls: plPolls,
  },
  lv: {
    bot: lvBot,
    sim: lvSim,
    admin: lvAdmin,
    events: lvEvents,
    broadcast: lvBroadcast,
    reports: lvReports,
    posts: lvPosts,
    polls: lvPolls,
  },
} as const;

export type Translate = (locale: Locale, key: string, params?: Record<string, Param>) => string;

export interface I18n {
  t: Translate;
  /** True when the key exists in English (the reference language). */
  has(key: string): boolean;
}

/** Builds the translator. Numbers passed as `count` pick the plural form; keys are "ns:key" or bot keys. */
export function createI18n(): I18n {
  const instance: i18n = i18next.createInstance();
  instance.init({
    resources,
    lng: "en",
    fallbackLng: "en",
    supportedLngs: [...LOCALES],
    ns: ["bot", "sim", "admin", "events", "broadcast", "reports", "posts", "polls"],
    defaultNS: "bot",
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  } as Parameters<i18n["init"]>[0]);
  const fixed = new Map(LOCALES.map((l) => [l, instance.getFixedT(l)]));
  const translate: Translate = (locale, key, params) =>
    tidy(String(fixed.get(locale)?.(key, { ...params, ...addressed(locale, key, params) }) ?? key));
  // A text depends on nothing but its locale, key and parameters, and rendering one reply asks for
  // the same texts many times (once per length it tries): i18next's lookup was most of that cost.
  const texts = new Map<string, string>();
  return {
    t: (locale, key, params) => {
      const memo = memoKey(locale, key, params);
      if (memo === undefined) return translate(locale, key, params);
      let text = texts.get(memo);
      if (text === undefined) {
        if (texts.size >= 5000) texts.clear();
        text = translate(locale, key, params);
        texts.set(memo, text);
      }
      return text;
    },
    has: (key) => instance.exists(key, { lng: "en" }),
  };
}

/** The memo's key for a text; undefined when a parameter is neither a string nor a number. */
function memoKey(locale: string, key: string, params?: Record<string, Param>): string | undefined {
  let memo = `${locale}\u0000${key}`;
  if (params) {
    for (const name in params) {
      const value: unknown = params[name];
      // The type is part of the key: a number `count` picks a plural form, a string does not.
      if (typeof value === "number") memo += `\u0000${name}\u0001${value}`;
      else if (typeof value === "string") memo += `\u0000${name}\u0002${value}`;
      else if (value === undefined) memo += `\u0000${name}\u0003`;
      else return undefined;
    }
  }
  return memo;
}

/**
 * Replies that greet or thank a member by name ("Sveiki, {{name}}!"). Latvian addresses people in the
 * vocative, so there the name is given as `vocative` makes it: "Sveiki, Jāni!", not "Sveiki, Jānis!".
 */
const ADDRESSED = new Set([
  "greet.known",
  "join.askConsent",
  "join.welcome",
  "join.hello",
  "start.back",
  "link.already",
  "link.done",
]);

function addressed(locale: Locale, key: string, params?: Record<string, Param>): Record<string, Param> {
  const name = params?.name;
  if (locale !== "lv" || typeof name !== "string" || !ADDRESSED.has(key.replace(/^bot:/, ""))) return {};
  return { name: vocative(name) };
}

/** One full stop where a value ending in an abbreviation dot meets the sentence's own: "28. nov.." → "28. nov.". */
function tidy(text: string): string {
  return text.replace(/(\p{L}\.)\.(?!\.)/gu, "$1");
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}
