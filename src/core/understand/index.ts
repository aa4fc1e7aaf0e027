// Understanding a message in the person's own words: which of the bot's tasks it asks for, with the
// pieces it gives (hours, place, day, code, name), how sure that is, and why. Pure and offline:
// words and stems from the lexicon, typos judged by word length, and the question the bot just asked.
// A command word at the start (parseCommand) still decides exactly as before, except where a longer
// phrase says otherwise ("no dobra", "in English", "zapisz mnie na bingo").
import type { SpendItem } from "../engine-types.ts";
import type { Intent } from "../keywords.ts";
import { matchPartner } from "../match-partner.ts";
import { type Command, parseCommand } from "../parse.ts";
import type { Locale, Partner } from "../types.ts";
import { commandFor } from "./command.ts";
import { findCues, type Hit } from "./cues.ts";
import { detectLanguage } from "./language.ts";
import type { Meaning } from "./lexicon.ts";
import { introducedName } from "./name.ts";
import { isPartnerWord, slotsOf } from "./slots.ts";
import { type Word, wordsOf } from "./words.ts";
import { answerYesNo } from "./yes-no.ts";

/** What the bot is waiting for, which changes what an answer means. */
export type Expecting = "yesno" | "name" | "answer" | null;

export interface Situation {
  expecting: Expecting;
  /** Not a member yet: a first message may introduce a name ("Mam na imię Marek"). */
  newcomer: boolean;
  /** The reader's language (member, conversation or hint). */
  locale: Locale;
  /** The sender speaks for a partner: YES/NO with codes are answers to requests. */
  contact: boolean;
  partners: Partner[];
  items: SpendItem[];
}

export type Label = Meaning | "unclear" | "name" | "unknown" | Intent;

export interface Understanding {
  /** What the message asks for, in the corpus's terms; "unknown" when nothing fits. */
  label: Label;
  /** What the engine acts on: a command word as typed, or one built from the words. */
  command: Command | null;
  /** Unsure: the best one or two guesses to ask about ("Did you mean …?"), as the commands they would be. */
  guesses: Command[];
  /** A first name the person gave ("Mam na imię Marek"). */
  name: string | null;
  /** The language the text is written in, when it is clear. */
  lang: Locale | null;
  /** 0 to 1. */
  confidence: number;
  /** Why, in short lines (`timecredits explain`). */
  why: string[];
}

const ACT = 3;
/** Command words that are only answers to a yes/no question. */
const ANSWER_WORDS = new Set<Intent>(["yes", "no", "cancel"]);
/** Tasks whose words are answers to the questions they ask themselves (hours, a place, an event). */
const STAY = new Set<Label>(["log", "book", "events", "checkin"]);
const ASK = 1;
/** Meanings that only answer a question; never a task of their own. */
const ANSWERS = new Set<Meaning>(["yes", "no", "greeting"]);

/**
 * Reads one message.
 * @example understand("ile mam teraz kredytów?", situation).command // { intent: "balance", lang: "pl", rest: "" }
 */
export function understand(text: string, situation: Situation): Understanding {
  const words = wordsOf(text);
  const keyword = checkedKeyword(parseCommand(text), situation.partners);
  const hits = findCues(words, (w) => isPartnerWord(w, situation.partners));
  const lang = detectLanguage(text, words, hits);
  const base = { name: null, lang, guesses: [] as Command[] };
  const byKeyword = (k: Command): Understanding => {
    return { ...base, label: k.intent, command: k, confidence: 1, why: [`command word ${k.intent}`] };
  };

  if (situation.expecting === "yesno") {
    const answer = answerYesNo(words, hits, situation.locale);
    // Another command word leaves the question (SALDO, STOP); words that only answer it do not.
    const leaves = keyword !== null && !ANSWER_WORDS.has(keyword.intent);
    if (answer && answer !== "unsure" && !(leaves && !answer.phrase)) {
      const command: Command = { intent: answer.intent, lang: answer.lang, rest: answer.rest };
      return { ...base, label: answer.intent, command, confidence: 0.95, why: answer.why };
    }
    if (keyword && answer !== "unsure" && keyword.intent !== "cancel") return byKeyword(keyword);
    // A clear request in words leaves the question too ("ile mam kredytów?" asked "Zgoda?").
    const task = answer ? null : decide(words, hits, score(words, hits, situation), situation, base);
    if (task?.command) return task;
    return {
      ...base,
      label: "unclear",
      command: null,
      confidence: 0.5,
      why: ["neither a clear yes nor a clear no"],
    };
  }
  if (situation.expecting === "name" || (situation.expecting === null && situation.newcomer)) {
    const intro = introducedName(words);
    if (intro)
      return { ...base, label: "name", command: null, name: intro.name, confidence: 0.9, why: intro.why };
  }
  if (situation.expecting === "answer") {
    if (keyword) return byKeyword(keyword);
    // A question's own answer comes first ("półtorej godziny", "hostel", "2"); only a clear other
    // request leaves it ("how do i use this" while choosing an event).
    const other = decide(words, hits, score(words, hits, situation), situation, base);
    const leaves = other.command && !STAY.has(other.label) && other.confidence >= 0.6;
    return leaves
      ? other
      : { ...base, label: "unknown", command: null, confidence: 0, why: ["an answer to the open question"] };
  }
  // Most messages start with a command word and nothing could overrule it: no scoring needed.
  const mayOverrule =
    keyword === null ||
    ["yes", "no", "volunteer"].includes(keyword.intent) ||
    hits.some((h) => h.start === 0 && h.end > 1 && h.meaning !== keyword.intent);
  if (keyword && !mayOverrule) return byKeyword(keyword);
  const scored = score(words, hits, situation);
  if (keyword && !overridden(keyword, scored, hits, situation, words)) return byKeyword(keyword);
  const decided = decide(words, hits, scored, situation, base);
  // Asked for a name, a word or two is the name unless it clearly asks for something else.
  const unsure = decided.confidence < 0.75 || hits.some((h) => h.typo);
  if (situation.expecting === "name" && words.length <= 2 && (!decided.command || unsure)) {
    return {
      ...base,
      label: "name",
      command: null,
      confidence: 0.6,
      why: ["a word or two, asked for a name"],
    };
  }
  return decided;
}

/**
 * Command words that are commands only in some shapes: "IN staithe" checks in, "in English" does
 * not; "OUT" alone checks out, "out at the hostel" does not.
 */
function checkedKeyword(keyword: Command | null, partners: Partner[]): Command | null {
  if (!keyword) return null;
  const rest = keyword.rest.trim();
  if (keyword.intent === "checkin" && rest) {
    const words = rest.split(/\s+/);
    const at = words.findIndex((_, i) => matchPartner(words.slice(i), partners));
    return at < 0 ? null : { ...keyword, rest: words.slice(at).join(" ") };
  }
  if (keyword.intent === "checkout" && rest) return null;
  return keyword;
}

interface Scored {
  meaning: Meaning;
  score: number;
  why: string[];
}

function score(words: Word[], hits: Hit[], situation: Situation): Scored[] {
  const totals = new Map<Meaning, Scored>();
  const seen = new Set<string>();
  const addTo = (meaning: Meaning, points: number, why: string) => {
    const s = totals.get(meaning) ?? { meaning, score: 0, why: [] };
    s.score += points;
    s.why.push(why);
    totals.set(meaning, s);
  };
  // "give my credits", "spend my points": the credits are what the verb acts on.
  const verbs = new Set(
    hits.filter((h) => !h.noun && h.weight >= 2 && !ANSWERS.has(h.meaning)).map((h) => h.meaning),
  );
  // Longest first: a word inside a phrase belongs to that phrase's task ("can i help" is volunteering,
  // not a call for help); among equals, the stronger cue.
  const phraseAt = new Set<number>();
  const ordered = [...hits].sort((a, b) => b.end - b.start - (a.end - a.start) || b.weight - a.weight);
  for (const hit of ordered) {
    if (hit.noun && [...verbs].some((m) => m !== hit.meaning)) continue;
    const key = `${hit.meaning}:${hit.start}`;
    if (seen.has(key)) continue;
    const long = hit.end - hit.start > 1;
    if (!long && phraseAt.has(hit.start)) continue;
    for (let k = hit.start; k < hit.end; k++) {
      seen.add(`${hit.meaning}:${k}`);
      if (long && hit.weight >= 2) phraseAt.add(k);
    }
    // A typo counts a little less than the word itself.
    const points = hit.typo ? hit.weight * 0.9 : hit.weight;
    addTo(hit.meaning, points, `${hit.typo ? "~" : ""}"${hit.text}" → ${hit.meaning} +${round(points)}`);
  }
  const facts = slotsOf(words, situation);
  if (facts.hours) addTo("log", 3, `amount of time "${facts.hours}" → log +3`);
  if (facts.partner?.earn && facts.activity) addTo("log", 2, `activity "${facts.activity}" there → log +2`);
  if (facts.partner?.earn) {
    addTo("log", facts.number ? 2 : 1.5, `place "${facts.partner.name}" → log +${facts.number ? 2 : 1.5}`);
    addTo("checkin", 0.5, `place "${facts.partner.name}" → checkin +0.5`);
    addTo("volunteer", 0.5, `place "${facts.partner.name}" → volunteer +0.5`);
  }
  if (facts.item) addTo("book", 2.5, `"${facts.item}" can be booked → book +2.5`);
  if (facts.language) addTo("lang", 1.5, `names a language → lang +1.5`);
  if (facts.code) {
    addTo("cancel", 0.5, "a code → cancel +0.5");
    if (situation.contact) {
      // A partner's "zgadza się 490": an answer word with a request code is a decision.
      for (const m of ["yes", "no"] as const)
        if (hits.some((h) => h.meaning === m)) addTo(m, 1.5, `a code from a partner → ${m} +1.5`);
    }
  }
  return [...totals.values()]
    .filter((s) => situation.contact || !ANSWERS.has(s.meaning) || s.meaning === "greeting")
    .sort((a, b) => b.score - a.score);
}

/**
 * A command word stands unless a longer phrase of another meaning starts where it does ("no dobra",
 * "zapisz mnie"), a YES/NO that answers nothing is really a sentence ("nie rozumiem o co chodzi"),
 * or VOLUNTEER comes with an amount of time ("wolontariat 2 godz": hours given, not wanted).
 */
function overridden(
  keyword: Command,
  scored: Scored[],
  hits: Hit[],
  situation: Situation,
  words: Word[],
): boolean {
  const [top] = scored;
  if (!top || top.meaning === keyword.intent) return false;
  if (keyword.intent === "volunteer" && top.meaning === "log")
    return slotsOf(words, situation).hours !== null;
  if ((keyword.intent === "yes" || keyword.intent === "no") && !situation.contact) return top.score >= ASK;
  return hits.some((h) => h.meaning === top.meaning && h.start === 0 && h.end > 1 && h.weight >= ACT);
}

function decide(
  words: Word[],
  hits: Hit[],
  scored: Scored[],
  situation: Situation,
  base: Pick<Understanding, "name" | "lang" | "guesses">,
): Understanding {
  const tasks = scored.filter((s) => s.meaning !== "greeting");
  const [first, second] = tasks;
  if (!first || first.score < ASK) {
    const greeting = scored.find((s) => s.meaning === "greeting");
    const label = greeting ? "greeting" : "unknown";
    return { ...base, label, command: null, confidence: 0, why: greeting?.why ?? ["no words the bot knows"] };
  }
  const margin = first.score - (second?.score ?? 0);
  const why = [...first.why, ...(second ? [`next: ${second.meaning} ${round(second.score)}`] : [])];
  if (first.score >= ACT && margin >= 1) {
    const command = commandFor(first.meaning, words, hits, situation, base.lang);
    return { ...base, label: first.meaning, command, confidence: confidence(first.score, margin), why };
  }
  const close = second && second.score >= Math.max(ASK, first.score - 1.5) ? [second.meaning] : [];
  const guesses = [first.meaning, ...close]
    .filter((m) => !ANSWERS.has(m))
    .map((m) => commandFor(m, words, hits, situation, base.lang))
    .filter((c, i, all) => all.findIndex((o) => o.intent === c.intent) === i);
  const label = guesses.length ? "unclear" : "unknown";
  return { ...base, label, command: null, guesses, confidence: confidence(first.score, margin) / 2, why };
}

function confidence(score: number, margin: number): number {
  return round(Math.min(1, (score / 6) * 0.5 + Math.min(margin, 3) / 6));
}

const round = (n: number) => Math.round(n * 100) / 100;
