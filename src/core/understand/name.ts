// A first name given in a sentence: "my name is Dave", "I'm Sam", "Jestem Kasia", "Mam na imię Marek",
// "Mani sauc Līga", "Esmu Jānis", "to ja, Gosia", "Ilze te". Only the name is kept.
import type { Locale } from "../types.ts";
import { isKnown } from "./cues.ts";
import type { Word } from "./words.ts";

/** Words that introduce a name, folded, longest first within each language. */
const BEFORE: [Locale, string[]][] = [
  ...phrases(
    "en",
    "my first name is|first name is|my name is|my names|name is|names|i am|im|its|it is|this is|call me|here is",
  ),
  ...phrases(
    "pl",
    "mam na imie|nazywam sie|moje imie to|moje imie|z tej strony|mow mi|to ja|ja jestem|jestem|tu|imie|ja to",
  ),
  ...phrases("lv", "mani sauc|sauc mani|mans vards ir|mans vards|vards|es esmu|esmu|te ir|seit|es"),
];
/** Words after a name that say "it's me": "Ilze te", "Sam here", "Ola z tej strony". */
const AFTER: [Locale, string[]][] = [
  ...phrases("en", "here"),
  ...phrases("pl", "tu pisze|tu|z tej strony"),
  ...phrases("lv", "te raksta|te|seit"),
];

function phrases(lang: Locale, list: string): [Locale, string[]][] {
  return list.split("|").map((p) => [lang, p.split(" ")]);
}
const GREETINGS = new Set(
  "hi hello hey hiya yo czesc hej siema witam witaj dzien dobry sveiki sveika sveiks labdien cau labrit labvakar".split(
    " ",
  ),
);

export interface Intro {
  name: string;
  /** The language of the introducing words. */
  lang: Locale;
  why: string[];
}

const startsWith = (words: Word[], at: number, phrase: string[]) =>
  phrase.every((p, k) => words[at + k]?.f === p);

function nameLike(word: Word | undefined): boolean {
  if (!word || !/^\p{L}[\p{L}'-]{1,29}$/u.test(word.raw)) return false;
  return (
    !isKnown(word.f) ||
    (/^\p{Lu}/u.test(word.raw) && !GREETINGS.has(word.f) && word.f.length > 2 && !COMMON.has(word.f))
  );
}

/** Known words that are never names even when capitalised ("I'm Here", "Jestem Na miejscu"). */
const COMMON = new Set("here there back done off home leaving na w u pie klat atpakal".split(" "));

/** The name a message introduces, or null. */
export function introducedName(words: Word[]): Intro | null {
  let at = 0;
  while (at < words.length && GREETINGS.has(words[at]?.f ?? "")) at++;
  if (words[at]?.f === "dobry" || words[at]?.f === "dobre") at++;
  // The introducing words may follow one other word ("people call me Chaz", "hej, tu Ola").
  for (const [lang, phrase] of BEFORE) {
    const from = [at, at + 1].find((i) => startsWith(words, i, phrase));
    if (from === undefined) continue;
    const word = words[from + phrase.length];
    if (nameLike(word) && word && from + phrase.length + 2 >= words.length) {
      return {
        name: capitalise(word.raw),
        lang,
        why: [`"${phrase.join(" ")} …" introduces a name`],
      };
    }
  }
  for (const [lang, phrase] of AFTER) {
    const end = words.length - phrase.length;
    const word = words[at];
    if (end === at + 1 && startsWith(words, end, phrase) && nameLike(word) && word) {
      return { name: capitalise(word.raw), lang, why: [`"… ${phrase.join(" ")}" follows a name`] };
    }
  }
  return null;
}

function capitalise(name: string): string {
  return name.charAt(0).toLocaleUpperCase() + name.slice(1);
}
