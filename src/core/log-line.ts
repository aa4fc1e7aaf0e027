// Reads a one-line log after the keyword ("3 staithe gardening", "2,5 staithe wczoraj",
// "3h at the staithe yesterday", "staithe 3") into its parts; whatever is missing stays null for the engine to ask.
import { distance } from "fastest-levenshtein";
import { takeDay } from "./days.ts";
import { takeHours } from "./hours.ts";
import { matchPartner } from "./match-partner.ts";
import { clip, fold, splitWords } from "./text.ts";
import type { Partner } from "./types.ts";

export interface LogLine {
  minutes: number | null;
  partner: Partner | null;
  /** What was typed where a partner was expected when none matched, for "I don't know 'xyz'". */
  partnerText: string | null;
  activity: { id: string } | { text: string } | null;
  day: string | null;
}

/** Small words people put around a partner or activity: "at the staithe", "w staithe", "pie staithe". */
const FILLER = new Set("at the w we u pie in na for with dla z ze ar on".split(" "));
const MAX_TEXT = 60;

const dropFiller = (words: string[]): string[] => {
  const start = words.findIndex((w) => !FILLER.has(fold(w)));
  return start === -1 ? [] : words.slice(start);
};

/** An amount written at the very end ("staithe gardening 3h"). */
function takeHoursAtEnd(words: string[]): { minutes: number; rest: string[] } | null {
  for (const n of [2, 1]) {
    const taken = words.length >= n ? takeHours(words.slice(-n)) : null;
    if (taken?.used === n) return { minutes: taken.minutes, rest: words.slice(0, -n) };
  }
  return null;
}

function hoursAtStart(words: string[], today: string): { minutes: number; used: number } | null {
  const taken = takeHours(words);
  if (!taken) return null;
  // "12.11 3 staithe", "28 lis 3 staithe": a date at the start, with the hours after it.
  const day = takeDay(words, today);
  const isDate = day?.index === 0 && day.used >= taken.used;
  return isDate && takeHours(words.slice(taken.used)) ? null : taken;
}

/**
 * The parts of a one-line log. Never throws; parts it cannot read are null.
 * @example parseLogLine("2,5 staithe wczoraj", partners, "2026-11-28")
 * // { minutes: 150, partner: staithe, partnerText: null, activity: null, day: "2026-11-27" }
 */
export function parseLogLine(rest: string, partners: Partner[], today: string): LogLine {
  let words = splitWords(rest).filter((w) => fold(w) !== "");
  let hours = hoursAtStart(words, today);
  if (hours) words = words.slice(hours.used);
  const day = takeDay(words, today);
  if (day) words = [...words.slice(0, day.index), ...words.slice(day.index + day.used)];
  if (!hours) {
    hours = hoursAtStart(words, today);
    if (hours) words = words.slice(hours.used);
  }
  let minutes = hours?.minutes ?? null;
  words = dropFiller(words);

  let found: { partner: Partner; before: string[]; after: string[] } | null = null;
  for (let i = 0; i < words.length && !found; i++) {
    const match = FILLER.has(fold(words[i] ?? "")) ? null : matchPartner(words.slice(i), partners);
    if (match)
      found = { partner: match.partner, before: words.slice(0, i), after: words.slice(i + match.used) };
  }
  if (!found) {
    const end = minutes === null ? takeHoursAtEnd(words) : null;
    if (end) ({ minutes, rest: words } = end);
    const text = clip(words.join(" "), MAX_TEXT);
    return { minutes, partner: null, partnerText: text || null, activity: null, day: day?.day ?? null };
  }

  let after = found.after;
  if (minutes === null) {
    const taken = takeHours(after);
    if (taken) [minutes, after] = [taken.minutes, after.slice(taken.used)];
  }
  const before = dropFiller([...found.before].reverse()).reverse();
  let activityWords = [...before, ...dropFiller(after)];
  if (minutes === null) {
    const end = takeHoursAtEnd(activityWords);
    if (end) ({ minutes, rest: activityWords } = end);
  }
  activityWords = dropFiller(activityWords);
  const activity = matchActivity(activityWords.join(" "), found.partner);
  return { minutes, partner: found.partner, partnerText: null, activity, day: day?.day ?? null };
}

/** The partner's activity the text names (id, any title, a clear start or a small typo), else the text itself. */
function matchActivity(text: string, partner: Partner): LogLine["activity"] {
  const f = fold(text);
  if (f === "") return null;
  const keyed = partner.activities.map((a) => {
    const keys = [a.id, ...Object.values(a.title)].filter((t): t is string => !!t).map(fold);
    return { id: a.id, keys, words: keys.flatMap((k) => k.split(" ")) };
  });
  const rules = [
    (k: (typeof keyed)[number]) => k.keys.includes(f),
    (k: (typeof keyed)[number]) => f.length >= 4 && k.words.some((w) => w.startsWith(f)),
    (k: (typeof keyed)[number]) =>
      f.length >= 5 &&
      k.keys.some((w) => Math.abs(w.length - f.length) <= 2 && distance(w, f) <= (f.length >= 7 ? 2 : 1)),
  ];
  for (const rule of rules) {
    const hits = keyed.filter(rule);
    if (hits[0] && hits.length === 1) return { id: hits[0].id };
  }
  return { text: clip(text.trim(), MAX_TEXT) };
}
