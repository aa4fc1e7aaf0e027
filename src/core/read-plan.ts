// What a message needs read before the engine can answer it, decided from its text alone: the read
// comes first (one batch), so it is generous on purpose — reading a little more costs less than
// understanding without the facts. The store runs the plan; it never parses the message itself.
import type { Intent } from "./keywords.ts";
import { mentionedPhones } from "./mentions.ts";
import { parseChoice, parseCommand } from "./parse.ts";
import { postCodeCandidates, postCodesIn } from "./posts.ts";
import { codesToCheck, namedCodes } from "./requests.ts";
import { inviteCodesIn } from "./together.ts";
import { findCues } from "./understand/cues.ts";
import { wordsOf } from "./understand/words.ts";

/** The reads most messages skip, each named by the facts it fills. */
export type OptionalRead = "knownMembers" | "personalData" | "settlable" | "board" | "poll" | "invites";

interface Need {
  /** A command word (LOG, MY DATA, YES) or a natural sentence's meaning that needs the read. */
  when: readonly Intent[];
  /** Natural words only count beside a number that could be a phone (LOG and GIVE name members by it). */
  cueWithNumber?: true;
  /** Any message naming a post's code needs it too. */
  orPostCode?: true;
  /** A message that is no command and could answer a poll: a number, or a few words ("kino"). */
  orShortAnswer?: true;
  /** Any message naming an invitation's code (G482). */
  orInviteCode?: true;
  /** Command words that need it only beside a phone number (BOOK 1 FOR 07700900123). */
  withNumber?: readonly Intent[];
}

/**
 * The one table: which intents need which optional read.
 * - knownMembers: LOG and GIVE may name other members by number (`knownMembers`, `memberDayMinutes`,
 *   `invitedToday`).
 * - personalData: MY DATA shows everything held about the sender.
 * - settlable: a YES or NO may settle a partner's requests (requests beyond the open ones).
 * - board: the members' board (posts, replies to them): a post, closing or renewing one, or any
 *   message naming a post's code ("P482").
 * - poll: the newest open poll the sender was sent, for a message that could answer it.
 * - invites: invitations to events waiting for the sender's answer (a message naming a G-code).
 */
export const NEEDS: Record<OptionalRead, Need> = {
  knownMembers: { when: ["log", "give"], cueWithNumber: true, withNumber: ["book"] },
  personalData: { when: ["mydata"] },
  settlable: { when: ["yes", "no"] },
  board: { when: ["offer", "ask", "close", "renew", "board"], orPostCode: true },
  poll: { when: [], orShortAnswer: true },
  invites: { when: [], orInviteCode: true },
};

/**
 * Commands that never record hours or book a place from an idle conversation, so never need a new
 * code. Natural sentences are not listed: what they mean is only known after the read.
 */
export const NO_NEW_CODE: readonly Intent[] = [
  "balance",
  "history",
  "help",
  "lang",
  "menu",
  "stop",
  "mydata",
  "tips",
  "events",
];

export interface ReadPlan {
  /** The phone numbers the message mentions, when it may name members (knownMembers); else null. */
  mentioned: string[] | null;
  personalData: boolean;
  settlable: boolean;
  /**
   * With `settlable`: the request codes the message names. When there are some, only those requests
   * are read (open or settled); when none (a bare YES, YES ALL), every open one.
   */
  requestCodes: string[];
  /** The codes a new request or booking could get with this message's seed: only these are checked. */
  codes: string[];
  /**
   * The message's command can make no code by itself (BALANCE, HELP …): the codes are checked only
   * when the conversation is in the middle of something (its next step may record or book).
   */
  codesOnlyMidway: boolean;
  /** The board is read; with the post codes a new post could get with this seed. */
  board: { postCodes: string[] } | null;
  /** The sender's open poll is read. */
  poll: boolean;
  /** Invitations to events waiting for the sender are read. */
  invites: boolean;
}

/**
 * @example readPlan("potwierdzam 482", 7).settlable === true
 * @example readPlan("saldo", 7).mentioned === null
 */
export function readPlan(text: string, seed: number): ReadPlan {
  const intent = parseCommand(text)?.intent;
  const needed = readsFor(text, intent);
  return {
    mentioned: needed.has("knownMembers") ? mentionedPhones(text) : null,
    personalData: needed.has("personalData"),
    settlable: needed.has("settlable"),
    requestCodes: needed.has("settlable") ? namedCodes(text) : [],
    codes: codesToCheck(seed),
    codesOnlyMidway: intent !== undefined && NO_NEW_CODE.includes(intent),
    board: needed.has("board") ? { postCodes: postCodeCandidates(seed) } : null,
    poll: needed.has("poll"),
    invites: needed.has("invites"),
  };
}

/** A few words with no digits: what an answer naming a poll's option looks like. */
function shortAnswer(words: readonly { raw: string }[]): boolean {
  return words.length >= 1 && words.length <= 4 && !words.some((w) => /\d/.test(w.raw));
}

/** Which optional reads the text needs, by the table above. */
export function neededReads(text: string): Set<OptionalRead> {
  return readsFor(text, parseCommand(text)?.intent);
}

function readsFor(text: string, intent: Intent | undefined): Set<OptionalRead> {
  const words = wordsOf(text);
  const meanings = new Set<string>(findCues(words).map((h) => h.meaning));
  const number = words.some((w) => /^\+?\d{4,}/.test(w.raw));
  const needed = new Set<OptionalRead>();
  for (const [read, need] of Object.entries(NEEDS) as [OptionalRead, Need][]) {
    const byCommand = intent !== undefined && (need.when as readonly string[]).includes(intent);
    const byWords = need.when.some((m) => meanings.has(m)) && (!need.cueWithNumber || number);
    const byCode = need.orPostCode === true && postCodesIn(text).length > 0;
    const byAnswer =
      need.orShortAnswer === true &&
      intent === undefined &&
      (parseChoice(text) !== null || shortAnswer(words));
    const byInvite = need.orInviteCode === true && inviteCodesIn(text).length > 0;
    const byNumber = intent !== undefined && number && (need.withNumber ?? []).includes(intent);
    if (byCommand || byWords || byCode || byAnswer || byInvite || byNumber) needed.add(read);
  }
  return needed;
}
