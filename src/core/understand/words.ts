// A message as words to match: each word folded (no case, no diacritics, no apostrophes), emoji
// kept apart, and how close a typed word is to a known one, judged relative to its length.
import { fold, stripInvisible } from "../text.ts";

export interface Word {
  /** As typed (for the text handed on to a transition). */
  raw: string;
  /** Folded: "Kredytów" → "kredytow". */
  f: string;
  /** Latvian written with doubled vowels ("paliidziiba", "jaa"), undoubled; equal to `f` otherwise. */
  alt: string;
}

// Emoji and other pictographs are words of their own ("👍"); other symbols and punctuation split words,
// except inside numbers ("2,5", "1:30", "12.11", "+4477…").
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const SPLIT = /[^\p{L}\p{M}\p{N}'’.,:+\-/]+/u;

/** The words of a text, at most `max` of them. */
export function wordsOf(text: string, max = 40): Word[] {
  const out: Word[] = [];
  const spaced = stripInvisible(text).replace(/\p{Extended_Pictographic}/gu, (e) => ` ${e} `);
  for (const chunk of spaced.split(/\s+/)) {
    if (out.length >= max) break;
    if (!chunk) continue;
    if (PICTOGRAPH.test(chunk)) {
      out.push({ raw: chunk, f: chunk, alt: chunk });
      continue;
    }
    for (const piece of chunk.split(SPLIT)) {
      const raw = piece.replace(/^[.,:'’\-/]+|[.,:'’\-/]+$/g, "");
      const f = fold(raw).replace(/['’]/g, "");
      if (f) out.push({ raw, f, alt: f.replace(/([aeiu])\1+/g, "$1") });
    }
  }
  return out;
}

/**
 * Edits allowed between a typed word and a known one of this length: none up to 3 letters, one
 * up to 7, two from 8. (Four-letter words allow only a swap, a dropped or an added letter: a
 * changed letter turns "five" into "give" and "shop" into "stop".)
 */
export function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  return length <= 7 ? 1 : 2;
}

/**
 * Optimal string alignment distance (Levenshtein plus swapped neighbours), or `max + 1` as soon as
 * it must exceed `max`. `noSubstitution` counts a changed letter as two edits.
 */
export function editDistance(a: string, b: string, max: number, noSubstitution = false): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const sub = noSubstitution ? 2 : 1;
  const width = b.length + 1;
  // Three rows of one reused buffer: the two before this one are needed for a swap.
  if (rows.length < width * 3) rows = new Uint8Array(width * 3 * 2);
  for (let j = 0; j < width; j++) rows[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = (i % 3) * width;
    const prev = ((i - 1) % 3) * width;
    const prev2 = ((i + 1) % 3) * width;
    rows[row] = i;
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : sub;
      let v = Math.min(
        (rows[prev + j] ?? 0) + 1,
        (rows[row + j - 1] ?? 0) + 1,
        (rows[prev + j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (rows[prev2 + j - 2] ?? 0) + 1);
      rows[row + j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
  }
  return rows[(a.length % 3) * width + b.length] ?? max + 1;
}

let rows = new Uint8Array(96);

/** Whether a typed word is a typo of a known word (or of a stem's start, for `stem*` entries). */
export function isTypo(typed: string, known: string, stem: boolean): boolean {
  const edits = allowedEdits(known.length);
  // A short stem's typo would reach too many words ("sald*" would take "salad").
  if (edits === 0 || (stem && known.length < 5)) return false;
  const noSub = known.length === 4;
  if (!stem) return editDistance(typed, known, edits, noSub) <= edits;
  // A stem: the typed word's start, at the stem's length or one letter either side, may be a typo of it.
  for (const len of [known.length, known.length + 1, known.length - 1]) {
    if (len < 3 || len > typed.length) continue;
    if (editDistance(typed.slice(0, len), known, edits, noSub) <= edits) return true;
  }
  return false;
}
