// Reads what a message asks for: a command word (with whatever follows it) or a bare menu number.
// Bad or unknown text gives null, never an exception: the engine answers it with the menu.
import { type Intent, languageOf, lookupKeyword, MAX_KEYWORD_WORDS } from "./keywords.ts";
import { fold, stripInvisible } from "./text.ts";
import type { Locale } from "./types.ts";

export interface Command {
  intent: Intent;
  /** The keyword's language when only one language uses it; a hint for a member with no language yet. */
  lang: Locale | null;
  /** The text after the keyword, as written (case and diacritics kept), without edge punctuation. */
  rest: string;
  /** For LANG: the language asked for ("POLSKI", "LANG 2", "JĘZYK polski"). */
  langTarget?: Locale;
}

// Commas and the like glue onto command words ("Tak, 482", "LOG: 3") but not onto the words after them.
const TOKEN = /[^\s,;:!?]+/g;
const REST_EDGES = /^[\s,.:;!?…]+|[\s,.:;!?…]+$/g;

/**
 * The command a message starts with, or null.
 * @example parseCommand("GODZINY 2,5 staithe wczoraj") // { intent: "log", lang: "pl", rest: "2,5 staithe wczoraj" }
 */
export function parseCommand(text: string): Command | null {
  const clean = stripInvisible(text);
  if (/^\s*[?¿？]+\s*$/.test(clean)) return { intent: "help", lang: null, rest: "" };
  const tokens = [...clean.matchAll(TOKEN)].slice(0, MAX_KEYWORD_WORDS);
  const folded = tokens.map((t, i) => fold(i === 0 ? withoutBotName(t[0]) : t[0]));
  for (let n = tokens.length; n >= 1; n--) {
    const phrase = folded.slice(0, n);
    if (phrase.some((w) => w === "")) continue;
    const keyword = lookupKeyword(phrase.join(" "), n === 1);
    const last = tokens[n - 1];
    if (!keyword || !last) continue;
    const rest = clean.slice(last.index + last[0].length).replace(REST_EDGES, "");
    const command: Command = { intent: keyword.intent, lang: keyword.lang, rest };
    if (keyword.intent === "lang") return withTarget(command, keyword.target);
    return command;
  }
  return null;
}

/** Telegram appends the bot's name in groups: "/balance@TimeCreditsBot". */
function withoutBotName(word: string): string {
  return word.startsWith("/") ? word.replace(/@\w*$/, "") : word;
}

function withTarget(command: Command, target: Locale | undefined): Command {
  if (target) return { ...command, langTarget: target };
  const match = /^(\S+)\s*(.*)$/s.exec(command.rest);
  const named = match?.[1] ? languageOf(match[1]) : null;
  if (!named) return command;
  return { ...command, langTarget: named, rest: (match?.[2] ?? "").trim() };
}

/**
 * A bare option number, 1 to 99, as typed on SMS: "1", " 2. ", "3)", "#4".
 * Anything else ("1e9", "-1", "0x1", "2 things", non-ASCII digits) is null.
 */
export function parseChoice(text: string): number | null {
  const match = /^\s*[#(]?\s*([0-9]{1,2})\s*[.)]?\s*$/.exec(stripInvisible(text));
  const n = match?.[1] ? Number(match[1]) : 0;
  return n >= 1 && n <= 99 ? n : null;
}

/** Words after a setting's keyword that turn it off ("TIPS OFF", "PORADY NIE", "wyłącz", "izslēgt"). */
const OFF_WORDS = new Set(["off", "no", "stop", "nie", "ne", "wylacz", "izslegt"]);

/** Whether the text after an on/off setting's keyword (TIPS, PLAIN) asks to turn it off. */
export function saysOff(rest: string): boolean {
  return OFF_WORDS.has(fold(rest)) || parseCommand(rest)?.intent === "no";
}
