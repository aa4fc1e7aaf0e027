// The command words a person can send, in English, Polish and Latvian, and what each one asks for.
// Every word works for everyone whatever their language; the word's own language is a hint only.
import { distance } from "fastest-levenshtein";
import { fold } from "./text.ts";
import type { Locale } from "./types.ts";

export type Intent =
  | "balance"
  | "log"
  | "history"
  | "help"
  | "lang"
  | "menu"
  | "stop"
  | "start"
  | "yes"
  | "no"
  | "skip"
  | "more"
  | "cancel"
  | "events"
  | "give"
  | "checkin"
  | "checkout"
  | "redeem"
  | "book"
  | "mydata"
  | "deleteme"
  | "link"
  | "tips"
  | "volunteer"
  | "newevent"
  | "plain"
  | "plainoff";

export interface Keyword {
  word: string;
  intent: Intent;
  /** The language the word belongs to; null when several languages use it (STOP, MENU, OK). */
  lang: Locale | null;
  /** For a language name (POLSKI), the language it switches to. */
  target?: Locale;
}

// Telegram's "/balance" needs no entry of its own: folding drops the slash.
const TABLE: Record<Intent, Partial<Record<Locale | "shared", string[]>>> = {
  balance: {
    en: ["BALANCE", "BAL", "BALANSE", "CREDITS", "MY BALANCE"],
    pl: ["SALDO", "STAN KONTA", "BILANS", "KREDYTY"],
    lv: ["ATLIKUMS", "BILANCE", "KREDĪTI"],
  },
  log: { en: ["LOG", "HOURS", "LOG HOURS"], pl: ["GODZINY", "ZAPISZ"], lv: ["STUNDAS", "REĢISTRĒT"] },
  events: {
    en: ["EVENTS", "EVENT", "SPEND", "OFFERS"],
    pl: ["WYDARZENIA", "OFERTY"],
    lv: ["PASĀKUMI", "PIEDĀVĀJUMI"],
  },
  give: { en: ["GIVE", "GIFT"], pl: ["PODARUJ"], lv: ["DĀVINĀT"] },
  history: { en: ["HISTORY", "HIST"], pl: ["HISTORIA"], lv: ["VĒSTURE"] },
  help: { en: ["HELP"], pl: ["POMOC"], lv: ["PALĪDZĪBA", "PALĪGĀ"], shared: ["INFO"] },
  lang: { en: ["LANG", "LANGUAGE"], pl: ["JĘZYK"], lv: ["VALODA"] },
  yes: { en: ["YES", "Y", "YEAH", "YEP"], pl: ["TAK"], lv: ["JĀ", "JA"], shared: ["OK", "OKAY"] },
  no: { en: ["NO", "N", "NOPE"], pl: ["NIE"], lv: ["NĒ", "NE"] },
  stop: { en: ["UNSUBSCRIBE", "QUIT", "END"], shared: ["STOP", "STOPALL"] },
  start: { shared: ["START", "UNSTOP"] },
  menu: { lv: ["IZVĒLNE"], shared: ["MENU"] },
  skip: { en: ["SKIP"], pl: ["POMIŃ"], lv: ["IZLAIST"] },
  more: { en: ["MORE", "NEXT"], pl: ["WIĘCEJ", "DALEJ"], lv: ["VAIRĀK", "TĀLĀK"] },
  cancel: { en: ["CANCEL"], pl: ["ANULUJ"], lv: ["ATCELT"] },
  checkin: { en: ["IN", "CHECKIN", "CHECK IN"], pl: ["JESTEM"], lv: ["ESMU"] },
  // "Eju" is "I'm going/coming"; the bot shows AIZEJU ("I'm leaving") and still understands EJU.
  checkout: { en: ["OUT", "CHECKOUT", "CHECK OUT"], pl: ["WYCHODZĘ"], lv: ["AIZEJU", "EJU"] },
  redeem: { en: ["REDEEM"], pl: ["REALIZUJ"], lv: ["IZMANTOT"] },
  book: { en: ["BOOK"], pl: ["REZERWUJ"], lv: ["REZERVĒT"] },
  mydata: { en: ["MY DATA", "MYDATA"], pl: ["MOJE DANE"], lv: ["MANI DATI"] },
  tips: { en: ["TIPS", "TIP"], pl: ["PORADY"], lv: ["IETEIKUMI"] },
  volunteer: {
    en: ["VOLUNTEER", "VOLUNTEERING"],
    pl: ["WOLONTARIAT"],
    lv: ["BRĪVPRĀTĪGI", "BRĪVPRĀTĪGAIS DARBS"],
  },
  newevent: {
    en: ["NEW EVENT", "ADD EVENT"],
    pl: ["WYDARZENIE", "DODAJ WYDARZENIE"],
    lv: ["PASĀKUMS", "JAUNS PASĀKUMS"],
  },
  link: { en: ["PHONE", "LINK", "MY NUMBER"], pl: ["TELEFON", "MÓJ NUMER"], lv: ["TĀLRUNIS", "MANS NUMURS"] },
  // Plain-letters SMS (no diacritics). Folding makes "BEZ POLSKICH ZNAKOW" and "BEZ GARUMZIMEM" match too.
  plain: {
    en: ["PLAIN", "PLAIN LETTERS"],
    pl: ["BEZ POLSKICH ZNAKÓW", "BEZ OGONKÓW"],
    lv: ["BEZ GARUMZĪMĒM"],
  },
  plainoff: {
    en: ["ACCENTS", "PLAIN OFF"],
    pl: ["Z POLSKIMI ZNAKAMI", "Z OGONKAMI"],
    lv: ["AR GARUMZĪMĒM"],
  },
  deleteme: {
    en: ["DELETE ME", "DELETEME", "DELETE MY DATA"],
    pl: ["USUŃ MNIE", "USUŃ MOJE DANE"],
    lv: ["DZĒST MANI", "DZĒST MANUS DATUS"],
  },
};

/** Language names: each is a `lang` command of its own, in the language it is written in. */
const LANGUAGE_NAMES: [word: string, lang: Locale, target: Locale][] = [
  ["ENGLISH", "en", "en"],
  ["POLISH", "en", "pl"],
  ["LATVIAN", "en", "lv"],
  ["POLSKI", "pl", "pl"],
  ["ANGIELSKI", "pl", "en"],
  ["ŁOTEWSKI", "pl", "lv"],
  ["LATVIEŠU", "lv", "lv"],
  ["LATVISKI", "lv", "lv"],
  ["ANGLISKI", "lv", "en"],
  ["POLISKI", "lv", "pl"],
];

export const KEYWORDS: readonly Keyword[] = [
  ...Object.entries(TABLE).flatMap(([intent, byLang]) =>
    Object.entries(byLang).flatMap(([lang, words]) =>
      words.map((word) => ({
        word,
        intent: intent as Intent,
        lang: lang === "shared" ? null : (lang as Locale),
      })),
    ),
  ),
  ...LANGUAGE_NAMES.map(([word, lang, target]): Keyword => ({ word, intent: "lang", lang, target })),
];

const BY_FOLDED = new Map<string, Keyword>();
for (const k of KEYWORDS) {
  const key = fold(k.word);
  const seen = BY_FOLDED.get(key);
  // One folded spelling in two languages (e.g. a shared loanword) belongs to neither.
  if (seen) {
    if (seen.intent === k.intent && seen.lang !== k.lang) BY_FOLDED.set(key, { ...seen, lang: null });
  } else BY_FOLDED.set(key, k);
}

/** The longest keyword, in words ("DZĒST MANUS DATUS"). */
export const MAX_KEYWORD_WORDS = Math.max(...[...BY_FOLDED.keys()].map((k) => k.split(" ").length));

/** No prototype: "LANG constructor" must not find Object.prototype.constructor (it reached the database as a locale). */
const NUMBERED: Record<string, Locale> = Object.setPrototypeOf(
  { "1": "en", "2": "pl", "3": "lv", en: "en", pl: "pl", lv: "lv" },
  null,
);

/** The language a word after LANG names: "2", "pl", "polski", "Polish" → "pl". */
export function languageOf(word: string): Locale | null {
  const f = fold(word);
  return NUMBERED[f] ?? BY_FOLDED.get(f)?.target ?? null;
}

/**
 * The keyword a folded word or phrase is. With `fuzzy`, a long single word one typo away
 * ("balanse", "histroy") counts too, when it is near exactly one intent.
 */
export function lookupKeyword(folded: string, fuzzy = false): Keyword | undefined {
  const exact = BY_FOLDED.get(folded);
  if (exact || !fuzzy || folded.length < 7 || folded.length > 40 || folded.includes(" ")) return exact;
  const near = [...BY_FOLDED].filter(([key]) => key.length >= 7 && oneTypoApart(folded, key));
  const intents = new Set(near.map(([, k]) => k.intent));
  return intents.size === 1 ? near[0]?.[1] : undefined;
}

function oneTypoApart(a: string, b: string): boolean {
  if (distance(a, b) <= 1) return true;
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  const [i, j] = diff;
  return diff.length === 2 && i !== undefined && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}
