// Polls as rules on data: the one message a member gets (the question in their language and the
// numbered options), and what counts as an answer — the option's number, or one of its words in any
// of the three languages ("kino", "bowling").
import type { OpenPoll } from "./engine-types.ts";
import { parseChoice } from "./parse.ts";
import { fold } from "./text.ts";
import { LOCALES, type Locale } from "./types.ts";

/** A text in each language; English is always there, the others fall back to it. */
export type LocalText = { en: string } & Partial<Record<Locale, string>>;

export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 5;

export const inLocale = (t: LocalText, l: Locale): string => t[l]?.trim() || t.en;

/**
 * The poll as one message: the question, the numbered options, and how to answer.
 * @example pollText(q, opts, "pl", "Odpisz numerem.") // "Co w styczniu?\n1 Kręgle\n2 Kino\nOdpisz numerem."
 */
export function pollText(question: LocalText, options: LocalText[], l: Locale, how: string): string {
  return [inLocale(question, l), ...options.map((o, i) => `${i + 1} ${inLocale(o, l)}`), how].join("\n");
}

/** The option (from 1) a message chooses, or null when it is no answer to this poll. */
export function pollAnswer(text: string, poll: Pick<OpenPoll, "options">): number | null {
  const n = parseChoice(text);
  if (n !== null) return n >= 1 && n <= poll.options.length ? n : null;
  const said = fold(text)
    .replace(/[^a-z0-9 ]+/g, " ")
    .trim();
  if (!said) return null;
  const words = new Set(said.split(/\s+/));
  const hits = poll.options.flatMap((o, i) => {
    const labels = LOCALES.map((l) => o[l])
      .filter((x): x is string => Boolean(x))
      .map(fold);
    // The whole label, or a word of it of four letters or more ("bowling" for "Bowling night").
    const match = labels.some(
      (label) => label === said || label.split(/\s+/).some((w) => w.length >= 4 && words.has(w)),
    );
    return match ? [i + 1] : [];
  });
  return hits.length === 1 ? (hits[0] ?? null) : null;
}
