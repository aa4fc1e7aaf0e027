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
  },
  null,
);

/** Weekday names and short forms (0 = Sunday), folded; Latvian one-letter forms are left out as too ambiguous. */
const WEEKDAYS: Record<string, number> = Object.setPrototypeOf(
  Object.fromEntries(
    [
      ["sunday", "sun", "niedziela", "niedziele", "niedz", "nd", "ndz", "svetdiena", "svetdien", "sv"],
      ["monday", "mon", "poniedzialek", "pon", "pn", "pirmdiena", "pirmdien"],
      ["tuesday", "tue", "tues", "wtorek", "wt", "otrdiena", "otrdien"],
      ["wednesday", "wed", "sroda", "srode", "sr", "tresdiena", "tresdien"],
      ["thursday", "thu", "thur", "thurs", "czwartek", "czw", "ceturtdiena", "ceturtdien"],
      ["friday", "fri", "piatek", "pt", "piektdiena", "piektdien", "pk"],
      ["saturday", "sat", "sobota", "sobote", "sob", "sestdiena", "sestdien"],
    ].flatMap((names, weekday) => names.map((name) => [name, weekday])),
  ),
  null,
);
/** Short forms that are also ordinary English words; they count only when they are the whole text. */
const LOOSE = new Set(["sun", "sat", "wed"]);
/** Words that may stand before a day: "on monday", "w poniedziałek", "we wtorek", "dnia 12.11". */
const BEFORE_DAY = new Set(["on", "w", "we", "dnia"]);

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

function dayOf(phrase: string, todayTime: number, loose: boolean): number | null {
  const relative = RELATIVE[phrase];
  if (relative !== undefined) return todayTime + relative * DAY_MS;
  const weekday = WEEKDAYS[phrase];
  if (weekday !== undefined && (loose || !LOOSE.has(phrase))) {
    const back = (new Date(todayTime).getUTCDay() - weekday + 7) % 7;
    return todayTime - back * DAY_MS;
  }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(phrase);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dm = /^(\d{1,2})([./-])(\d{1,2})(?:\2(\d{2}|\d{4}))?$/.exec(phrase);
  if (!dm) return null;
  const [d, m] = [Number(dm[1]), Number(dm[3])];
  if (dm[4]) return validDate(dm[4].length === 2 ? 2000 + Number(dm[4]) : Number(dm[4]), m, d);
  // No year: this year's date, unless that is over a month ahead ("28/12" read in January is last year's).
  const year = new Date(todayTime).getUTCFullYear();
  const thisYear = validDate(year, m, d);
  if (thisYear !== null && thisYear - todayTime <= 31 * DAY_MS) return thisYear;
  return validDate(year - 1, m, d);
}

/**
 * The day a whole text names, as YYYY-MM-DD, or null.
 * @example parseDay("wczoraj", "2026-11-28") // "2026-11-27"; parseDay("pon", "2026-11-28") // "2026-11-23"
 */
export function parseDay(text: string, today: string): string | null {
  const todayTime = toTime(today);
  if (todayTime === null) return null;
  const words = splitWords(text).map(fold);
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
    for (let n = Math.min(4, folded.length - i); n >= 1; n--) {
      const t = dayOf(folded.slice(i, i + n).join(" "), todayTime, false);
      if (t === null) continue;
      const before = i > 0 && BEFORE_DAY.has(folded[i - 1] ?? "");
      return { day: format(t), index: before ? i - 1 : i, used: before ? n + 1 : n };
    }
  }
  return null;
}
