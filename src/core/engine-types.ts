// The engine's own vocabulary: what it reads (facts), what it keeps between messages (snapshot) and
// what it asks the runner to do (effects). All plain data.
import type { Activity, Balance, Channel, LedgerEntry, Locale, Member, Partner, Reply } from "./types.ts";

export type StateName =
  | "idle"
  | "join.language"
  | "join.name"
  | "join.consent"
  | "stopped"
  | "lang.pick"
  | "log.partner"
  | "log.hours"
  | "log.activity"
  | "log.day";

/** A half-written log entry, filled one slot at a time. */
export interface LogDraft {
  mode: "steps" | "line";
  partnerId?: string;
  minutes?: number;
  /** Activity id from the partner's list, free text, or null for none (SKIP). */
  activity?: { id: string } | { text: string } | null;
  day?: string;
}

export interface ConversationData {
  locale?: Locale;
  name?: string;
  /** The first message of a newcomer that was a command: replayed once they have joined. */
  pending?: string;
  draft?: LogDraft;
  /** What each number means for the question just asked (partner ids, activity ids …). */
  choices?: string[];
}

export interface Snapshot {
  state: StateName;
  data: ConversationData;
  expiresAt: string | null;
  version: number;
  /** False until the conversation has been saved once: a first contact. */
  exists: boolean;
}

export interface SchemeFacts {
  name: string;
  timezone: string;
}

/** What the engine may know about the sender and the scheme, read in one batch before it runs. */
export interface Facts {
  channel: Channel;
  address: string;
  member: Member | null;
  partners: Partner[];
  balance: Balance;
  /** The member's latest entries, newest first (at most five). */
  history: LedgerEntry[];
  /** Minutes already logged (not rejected) per local day, for the last 31 days. */
  dayMinutes: Record<string, number>;
  scheme: SchemeFacts;
  hintLocale?: Locale;
  profileName?: string;
}

export type Effect =
  | { type: "reply"; reply: Reply }
  | { type: "createMember"; name: string; locale: Locale }
  | { type: "updateMember"; locale?: Locale; optedOut?: boolean }
  | { type: "postEarning"; minutes: number; partnerId: string; activity: string | null; day: string }
  | { type: "forgetConversation" };

/** Something the engine reacts to. Later channels add callbacks and timers here. */
export type EngineEvent = { type: "message"; text: string };

export interface StepResult {
  snapshot: Snapshot;
  effects: Effect[];
  /** The language the replies are written in. */
  locale: Locale;
}

export type { Activity };
