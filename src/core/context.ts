// The pieces every transition works with: the parsed message, the facts, and small builders for
// replies and outcomes, so each transition reads as the conversation it implements.

import type { ConversationData, Effect, Facts, Snapshot, StateName } from "./engine-types.ts";
import { localDay } from "./format.ts";
import { type Command, parseChoice } from "./parse.ts";
import type { Locale, MessageKey, Param, Reply, ReplyOption } from "./types.ts";
import { type Expecting, type Understanding, understand } from "./understand/index.ts";

export interface Ctx {
  snapshot: Snapshot;
  facts: Facts;
  now: Date;
  /** The scheme's local date, YYYY-MM-DD. */
  today: string;
  locale: Locale;
  text: string;
  /** What the message asks for: a command word, or one read from the person's own words. */
  command: Command | null;
  choice: number | null;
  /** How the message was understood (guesses to ask about, a name, its language, why). */
  understood: Understanding;
}

/** What a transition decides: the next state, what to remember, and what should happen. */
export interface Outcome {
  state: StateName;
  data?: ConversationData;
  effects: Effect[];
  /** Set when the transition changes the reader's language. */
  locale?: Locale;
  /** A message to handle again once this outcome is applied (a newcomer's first command). */
  replay?: string;
}

/** How long a question waits for its answer. */
export const QUESTION_TTL_MS = 30 * 60 * 1000;

export function buildCtx(snapshot: Snapshot, facts: Facts, text: string, now: Date): Ctx {
  const locale =
    facts.member?.locale ?? snapshot.data.locale ?? facts.asContact[0]?.locale ?? facts.hintLocale ?? "en";
  const understood = understand(text, {
    expecting: expecting(snapshot.state),
    newcomer: !facts.member,
    locale,
    contact: facts.asContact.length > 0,
    partners: facts.partners,
    items: facts.items,
  });
  return {
    snapshot,
    facts,
    now,
    today: localDay(now, facts.scheme.timezone),
    locale,
    text,
    command: understood.command,
    choice: parseChoice(text),
    understood,
  };
}

/** Questions whose answer is a yes or a no. */
export const YES_NO_STATES: readonly StateName[] = [
  "join.consent",
  "spend.confirm",
  "give.confirm",
  "post.thanks",
  "post.confirm",
  "privacy.confirm",
  "profile.volunteered",
];

/** What an answer in this state is read as: a yes/no, a name, the state's own answer, or anything. */
function expecting(state: StateName): Expecting {
  if (YES_NO_STATES.includes(state)) return "yesno";
  if (state === "join.name") return "name";
  return state === "idle" || state === "stopped" || state === "clarify" ? null : "answer";
}

export function reply(
  key: MessageKey,
  params?: Record<string, Param>,
  more?: Pick<Reply, "options" | "lines" | "locale" | "also" | "actions" | "askContact">,
): Effect {
  return { type: "reply", reply: { key, ...(params ? { params } : {}), ...more } };
}

/** Numbered options from translation keys: options("menu.balance", "menu.log") → 1, 2. */
export function keyedOptions(keys: MessageKey[]): ReplyOption[] {
  return keys.map((key, i) => ({ n: i + 1, key }));
}

export function textOptions(labels: string[]): ReplyOption[] {
  return labels.map((text, i) => ({ n: i + 1, text }));
}

export function idle(...effects: Effect[]): Outcome {
  return { state: "idle", data: {}, effects };
}

export function ask(state: StateName, data: ConversationData, ...effects: Effect[]): Outcome {
  return { state, data, effects };
}
