// What a message needs read before the engine can answer it, decided from its text alone: the read
// comes first (one batch), so it is generous on purpose — reading a little more costs less than
// understanding without the facts. The store runs the plan; it never parses the message itself.
import type { Intent } from "./keywords.ts";
import { mentionedPhones } from "./mentions.ts";
import { parseCommand } from "./parse.ts";
import { codesToCheck } from "./requests.ts";
import { findCues } from "./understand/cues.ts";
import type { Meaning } from "./understand/lexicon.ts";
import { wordsOf } from "./understand/words.ts";

/** The reads most messages skip, each named by the facts it fills. */
export type OptionalRead = "knownMembers" | "personalData" | "settlable";

interface Need {
  /** A command word (LOG, MY DATA, YES) or a natural sentence's meaning that needs the read. */
  when: readonly (Intent & Meaning)[];
  /** Natural words only count beside a number that could be a phone (LOG and GIVE name members by it). */
  cueWithNumber?: true;
}

/**
 * The one table: which intents need which optional read.
 * - knownMembers: LOG and GIVE may name other members by number (`knownMembers`, `memberDayMinutes`,
 *   `invitedToday`).
 * - personalData: MY DATA shows everything held about the sender.
 * - settlable: a YES or NO may settle a partner's requests (requests beyond the open ones).
 */
export const NEEDS: Record<OptionalRead, Need> = {
  knownMembers: { when: ["log", "give"], cueWithNumber: true },
  personalData: { when: ["mydata"] },
  settlable: { when: ["yes", "no"] },
};

export interface ReadPlan {
  /** The phone numbers the message mentions, when it may name members (knownMembers); else null. */
  mentioned: string[] | null;
  personalData: boolean;
  settlable: boolean;
  /** The codes a new request or booking could get with this message's seed: only these are checked. */
  codes: string[];
}

/**
 * @example readPlan("potwierdzam 482", 7).settlable === true
 * @example readPlan("saldo", 7).mentioned === null
 */
export function readPlan(text: string, seed: number): ReadPlan {
  const needed = neededReads(text);
  return {
    mentioned: needed.has("knownMembers") ? mentionedPhones(text) : null,
    personalData: needed.has("personalData"),
    settlable: needed.has("settlable"),
    codes: codesToCheck(seed),
  };
}

/** Which optional reads the text needs, by the table above. */
export function neededReads(text: string): Set<OptionalRead> {
  const intent = parseCommand(text)?.intent;
  const words = wordsOf(text);
  const meanings = new Set<string>(findCues(words).map((h) => h.meaning));
  const number = words.some((w) => /^\+?\d{4,}/.test(w.raw));
  const needed = new Set<OptionalRead>();
  for (const [read, need] of Object.entries(NEEDS) as [OptionalRead, Need][]) {
    const byCommand = intent !== undefined && (need.when as readonly string[]).includes(intent);
    const byWords = need.when.some((m) => meanings.has(m)) && (!need.cueWithNumber || number);
    if (byCommand || byWords) needed.add(read);
  }
  return needed;
}
