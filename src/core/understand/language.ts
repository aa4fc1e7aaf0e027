// Which language a message is written in (for a newcomer's first words: "Cześć" → Polish), and
// which language it asks for ("can you write in polish", "po polsku", "latviski").
import type { Locale } from "../types.ts";
import type { Hit } from "./cues.ts";
import { LANGUAGE_WORDS, NOISE } from "./lexicon.ts";
import type { Word } from "./words.ts";

const POLISH_LETTERS = /[ąćęłńśźż]/iu;
const LATVIAN_LETTERS = /[āēīūģķļņ]/iu;

const noise = Object.fromEntries(
  (Object.entries(NOISE) as [Locale, string][]).map(([lang, list]) => [lang, new Set(list.split(/\s+/))]),
) as Record<Locale, Set<string>>;

/**
 * The language of a text when the words say so clearly; null when they don't (a bare "ok", a number).
 * English needs more evidence than the others: English place names turn up in every language.
 */
export function detectLanguage(text: string, words: Word[], hits: Hit[]): Locale | null {
  const points: Record<Locale, number> = { en: 0, pl: 0, lv: 0 };
  if (POLISH_LETTERS.test(text)) points.pl += 3;
  if (LATVIAN_LETTERS.test(text)) points.lv += 3;
  for (const hit of hits) points[hit.lang] += hit.typo ? 0.5 : 1;
  for (const w of words)
    for (const lang of ["en", "pl", "lv"] as const) if (noise[lang].has(w.f)) points[lang] += 0.5;
  const ranked = (Object.entries(points) as [Locale, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || first[1] < 1 || first[1] - (second?.[1] ?? 0) < 0.75) return null;
  return first[0] === "en" && first[1] < 1.5 ? null : first[0];
}

const targets = (Object.entries(LANGUAGE_WORDS) as [Locale, string][]).flatMap(([lang, list]) =>
  list.split(/\s+/).map((w) => ({ lang, stem: w.replace(/\*$/, ""), prefix: w.endsWith("*") })),
);

/** The language a message names as the one wanted: the last one named ("from English to Polish"). */
export function languageTarget(words: Word[]): Locale | null {
  let found: Locale | null = null;
  for (const w of words) {
    const t = targets.find((t) => (t.prefix ? w.f.startsWith(t.stem) : w.f === t.stem));
    if (t) found = t.lang;
  }
  return found;
}
