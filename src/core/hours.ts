// Reads an amount of time as people text it ("2,5", "1h30", "an hour and a half", "dwie i pół",
// "pusotru stundu") into whole minutes. Zero and negative amounts come back as written so the caller can say why not.
import { fold, splitWords } from "./text.ts";

/** Minutes in one of the unit: 60 for an hour, 1 for a minute, 15 for a "kwadrans". */
type Unit = number;

const HOUR_UNITS = [
  "h hr hrs hour hours",
  "godz godzina godzine godziny godzin godzinka godzinke godzinki godzinek",
  "st stunda stundas stundu stundam stundina stundinu stundinas stundinam",
].join(" ");
const MINUTE_UNITS = "m min mins minute minutes minut minuta minuty minutem minuti minusu";
const QUARTER_UNITS = "kwadrans kwadranse kwadransow ceturtdalstunda ceturtdalstundu ceturtdalstundas";
// The lookup tables have no prototype, so a word like "constructor" is not found in them.
const UNITS: Record<string, Unit> = Object.setPrototypeOf(
  { ...units(HOUR_UNITS, 60), ...units(MINUTE_UNITS, 1), ...units(QUARTER_UNITS, 15) },
  null,
);
/**
 * Unit words that are one of their unit on their own ("godzinę" is an hour), but only as an amount's
 * first word. Plurals ("hours", "godziny") and short forms ("h", "st") say no amount alone.
 */
const LONE = new Set([
  ..."hour godzina godzine godzinka godzinke stunda stundu stundina stundinu".split(" "),
  ..."kwadrans ceturtdalstunda ceturtdalstundu".split(" "),
]);

/** Amounts written as words, in hours (folded, so "pół" is "pol" and "trīs" is "tris"). */
const WORDS: Record<string, number> = Object.setPrototypeOf(
  {
    ...numbers("one two three four five six seven eight nine ten eleven twelve"),
    ...numbers("jeden dwa trzy cztery piec szesc siedem osiem dziewiec dziesiec jedenascie dwanascie"),
    ...numbers("jedna dwie"),
    ...numbers("viens divi tris cetri pieci sesi septini astoni devini desmit vienpadsmit divpadsmit"),
    ...numbers("viena divas tris cetras piecas sesas septinas astonas devinas"),
    // Latvian says "and a half" inside the word: "divarpus" is 2.5, "trīsarpus" 3.5.
    ...Object.fromEntries(
      "vien div tris cetr piec ses septin aston devin desmit"
        .split(" ")
        .map((s, i) => [`${s}arpus`, i + 1.5]),
    ),
    half: 0.5,
    pol: 0.5,
    poltorej: 1.5,
    poltora: 1.5,
    pusotra: 1.5,
    pusotras: 1.5,
    pusotru: 1.5,
  },
  null,
);
/** What may follow "and" to add part of the unit: "one and a half", "dwie i pół", "divas ar pusi", "i kwadrans". */
const FRACTIONS: Record<string, number> = Object.setPrototypeOf(
  { half: 0.5, pol: 0.5, pusi: 0.5, quarter: 0.25, kwadrans: 0.25 },
  null,
);
const AND = new Set(["and", "i", "un", "ar"]);
/** Words that are an amount only with a unit after them: "an hour". */
const ARTICLES = new Set(["a", "an"]);
/** Words that carry their own unit. */
const WHOLE: Record<string, number> = Object.setPrototypeOf(
  { pusstunda: 30, pusstundu: 30, pusstundas: 30 },
  null,
);

function numbers(words: string): Record<string, number> {
  return Object.fromEntries(words.split(" ").map((w, i) => [w, i + 1]));
}

function units(words: string, minutes: Unit): Record<string, Unit> {
  return Object.fromEntries(words.split(" ").map((w) => [w, minutes]));
}

interface Piece {
  /** How many of the unit; hours while no unit is known. */
  value: number;
  unit: Unit | null;
  /** "1h30", "1:30" and "pusstunda" already say their minutes; nothing may follow them. */
  closed?: boolean;
  needsUnit?: boolean;
  /** A unit word alone ("godzinę") takes no bare minutes after it: "godzinę 3 staithe" is not 63 minutes. */
  lone?: boolean;
}

/** One folded word as a number, with the unit written onto it if any ("3h", "90min", "1h30", "1:30"). */
function piece(w: string): Piece | null {
  if (w in WORDS) return { value: WORDS[w] ?? 0, unit: null };
  if (w in WHOLE) return { value: WHOLE[w] ?? 0, unit: 1, closed: true };
  if (ARTICLES.has(w)) return { value: 1, unit: null, needsUnit: true };
  const clock = /^(\d{1,4}):([0-5]\d)$/.exec(w);
  if (clock) return { value: Number(clock[1]) + Number(clock[2]) / 60, unit: 60, closed: true };
  const plain = /^(\d{1,6}(?:[.,]\d{1,6})?)([a-z]*)$/.exec(w);
  if (plain?.[1] !== undefined) {
    const unit = plain[2] ? UNITS[plain[2]] : null;
    if (unit === undefined) return null;
    return { value: Number(plain[1].replace(",", ".")), unit };
  }
  const mixed = /^(\d{1,4})([a-z]+)(\d{1,2})([a-z]*)$/.exec(w);
  const isMixed = mixed && UNITS[mixed[2] ?? ""] === 60 && (!mixed[4] || UNITS[mixed[4]] === 1);
  if (isMixed && Number(mixed[3]) < 60) {
    return { value: Number(mixed[1]) + Number(mixed[3]) / 60, unit: 60, closed: true };
  }
  return null;
}

/** The amount's first piece and the words it uses: a number, "a"/"an", "a half", or a unit word alone. */
function opening(w: string[]): (Piece & { used: number }) | null {
  const [a = "", b = "", c = ""] = w;
  // "a half hour": the article belongs to "half".
  if (ARTICLES.has(a) && b === "half" && UNITS[c] !== undefined) return { value: 0.5, unit: null, used: 2 };
  const unit = LONE.has(a) ? UNITS[a] : undefined;
  if (unit !== undefined) return { value: 1, unit, lone: true, used: 1 };
  const p = piece(a);
  return p && { ...p, used: 1 };
}

/** "and a half", "i pół", "ar pusi", "and a quarter" at w[at], after a whole number: its part of the unit. */
function andFraction(w: string[], at: number, value: number): { part: number; used: number } | null {
  if (!Number.isInteger(value) || !AND.has(w[at] ?? "")) return null;
  const skip = ARTICLES.has(w[at + 1] ?? "") ? 1 : 0;
  const part = FRACTIONS[w[at + 1 + skip] ?? ""];
  return part === undefined ? null : { part, used: 2 + skip };
}

/** Minutes after whole hours: "1h 30", "1 h 30 min", "3 hours and 15 mins", "1 godzina 30 minut". */
function extraMinutes(w: string[], at: number, bareToo: boolean): { minutes: number; used: number } | null {
  // After "and" the minutes must say they are minutes: "2 hours and 3 staithe" is not 123.
  const and = AND.has(w[at] ?? "") ? 1 : 0;
  const next = piece(w[at + and] ?? "");
  if (!next || next.closed || next.needsUnit || !Number.isInteger(next.value) || next.value >= 60)
    return null;
  if (next.unit === 1) return { minutes: next.value, used: and + 1 };
  if (next.unit !== null) return null;
  const unit = UNITS[w[at + and + 1] ?? ""];
  if (unit === 1) return { minutes: next.value, used: and + 2 };
  // A bare number after hours is minutes when written in digits: "1h 30", but not "2 h three".
  const bare = bareToo && !and && unit === undefined && !((w[at] ?? "") in WORDS);
  return bare ? { minutes: next.value, used: 1 } : null;
}

/**
 * Reads an amount from the start of a word list, using the words it needs (at most eight).
 * @example takeHours(["3", "h", "staithe"]) // { minutes: 180, used: 2 }
 */
export function takeHours(words: string[]): { minutes: number; used: number } | null {
  const w = words.slice(0, 8).map(fold);
  const first = opening(w);
  if (!first) return null;
  let { used, value, unit } = first;
  let hasFraction = false;
  if (unit === null) {
    const more = andFraction(w, used, value);
    if (more) [value, used, hasFraction] = [value + more.part, used + more.used, true];
    // "half an hour": the article belongs to the unit after it.
    if (value === 0.5 && ARTICLES.has(w[used] ?? "") && UNITS[w[used + 1] ?? ""] !== undefined) used++;
    unit = UNITS[w[used] ?? ""] ?? null;
    if (unit !== null) used++;
    else if (first.needsUnit) return null;
  }
  unit ??= 60;
  let minutes = value * unit;
  // "an hour and a half", "1 h 30 min": more may follow whole hours written without their minutes.
  if (unit === 60 && !first.closed && !hasFraction && Number.isInteger(value)) {
    const fraction = andFraction(w, used, value);
    const more = fraction
      ? { minutes: fraction.part * 60, used: fraction.used }
      : extraMinutes(w, used, !first.lone);
    if (more) [minutes, used] = [minutes + more.minutes, used + more.used];
  }
  const signed = Math.round(minutes) * (/^[-−–]/.test(words[0] ?? "") ? -1 : 1);
  return Number.isSafeInteger(signed) ? { minutes: signed || 0, used } : null;
}

/**
 * The whole text as an amount of time, in minutes (rounded to the nearest minute), or null.
 * @example parseHours("2,5") // 150; parseHours("1h 30m") // 90; parseHours("-2") // -120
 */
export function parseHours(text: string): number | null {
  const words = splitWords(text).filter((w) => fold(w) !== "");
  const taken = takeHours(words);
  return taken && taken.used === words.length ? taken.minutes : null;
}
