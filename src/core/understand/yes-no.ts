// The answer to a yes/no question, in context: "no dobra" and "no tak" are Polish for "OK then",
// "zgoda", "labi", "piekrītu", "sure" are yes; "nie wiem" and a bare Polish "no" are not an answer,
// so the bot asks again rather than guess.
import type { Locale } from "../types.ts";
import type { Hit } from "./cues.ts";
import type { Word } from "./words.ts";

export interface YesNo {
  intent: "yes" | "no";
  lang: Locale | null;
  /** What follows the answer (a partner's codes and reason). */
  rest: string;
  /** A phrase decided it (it outranks a command word it starts with: "no dobra"). */
  phrase: boolean;
  why: string[];
}

/** Polish "no" followed by these means yes. */
const POLISH_NO_YES = new Set("tak dobra dobrze jasne ok okej oki pewnie spoko jasne git".split(" "));
/** Not an answer: ask again. */
const UNSURE = [
  "nie wiem",
  "nie jestem pewien",
  "nie jestem pewna",
  "moze",
  "chyba",
  "nezinu",
  "varbut",
  "nezinu vel",
  "dunno",
  "dont know",
  "not sure",
  "maybe",
  "perhaps",
  "hmm",
  "idk",
].map((p) => p.split(" "));

/** Reads a yes or a no; "unsure" when the words are no answer yet ("nie wiem"), null when they are neither. */
export function answerYesNo(words: Word[], hits: Hit[], locale: Locale): YesNo | "unsure" | null {
  const folded = words.map((w) => w.f);
  // A whole answer phrase first: "może być" is yes although "może" alone is unsure.
  const phrase = hits.find((h) => (h.meaning === "yes" || h.meaning === "no") && h.start === 0 && h.end > 1);
  if (!phrase && UNSURE.some((p) => p.every((w, k) => folded[k] === w))) return "unsure";
  if (folded[0] === "no" && folded.length > 1 && POLISH_NO_YES.has(folded[1] ?? "")) {
    return {
      intent: "yes",
      lang: "pl",
      rest: rest(words, 2),
      phrase: true,
      why: [`"no ${folded[1]}" is Polish for "OK"`],
    };
  }
  // A bare "no" is "well…" to a Polish reader and "no" to everyone else.
  if (folded[0] === "no" && folded.length === 1 && locale === "pl") return "unsure";
  const answers = hits
    .filter((h) => h.meaning === "yes" || h.meaning === "no")
    .sort((a, b) => a.start - b.start || b.weight - a.weight);
  const [first] = answers;
  if (!first || first.weight < 2) return null;
  const other = answers.find(
    (h) => h.meaning !== first.meaning && !(h.start >= first.start && h.end <= first.end),
  );
  // "yes … no" in one message is no answer, unless the first word decides it.
  if (other && first.start > 0) return "unsure";
  return {
    intent: first.meaning as "yes" | "no",
    lang: first.lang,
    rest: rest(words, first.end),
    phrase: first.end - first.start > 1,
    why: [`"${first.text}" → ${first.meaning}`],
  };
}

function rest(words: Word[], from: number): string {
  return words
    .slice(from)
    .map((w) => w.raw)
    .join(" ");
}
