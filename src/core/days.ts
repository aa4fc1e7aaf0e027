// Reads the day some hours were given ("wczoraj", "vakar", "pon", "12.11", "2026-11-12") relative to
// today's local date in the scheme's timezone. Future days are returned as written; the caller refuses them.
import { fold, splitWords } from "./text.ts";

const DAY_MS = 86_400_000;

/**
 * Days back from today. The lookup tables here have no prototype: a text like "constructor" must
 * not find Object.prototype's members (that gave NaN and threw on formatting the day).
 */
const RELATIVE: Record<string, number> = Object.setPrototypeOf(
  {
    today: 0,
    dzis: 0,
    dzisiaj: 0,
    sodien: 0,
    yesterday: -1,
    yday: -1,
    yest: -1,
    wczoraj: -1,
    vakar: -1,
    vakardien: -1,
    "day before yesterday": -2,
    "the day before yesterday": -2,
    przedwczoraj: -2,
    aizvakar: -2,
    aizvakardien: -2,
    // Parts of today and last night, said on their own.
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    tonight: 0,
    rano: 0,
    sorit: 0,
    sopecpusdien: 0,
    sovakar: 0,
    "last night": -1,
  },
  null,
);
/** Parts of a day that may follow a day without changing it: "wczoraj wieczorem", "vakar vakarā", "friday evening". */
const PARTS = [
  ..."morning|afternoon|evening|night|rano|wieczorem|po poludniu|w nocy".split("|"),
  ..."no rita|rita|vakara|pecpusdiena|nakti".split("|"),
];

/** Weekday names and short forms (0 = Sunday), folded; Latvian one-letter forms are left out as too ambiguous. */
const WEEKDAYS: Record<string, number> = Object.setPrototypeOf(
  Object.fromEntries(
    [
      "sunday sun niedziela niedziele niedz nd ndz svetdiena svetdien svetd sv",
      "monday mon poniedzialek pon pn pirmdiena pirmdien pirmd",
      "tuesday tue tues wtorek wt otrdiena otrdien otrd",
      "wednesday wed sroda srode sr tresdiena tresdien tresd",
      "thursday thu thur thurs czwartek czw ceturtdiena ceturtdien ceturtd",
      "friday fri piatek pt piektdiena piektdien piektd pk",
      "saturday sat sobota sobote sob sestdiena sestdien sestd",
    ].flatMap((names, weekday) => names.split(" ").map((name) => [name, weekday])),
  ),
  null,
);
/** Short forms that are also ordinary English words; they count only when they are the whole text. */
const LOOSE = new Set(["sun", "sat", "wed"]);
/** Words that may stand before a day: "on monday", "w poniedziałek", "we wtorek", "dnia 12.11". */
const BEFORE_DAY = new Set(["on", "w", "we", "dnia"]);

/**
 * Month names, folded, each row English | Polish nominative, genitive, short | Latvian nominative,
 * locative, genitive, short: the forms the bot prints ("28 lis", "28. nov.", "28 Nov") and people write.
 */
const MONTH_NAMES = [
  ["january jan", "styczen stycznia sty", "janvaris janvari janvara janv"],
  ["february feb", "luty lutego lut", "februaris februari februara febr"],
  ["march mar", "marzec marca mar", "marts marta"],
  ["april apr", "kwiecien kwietnia kwi", "aprilis aprili aprila apr"],
  ["may", "maj maja", "maijs maija"],
  ["june jun", "czerwiec czerwca cze", "junijs junija jun"],
  ["july jul", "lipiec lipca lip", "julijs julija jul"],
  ["august aug", "sierpien sierpnia sie", "augusts augusta aug"],
  ["september sep sept", "wrzesien wrzesnia wrz", "septembris septembri septembra sept"],
  ["october oct", "pazdziernik pazdziernika paz", "oktobris oktobri oktobra okt"],
  ["november nov", "listopad listopada lis", "novembris novembri novembra nov"],
  ["december dec", "grudzien grudnia gru", "decembris decembri decembra dec"],
];
const monthTable = (pick: (row: string[]) => string[]): Record<string, number> =>
  Object.setPrototypeOf(
    Object.fromEntries(
      MONTH_NAMES.flatMap((row, i) => pick(row).flatMap((names) => names.split(" ").map((n) => [n, i + 1]))),
    ),
    null,
  );
/** A month name counts only with a day number beside it: "may" and "marts" alone are ordinary words. */
const MONTHS = monthTable((row) => row);
/** Only English puts the month first ("November 28"); "sie 3" in Polish is "się 3", not 3 August. */
const MONTHS_FIRST = monthTable((row) => row.slice(0, 1));

function toTime(ymd: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? validDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

function validDate(y: number, month: number, d: number): number | null {
  const t = Date.UTC(y, month - 1, d);
  const date = new Date(t);
  if (
    y < 1000 ||
    date.getUTCFullYear() !== y ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== d
  ) {
    return null;
  }
  return t;
}

const format = (t: number): string => new Date(t).toISOString().slice(0, 10);

/** A date without a year is this year's, unless that is over a month ahead ("28/12" read in January is last year's). */
function onDay(year: string | undefined, month: number, d: number, todayTime: number): number | null {
  if (year) return validDate(year.length === 2 ? 2000 + Number(year) : Number(year), month, d);
  const thisYear = new Date(todayTime).getUTCFullYear();
  const t = validDate(thisYear, month, d);
  if (t !== null && t - todayTime <= 31 * DAY_MS) return t;
  return validDate(thisYear - 1, month, d);
}

/** A date in digits: "2026-11-12", "12.11", "12/11/26". */
function numericDate(phrase: string, todayTime: number): number | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(phrase);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dm = /^(\d{1,2})([./-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(phrase);
  return dm ? onDay(dm[4], Number(dm[3]), Number(dm[1]), todayTime) : null;
}

/** A date with a month name: "28 lis", "28. novembrī", "the 28th of November", "November 28", "28 Nov 2026". */
function namedDate(phrase: string, todayTime: number): number | null {
  const dm = /^(?:the )?(\d{1,2})(?:st|nd|rd|th)?(?:\.| (?:of )?)([a-z]+)(?: (\d{4}))?$/.exec(phrase);
  const dMonth = dm ? MONTHS[dm[2] ?? ""] : undefined;
  if (dm && dMonth !== undefined) return onDay(dm[3], dMonth, Number(dm[1]), todayTime);
  const md = /^([a-z]+) (?:the )?(\d{1,2})(?:st|nd|rd|th)?(?: (\d{4}))?$/.exec(phrase);
  const mMonth = md ? MONTHS_FIRST[md[1] ?? ""] : undefined;
  return md && mMonth !== undefined ? onDay(md[3], mMonth, Number(md[2]), todayTime) : null;
}

/** A day named one way: relative, a weekday, or a date (a weekday before a date, "sob. 28 lis", adds nothing). */
function plainDay(phrase: string, todayTime: number, loose: boolean): number | null {
  const relative = RELATIVE[phrase];
  if (relative !== undefined) return todayTime + relative * DAY_MS;
  const weekday = WEEKDAYS[phrase];
  if (weekday !== undefined && (loose || !LOOSE.has(phrase))) {
    const back = (new Date(todayTime).getUTCDay() - weekday + 7) % 7;
    return todayTime - back * DAY_MS;
  }
  const space = phrase.indexOf(" ");
  const dated =
    space > 0 && WEEKDAYS[phrase.slice(0, space)] !== undefined ? phrase.slice(space + 1) : phrase;
  return numericDate(dated, todayTime) ?? namedDate(dated, todayTime);
}

/** A day, with a part of it after it if any: "wczoraj wieczorem" is yesterday. */
function dayOf(phrase: string, todayTime: number, loose: boolean): number | null {
  const part = PARTS.find((p) => phrase.endsWith(` ${p}`));
  const t = plainDay(phrase, todayTime, loose);
  return t !== null || !part ? t : plainDay(phrase.slice(0, -part.length - 1), todayTime, loose);
}

/**
 * A local day `n` days after (before, when negative) another, both as YYYY-MM-DD: calendar
 * arithmetic, no time zone. Every message asks for the oldest day hours may be logged for.
 * @example addDaysTo("2026-03-01", -1) === "2026-02-28"
 */
export function addDaysTo(day: string, n: number): string {
  const t = toTime(day);
  if (t === null) throw new RangeError(`not a day: ${day}`);
  return format(t + n * 86_400_000);
}

/**
 * The day a whole text names, as YYYY-MM-DD, or null.
 * @example parseDay("wczoraj", "2026-11-28") // "2026-11-27"; parseDay("pon", "2026-11-28") // "2026-11-23"
 */
export function parseDay(text: string, today: string): string | null {
  const todayTime = toTime(today);
  if (todayTime === null) return null;
  const words = splitWords(text).map(fold).filter(Boolean);
  if (words.length > 1 && BEFORE_DAY.has(words[0] ?? "")) words.shift();
  const t = dayOf(words.join(" "), todayTime, true);
  return t === null ? null : format(t);
}

/**
 * The first day expression anywhere in a word list (with an "on"/"w" before it, if any):
 * where it starts and how many words it uses.
 * @example takeDay(["3", "staithe", "w", "piątek"], "2026-11-28") // { day: "2026-11-27", index: 2, used: 2 }
 */
export function takeDay(words: string[], today: string): { day: string; index: number; used: number } | null {
  const todayTime = toTime(today);
  if (todayTime === null) return null;
  const folded = words.map(fold);
  for (let i = 0; i < folded.length; i++) {
    for (let n = Math.min(5, folded.length - i); n >= 1; n--) {
      const t = dayOf(folded.slice(i, i + n).join(" "), todayTime, false);
      if (t === null) continue;
      const before = i > 0 && BEFORE_DAY.has(folded[i - 1] ?? "");
      return { day: format(t), index: before ? i - 1 : i, used: before ? n + 1 : n };
    }
  }
  return null;
}
