// The command a task read from words stands for: the text its transition would read after a command
// word ("did 2 hrs at the playground" → LOG "2 hrs at the playground"), so the transitions that serve
// command words serve sentences too.

import { takeHours } from "../hours.ts";
import type { Intent } from "../keywords.ts";
import type { Command } from "../parse.ts";
import type { Locale } from "../types.ts";
import { type Hit, isKnown } from "./cues.ts";
import type { Situation } from "./index.ts";
import { languageTarget } from "./language.ts";
import type { Meaning } from "./lexicon.ts";
import { namedItem } from "./slots.ts";
import type { Word } from "./words.ts";

export function intentOf(meaning: Meaning): Intent {
  return meaning === "greeting" ? "menu" : meaning;
}

/** The words a transition reads after its command word, built from the message: "did 2 hrs at X" → "2 hrs at X". */
export function commandFor(
  meaning: Meaning,
  words: Word[],
  hits: Hit[],
  situation: Situation,
  lang: Locale | null,
): Command {
  const intent = intentOf(meaning);
  const command: Command = { intent, lang, rest: "" };
  if (meaning === "lang") {
    const target = languageTarget(words);
    return target ? { ...command, langTarget: target } : command;
  }
  if (meaning === "yes" || meaning === "no") {
    // Only the answer word goes: the codes and a reason ("noraidu 385 viņš nebija") stay as written.
    const answer = hits.filter((h) => h.meaning === meaning).sort((a, b) => b.weight - a.weight)[0];
    const rest = words.filter((_, i) => !answer || i < answer.start || i >= answer.end);
    return { ...command, rest: rest.map((w) => w.raw).join(" ") };
  }
  if (meaning === "log" || meaning === "checkin") {
    return { ...command, rest: contentWords(words, meaning, hits).join(" ") };
  }
  if (meaning === "cancel") return { ...command, rest: words.find((w) => /^\d{4}$/.test(w.raw))?.raw ?? "" };
  if (meaning === "give") return { ...command, rest: giftWords(words).join(" ") };
  // A post in the member's own words: the whole message is what they offer or ask for.
  if (meaning === "offer" || meaning === "ask")
    return { ...command, rest: words.map((w) => w.raw).join(" ") };
  if (meaning === "book") {
    const item = namedItem(words, situation.items, situation.partners);
    return item ? { ...command, intent: "events", rest: item } : { ...command, intent: "events" };
  }
  return command;
}

/** The words that carry the task's pieces: without greetings, polite words and the task's own verbs. */
function contentWords(words: Word[], meaning: Meaning, hits: Hit[]): string[] {
  const cueAt = new Set<number>();
  for (const h of hits) {
    if (h.meaning !== meaning && !(h.meaning === "greeting" && h.start === 0)) continue;
    // Units and amounts stay: "godzin*" is a cue for log and the unit of "2 godziny".
    if (h.end - h.start === 1 && isAmountWord(words[h.start]?.raw ?? "")) continue;
    for (let k = h.start; k < h.end; k++) cueAt.add(k);
  }
  return words
    .filter((w, i) => {
      if (cueAt.has(i)) return false;
      if (/^\d/.test(w.raw)) return true;
      // Polish "i" is "and" inside an amount ("2 i pół").
      if (w.f === "i" && /^\d|dwie|trzy|jed/.test(words[i - 1]?.f ?? "")) return true;
      return !NOISE_ONLY.has(w.f);
    })
    .map((w) => w.raw);
}

/** A word that is (part of) an amount: "godziny", "hrs", "pusstundu", "półtorej". */
function isAmountWord(word: string): boolean {
  return takeHours([word]) !== null || takeHours(["1", word])?.used === 2;
}

/** Noise that never names a place, an activity, an amount or a day. */
const NOISE_ONLY = new Set(
  "i im ive id me my was were did do does done have has had got just please pls plz can could would you u for some been am is are so then also thx thanks cheers hi hello hey hiya want wanna like ja mi mnie moje moj mam bylem bylam jestem prosze poprosze chce czy moge sie to ze czesc hej siema witam dzieki dziekuje es man mans mana ir biju esmu ludzu paldies sveiki labdien cau gribu velos varu".split(
    " ",
  ),
);

/** GIVE's pieces: the amount, then the number or name it goes to. */
function giftWords(words: Word[]): string[] {
  const amount = words.find((w) => /^\d{1,3}([.,]\d{1,2})?$/.test(w.raw))?.raw;
  const phone = words.filter(
    (w) => /^\+?\d[\d-]{3,}$/.test(w.raw) && w.raw.replace(/\D/g, "").length >= 4 && w.raw !== amount,
  );
  const name = words.find(
    (w) => /^\p{Lu}/u.test(w.raw) && !isKnown(w.f) && w.raw !== amount && !/^\d/.test(w.raw),
  );
  const to = phone.length ? phone.map((w) => w.raw).join(" ") : (name?.raw ?? "");
  return amount ? [amount, to].filter(Boolean) : [];
}
