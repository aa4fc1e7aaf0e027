// Finds the lexicon's cues in a message's words: exact words, stems with any ending, phrases, and
// typos of them. The tables are compiled once per process; a message costs a few map look-ups per
// word, and typo checks only against cues of about the same length and first letter.
import { fold } from "../text.ts";
import type { Locale } from "../types.ts";
import { CUES, type Meaning, NOISE } from "./lexicon.ts";
import { isTypo, type Word } from "./words.ts";

export interface Cue {
  meaning: Meaning;
  lang: Locale;
  weight: number;
  /** A thing, not a request ("credits"): it counts only when no other task has a verb. */
  noun: boolean;
  /** The cue as written in the lexicon, for `explain`. */
  text: string;
}

interface Part {
  w: string;
  stem: boolean;
}

interface Phrase extends Cue {
  parts: Part[];
}

export interface Hit extends Cue {
  /** Word positions it used, [start, end). */
  start: number;
  end: number;
  typo: boolean;
}

const exact = new Map<string, Cue[]>();
const stems = new Map<string, Cue[]>();
/** Phrases by their first word (exact) and by their first stem: only those can start at a word. */
const phrasesByWord = new Map<string, Phrase[]>();
const phrasesByStem = new Map<string, Phrase[]>();
/** Single-word cues by first letter, for typo checks. */
const byFirst = new Map<string, (Cue & Part)[]>();
/** Every word the lexicon knows in any role: such a word is never read as a typo of another. */
const KNOWN_WORDS = new Set<string>();

/** Whether the lexicon knows a word in any role. */
export function isKnown(word: string): boolean {
  ready();
  return KNOWN_WORDS.has(word);
}

function add<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The entries of a cue list: `word:2`, `stem*:3n`, `"two words":3`. A plain scan: a regular
 * expression over the whole lexicon cost several milliseconds of every Worker's start-up.
 */
function* entries(list: string): Generator<{ text: string; weight: number; noun: boolean }> {
  let i = 0;
  const n = list.length;
  while (i < n) {
    while (i < n && isSpace(list.charCodeAt(i))) i++;
    if (i >= n) return;
    let text: string;
    if (list.charCodeAt(i) === QUOTE) {
      const close = list.indexOf('"', i + 1);
      text = list.slice(i + 1, close);
      i = close + 1;
    } else {
      const start = i;
      while (i < n && !isSpace(list.charCodeAt(i)) && list.charCodeAt(i) !== COLON) i++;
      text = list.slice(start, i);
    }
    let weight = 2;
    let noun = false;
    if (list.charCodeAt(i) === COLON) {
      const start = ++i;
      while (i < n && !isSpace(list.charCodeAt(i))) i++;
      const tag = list.slice(start, i);
      noun = tag.endsWith("n");
      weight = Number(noun ? tag.slice(0, -1) : tag);
    }
    yield { text, weight, noun };
  }
}

const QUOTE = 34;
const COLON = 58;
/** The lexicon's lists are ASCII-spaced: spaces, tabs and newlines. */
const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 9 || c === 13;

/** Most cues are written folded already; only the others pay for folding. */
const folded = (w: string): string => (/^[a-z0-9]+$/.test(w) ? w : fold(w));

function compile(): void {
  for (const [meaning, byLang] of Object.entries(CUES) as [Meaning, Partial<Record<Locale, string>>][]) {
    for (const [lang, list] of Object.entries(byLang) as [Locale, string][]) {
      for (const { text, weight, noun } of entries(list)) {
        // Folded here too, so a cue written with diacritics ("strādāju") still matches.
        const parts = text
          .split(" ")
          .map((w) => ({ w: folded(w.replace(/\*$/, "")), stem: w.endsWith("*") }));
        const cue: Cue = { meaning, lang, weight, noun, text };
        for (const p of parts) KNOWN_WORDS.add(p.w);
        const [only] = parts;
        if (!only) continue;
        if (parts.length > 1) {
          add(only.stem ? phrasesByStem : phrasesByWord, only.w, { ...cue, parts });
          continue;
        }
        add(only.stem ? stems : exact, only.w, cue);
        add(byFirst, only.w[0] ?? "", { ...cue, ...only });
      }
    }
  }
  for (const list of Object.values(NOISE)) for (const w of list.split(/\s+/)) if (w) KNOWN_WORDS.add(w);
}
let compiled = false;
/** Compiled on first use, not at module load: a Worker's start-up does not pay for it (about 8 ms). */
function ready(): void {
  if (compiled) return;
  compiled = true;
  compile();
}

function partMatches(word: Word, part: Part): boolean {
  for (const f of word.f === word.alt ? [word.f] : [word.f, word.alt]) {
    if (part.stem ? f.startsWith(part.w) && f.length - part.w.length <= 6 : f === part.w) return true;
  }
  return false;
}

/** Where a phrase starting at word `at` ends, letting one other word stand between its parts ("skasuj moją rezerwację"). */
function phraseEnd(words: Word[], at: number, parts: Part[]): number | null {
  let i = at;
  for (const [k, part] of parts.entries()) {
    const word = words[i];
    if (word && partMatches(word, part)) i++;
    // A word between parts only before a real word: "whats … on" must not reach across "left".
    else if (k > 0 && part.w.length >= 4 && words[i + 1] && partMatches(words[i + 1] as Word, part)) i += 2;
    else return null;
  }
  return i;
}

/** Phrases whose first part is this word. */
function phrasesAt(word: Word): Phrase[] {
  const found: Phrase[] = [];
  for (const f of word.f === word.alt ? [word.f] : [word.f, word.alt]) {
    found.push(...(phrasesByWord.get(f) ?? []));
    for (let len = Math.min(f.length, 30); len >= 2; len--)
      found.push(...(phrasesByStem.get(f.slice(0, len)) ?? []));
  }
  return found;
}

/** Cues a single word is, without typos. */
function wordCues(word: Word): Cue[] {
  const found: Cue[] = [];
  for (const f of word.f === word.alt ? [word.f] : [word.f, word.alt]) {
    found.push(...(exact.get(f) ?? []));
    for (let len = Math.min(f.length, 30); len >= 2; len--) {
      const stem = stems.get(f.slice(0, len));
      if (stem && f.length - len <= 6) found.push(...stem);
    }
  }
  return found;
}

/**
 * Every cue in the words. A word inside a matched phrase of a meaning is not counted again for
 * that meaning; a word that is a known word of any kind is never taken as a typo.
 * @param known extra words never to read as typos (partner names, numbers).
 */
export function findCues(words: Word[], known: (w: string) => boolean = () => false): Hit[] {
  ready();
  const hits: Hit[] = [];
  const used = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (const phrase of phrasesAt(words[i] as Word)) {
      const end = phraseEnd(words, i, phrase.parts);
      if (end === null) continue;
      hits.push({ ...phrase, start: i, end, typo: false });
      for (let k = i; k < end; k++) used.add(`${phrase.meaning}:${k}`);
    }
  }
  words.forEach((word, i) => {
    let cues = wordCues(word);
    let typo = false;
    if (
      !cues.length &&
      word.f.length >= 4 &&
      !KNOWN_WORDS.has(word.f) &&
      !KNOWN_WORDS.has(word.alt) &&
      !known(word.f)
    ) {
      cues = (byFirst.get(word.f[0] ?? "") ?? []).filter(
        (c) => isTypo(word.alt, c.w, c.stem) || isTypo(word.f, c.w, c.stem),
      );
      typo = cues.length > 0;
    }
    for (const cue of cues) {
      if (used.has(`${cue.meaning}:${i}`)) continue;
      hits.push({ ...cue, start: i, end: i + 1, typo });
    }
  });
  return hits;
}
