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
  | "plainoff"
  | "channel"
  | "offer"
  | "ask"
  | "close"
  | "renew"
  | "board"
  | "idea"
  | "poll";

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
    en: ["BALANCE", "BAL", "BALANSE", "CREDITS", "MY BALANCE", "MY CREDITS", "POINTS"],
    pl: ["SALDO", "STAN KONTA", "BILANS", "KREDYTY", "MOJE KREDYTY", "ILE MAM", "PUNKTY"],
    lv: ["ATLIKUMS", "BILANCE", "KREDĪTI", "MANI KREDĪTI", "CIK MAN IR", "PUNKTI"],
  },
  log: {
    en: ["LOG", "HOURS", "LOG HOURS"],
    pl: ["GODZINY", "ZAPISZ", "DODAJ GODZINY", "WPISZ GODZINY"],
    lv: ["STUNDAS", "REĢISTRĒT", "PIERAKSTĪT", "PIERAKSTĪT STUNDAS", "IERAKSTĪT"],
  },
  events: {
    en: ["EVENTS", "EVENT", "SPEND", "OFFERS"],
    pl: ["WYDARZENIA", "OFERTY"],
    lv: ["PASĀKUMI", "PIEDĀVĀJUMI"],
  },
  give: {
    en: ["GIVE", "GIFT"],
    pl: ["PODARUJ", "DAJ", "PRZEKAŻ"],
    lv: ["DĀVINĀT", "DĀVINU", "UZDĀVINĀT", "IEDOT"],
  },
  history: { en: ["HISTORY", "HIST", "STATEMENT"], pl: ["HISTORIA", "WPISY"], lv: ["VĒSTURE", "IERAKSTI"] },
  help: { en: ["HELP"], pl: ["POMOC", "POMOCY"], lv: ["PALĪDZĪBA", "PALĪGĀ", "PALĪDZI"], shared: ["INFO"] },
  lang: { en: ["LANG", "LANGUAGE"], pl: ["JĘZYK", "ZMIEŃ JĘZYK"], lv: ["VALODA", "MAINĪT VALODU"] },
  yes: {
    en: ["YES", "Y", "YEAH", "YEP", "SURE", "CONFIRM"],
    pl: ["TAK", "ZGODA", "ZGADZAM SIĘ", "POTWIERDZAM", "JASNE", "OKEJ"],
    lv: ["JĀ", "JA", "JAA", "PIEKRĪTU", "APSTIPRINU", "LABI", "PROTAMS"],
    shared: ["OK", "OKAY"],
  },
  no: {
    en: ["NO", "N", "NOPE", "REJECT"],
    pl: ["NIE", "ODRZUCAM"],
    lv: ["NĒ", "NE", "NEE", "NEPIEKRĪTU", "NORAIDU"],
  },
  stop: {
    en: ["UNSUBSCRIBE", "QUIT", "END"],
    pl: ["WYPISZ", "WYPISZ MNIE", "WYPISZ SIĘ"],
    lv: ["ATTEIKTIES", "ATRAKSTĪTIES"],
    shared: ["STOP", "STOPALL"],
  },
  start: { shared: ["START", "UNSTOP"] },
  menu: { pl: ["OPCJE"], lv: ["IZVĒLNE"], shared: ["MENU"] },
  skip: { en: ["SKIP"], pl: ["POMIŃ"], lv: ["IZLAIST"] },
  more: { en: ["MORE", "NEXT"], pl: ["WIĘCEJ", "DALEJ", "NASTĘPNE"], lv: ["VAIRĀK", "TĀLĀK", "NĀKAMIE"] },
  cancel: { en: ["CANCEL"], pl: ["ANULUJ", "ODWOŁAJ"], lv: ["ATCELT", "ATCELU", "ATSAUKT"] },
  checkin: {
    en: ["IN", "CHECKIN", "CHECK IN", "ARRIVED"],
    pl: ["JESTEM", "PRZYSZEDŁEM", "PRZYSZŁAM"],
    lv: ["ESMU", "ATNĀCU", "IERADOS"],
  },
  // "Eju" is "I'm going/coming"; the bot shows AIZEJU ("I'm leaving") and still understands EJU.
  checkout: {
    en: ["OUT", "CHECKOUT", "CHECK OUT", "LEAVING"],
    pl: ["WYCHODZĘ", "WYSZEDŁEM", "WYSZŁAM"],
    lv: ["AIZEJU", "EJU", "BEIDZU"],
  },
  redeem: { en: ["REDEEM"], pl: ["REALIZUJ"], lv: ["IZMANTOT"] },
  book: { en: ["BOOK"], pl: ["REZERWUJ", "ZAREZERWUJ"], lv: ["REZERVĒT", "REZERVĒJU"] },
  mydata: { en: ["MY DATA", "MYDATA"], pl: ["MOJE DANE"], lv: ["MANI DATI"] },
  tips: { en: ["TIPS", "TIP"], pl: ["PORADY", "PROPOZYCJE"], lv: ["IETEIKUMI", "IDEJAS"] },
  volunteer: {
    en: ["VOLUNTEER", "VOLUNTEERING"],
    pl: ["WOLONTARIAT"],
    lv: ["BRĪVPRĀTĪGI", "BRĪVPRĀTĪGAIS DARBS", "BRĪVPRĀTĪGAIS"],
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
  // Where the bot writes: the channel's name on its own ("WHATSAPP", "SMS") or with a word around it.
  channel: {
    en: ["BY SMS", "BY TEXT", "ON WHATSAPP", "VIA WHATSAPP"],
    pl: ["NA WHATSAPP", "NA WHATSAPPIE", "PRZEZ WHATSAPP", "PRZEZ SMS", "SMSEM", "SMS-EM", "ESEMESEM"],
    lv: ["UZ WHATSAPP", "PA WHATSAPP", "ĪSZIŅAS", "ĪSZIŅA", "AR ĪSZIŅĀM", "PA SMS", "AR SMS"],
    shared: ["WHATSAPP", "WATSAPP", "WATSAP", "WHATSAP", "WATSUP", "SMS"],
  },
  // The members' board. OFFERS (plural) stays the spend list; these are a member's own notice.
  // Not "I can help" or "I need help": those ask where to volunteer, or for the bot's help.
  offer: {
    en: ["OFFER", "I CAN OFFER"],
    pl: ["OFERUJĘ", "ZAOFERUJĘ", "MOGĘ ZAOFEROWAĆ"],
    lv: ["PIEDĀVĀJU", "VARU PIEDĀVĀT"],
  },
  ask: {
    en: ["ASK", "REQUEST", "LOOKING FOR SOMEONE"],
    pl: ["PROŚBA", "SZUKAM KOGOŚ"],
    lv: ["LŪGUMS", "MEKLĒJU KĀDU"],
  },
  close: { en: ["CLOSE"], pl: ["ZAMKNIJ"], lv: ["SLĒGT", "AIZVĒRT"] },
  renew: { en: ["RENEW"], pl: ["ODNÓW", "PRZEDŁUŻ"], lv: ["ATJAUNOT", "PAGARINĀT"] },
  board: {
    en: ["BOARD", "POSTS", "NOTICES"],
    pl: ["OGŁOSZENIA", "TABLICA"],
    lv: ["SLUDINĀJUMI", "DĒLIS"],
  },
  // "IDEJAS" (plural) stays TIPS in Latvian.
  poll: { en: ["POLL"], pl: ["ANKIETA", "SONDA"], lv: ["APTAUJA"] },
  idea: { en: ["IDEA", "SUGGESTION"], pl: ["POMYSŁ", "SUGESTIA"], lv: ["IDEJA", "IEROSINĀJUMS"] },
  deleteme: {
    en: ["DELETE ME", "DELETEME", "DELETE MY DATA"],
    pl: ["USUŃ MNIE", "USUŃ MOJE DANE", "USUŃ KONTO"],
    lv: ["DZĒST MANI", "DZĒST MANUS DATUS", "DZĒST KONTU"],
  },
};

/** Language names: each is a `lang` command of its own, in the language it is written in. */
const LANGUAGE_NAMES: [word: string, lang: Locale, target: Locale][] = [
  ["ENGLISH", "en", "en"],
  ["POLISH", "en", "pl"],
  ["LATVIAN", "en", "lv"],
  ["POLSKI", "pl", "pl"],
  ["PO POLSKU", "pl", "pl"],
  ["PO ANGIELSKU", "pl", "en"],
  ["PO ŁOTEWSKU", "pl", "lv"],
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
