// Finds the partner a person means from what they typed: "staithe", "the Staithe", "hostel",
// a small typo ("stathe") or a clear start of a name ("oasi"). Ambiguous guesses are not matches.
import { distance } from "fastest-levenshtein";
import { fold } from "./text.ts";
import type { Partner } from "./types.ts";

const withoutThe = (s: string): string => s.replace(/^the /, "");

/** The whole phrases that name a partner exactly (worked out once per partner). */
function names(p: Partner): string[] {
  return cached(p).names;
}

/** Single words a guess may be close to: id, aliases and the words of the name (not "the"). */
function keyWords(p: Partner): string[] {
  return cached(p).keyWords;
}

// Each message reads its partners afresh, so the cache is keyed by what a partner is called, not by object.
const byPartner = new Map<string, { names: string[]; keyWords: string[] }>();

function cached(p: Partner): { names: string[]; keyWords: string[] } {
  const key = `${p.id}\u0000${p.name}\u0000${p.aliases.join("\u0000")}`;
  let c = byPartner.get(key);
  if (!c) {
    if (byPartner.size >= 1000) byPartner.clear();
    const whole = [p.id, p.name, ...p.aliases].map(fold).filter((s) => s !== "");
    const words = [p.id, ...p.aliases, ...fold(p.name).split(" ")].map(fold);
    c = {
      names: [...whole, ...whole.map(withoutThe)],
      keyWords: words.filter((w) => w.length >= 3 && w !== "the"),
    };
    byPartner.set(key, c);
  }
  return c;
}

function isNear(word: string, key: string): boolean {
  const len = Math.min(word.length, key.length);
  if (len < 4 || Math.abs(word.length - key.length) > 2) return false;
  return distance(word, key) <= (len >= 7 ? 2 : 1);
}

const isPrefix = (word: string, key: string): boolean => word.length >= 4 && key.startsWith(word);

function guesses(word: string, partners: Partner[], test: (w: string, k: string) => boolean): Partner[] {
  return partners.filter((p) => keyWords(p).some((k) => test(word, k)));
}

/**
 * The partner named at the start of a word list and how many words name it: the longest exact
 * phrase (up to four words), else one word that is a small typo or a clear start of exactly one partner.
 * @example matchPartner(["the", "staithe", "gardening"], partners) // { partner: staithe, used: 2 }
 */
export function matchPartner(
  words: string[],
  partners: Partner[],
): { partner: Partner; used: number } | null {
  const folded = words.slice(0, 8).map(fold);
  for (let n = Math.min(4, folded.length); n >= 1; n--) {
    const phrase = folded.slice(0, n).join(" ");
    if (phrase === "" || folded[n - 1] === "") continue;
    const partner = partners.find((p) => names(p).includes(phrase) || names(p).includes(withoutThe(phrase)));
    if (partner) return { partner, used: n + moreNameWords(partner, folded.slice(n)) };
  }
  const skip = folded[0] === "the" ? 1 : 0;
  const word = folded[skip];
  if (!word) return null;
  for (const test of [isNear, isPrefix]) {
    const found = guesses(word, partners, test);
    const [partner] = found;
    if (partner && found.length === 1)
      return { partner, used: skip + 1 + moreNameWords(partner, folded.slice(skip + 1)) };
  }
  return null;
}

/** After a guessed first word, the following words that are the rest of that partner's name ("oasis comunity"). */
function moreNameWords(partner: Partner, next: string[]): number {
  const rest = fold(partner.name)
    .split(" ")
    .filter((w) => w.length >= 4);
  let used = 0;
  while (used < next.length && rest.some((w) => w === next[used] || isNear(next[used] ?? "", w))) used++;
  return used;
}
