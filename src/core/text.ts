// Folding of free text before it is matched: case, diacritics, invisible marks and surrounding
// punctuation must not decide whether "ATLIKUMS!!" and "atlikums" are the same word.

/** Format characters: zero-width spaces and joiners, bidi controls (U+200E/F, U+202A–E, U+2066–9), BOM, tags. */
const INVISIBLE = /\p{Cf}/gu;
const MARKS = /\p{M}/gu;
/** Letters that NFKD leaves alone because they are not a base letter plus a mark. */
const UNDECOMPOSED: Record<string, string> = {
  ł: "l",
  đ: "d",
  ð: "d",
  ø: "o",
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ħ: "h",
  ı: "i",
  ŀ: "l",
  ŧ: "t",
  þ: "th",
  ŋ: "n",
};
const UNDECOMPOSED_RE = /[łđðøßæœħıŀŧþŋ]/g;
const EDGES = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

/** Removes characters that are invisible on screen but would stop two words from comparing equal. */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, "");
}

/**
 * The matching form of a piece of text. Folding twice changes nothing more.
 * (Decomposing before lowercasing too: "ℌ" only becomes a letter with a case once decomposed.)
 * @example fold("  'Bilance'. ") === "bilance"; fold("JĘZYK") === "jezyk"; fold("Łódź") === "lodz"
 */
export function fold(s: string): string {
  const cached = folded.get(s);
  if (cached !== undefined) return cached;
  const f = foldNow(s);
  // Partner names, units and keywords are folded again and again: keep short ones, a bounded few.
  if (s.length <= 64) {
    if (folded.size >= 4096) folded.clear();
    folded.set(s, f);
  }
  return f;
}

const folded = new Map<string, string>();

function foldNow(s: string): string {
  return stripInvisible(s)
    .normalize("NFKD")
    .toLowerCase()
    .normalize("NFKD")
    .replace(MARKS, "")
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c] ?? c)
    .replace(/\s+/g, " ")
    .replace(EDGES, "");
}

/** The whitespace-separated words of a text, in their original form. */
export function splitWords(s: string): string[] {
  return stripInvisible(s)
    .split(/\s+/)
    .filter((w) => w !== "");
}

/** Cuts text to at most `max` code points, never splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  const points = Array.from(s);
  return points.length <= max ? s : points.slice(0, max).join("").trimEnd();
}
