// Reads an amount of time as people text it ("2,5", "1h30", "90 min", "półtorej godziny", "2 stundas")
// into whole minutes. Zero and negative amounts come back as written so the caller can say why not.
import { fold, splitWords } from "./text.ts";

type Unit = "h" | "m";

const HOUR_UNITS = "h hr hrs hour hours godz godzina godzine godziny godzin st stunda stundas stundu stundam";
const MINUTE_UNITS = "m min mins minute minutes minut minuta minuty minutem minuti";
// The lookup tables have no prototype, so a word like "constructor" is not found in them.
const UNITS: Record<string, Unit> = Object.setPrototypeOf(
  {
    ...Object.fromEntries(HOUR_UNITS.split(" ").map((w) => [w, "h"])),
    ...Object.fromEntries(MINUTE_UNITS.split(" ").map((w) => [w, "m"])),
  },
  null,
);

/** Amounts written as words, in hours (folded, so "pół" is "pol" and "trīs" is "tris"). */
const WORDS: Record<string, number> = Object.setPrototypeOf(
  {
    ...numbers("one two three four five six seven eight nine ten eleven twelve"),
    ...numbers("jeden dwa trzy cztery piec szesc siedem osiem dziewiec dziesiec"),
    ...numbers("jedna dwie"),
    ...numbers("viens divi tris cetri pieci sesi septini astoni devini desmit"),
    ...numbers("viena divas tris cetras piecas sesas septinas astonas devinas"),
    half: 0.5,
    pol: 0.5,
    poltorej: 1.5,
    poltora: 1.5,
    pusotra: 1.5,
    pusotras: 1.5,
  },
  null,
);
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

interface Piece {
  value: number;
  unit: Unit | null;
  /** "1h30" and "1:30" already say their minutes; nothing may follow them. */
  closed?: boolean;
  needsUnit?: boolean;
}

function piece(word: string | undefined): Piece | null {
  if (word === undefined) return null;
  const w = fold(word);
  if (w in WORDS) return { value: WORDS[w] ?? 0, unit: null };
  if (w in WHOLE) return { value: WHOLE[w] ?? 0, unit: "m", closed: true };
  if (ARTICLES.has(w)) return { value: 1, unit: null, needsUnit: true };
  const clock = /^(\d{1,4}):([0-5]\d)$/.exec(w);
  if (clock) return { value: Number(clock[1]) + Number(clock[2]) / 60, unit: "h", closed: true };
  const plain = /^(\d{1,6}(?:[.,]\d{1,6})?)([a-z]*)$/.exec(w);
  if (plain?.[1] !== undefined) {
    const unit = plain[2] ? UNITS[plain[2]] : null;
    if (unit === undefined) return null;
    return { value: Number(plain[1].replace(",", ".")), unit };
  }
  const mixed = /^(\d{1,4})([a-z]+)(\d{1,2})([a-z]*)$/.exec(w);
  const isMixed = mixed && UNITS[mixed[2] ?? ""] === "h" && (!mixed[4] || UNITS[mixed[4]] === "m");
  if (isMixed && Number(mixed[3]) < 60) {
    return { value: Number(mixed[1]) + Number(mixed[3]) / 60, unit: "h", closed: true };
  }
  return null;
}

const unitOf = (word: string | undefined): Unit | undefined => (word ? UNITS[fold(word)] : undefined);

/**
 * Reads an amount from the start of a word list, using up to four words.
 * @example takeHours(["3", "h", "staithe"]) // { minutes: 180, used: 2 }
 */
export function takeHours(words: string[]): { minutes: number; used: number } | null {
  const first = piece(words[0]);
  if (!first || !words[0]) return null;
  const negative = /^[-−–]/.test(words[0]);
  let used = 1;
  let unit = first.unit;
  if (unit === null) {
    if (first.value === 0.5 && ARTICLES.has(fold(words[1] ?? ""))) used++;
    unit = unitOf(words[used]) ?? null;
    if (unit) used++;
    else if (first.needsUnit) return null;
  }
  let minutes = first.value * (unit === "m" ? 1 : 60);
  // "1h 30", "1 h 30 min", "1 godzina 30 minut": minutes may follow an hour unit.
  if (unit === "h" && !first.closed && Number.isInteger(first.value)) {
    const next = piece(words[used]);
    if (next && !next.closed && Number.isInteger(next.value) && next.value < 60) {
      const nextUnit = next.unit ?? unitOf(words[used + 1]);
      if (
        nextUnit === "m" ||
        (next.unit === null && nextUnit === undefined && !(fold(words[used] ?? "") in WORDS))
      ) {
        minutes += next.value;
        used += next.unit === null && nextUnit === "m" ? 2 : 1;
      }
    }
  }
  const signed = Math.round(minutes) * (negative ? -1 : 1);
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
