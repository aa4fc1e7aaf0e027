// What a writer is given and returns: one effect of the engine's decision, and the statements that
// make it so, for the message's one write batch.
import type { Rendered } from "../../channels/render.ts";
import type { TextOptions } from "../../channels/render-text.ts";
import type { Effect, Snapshot } from "../../core/engine-types.ts";
import type { Channel, Locale, Reply } from "../../core/types.ts";
import type { StoredReply } from "../conversation-read.ts";
import type { InStatement } from "../db.ts";
import type { OutboxMessage } from "../outbox.ts";
import type { ErasureDigest } from "../privacy-erasure.ts";

export interface ConversationWrite {
  channel: Channel;
  address: string;
  externalId: string;
  /** The message body; kept only when the sender is a member who consented. */
  body: string | null;
  before: Snapshot;
  after: Snapshot;
  effects: Effect[];
  stored: StoredReply;
  now: Date;
  /** Renders a message to someone else, on their channel, as what goes into the outbox. */
  render: (channel: Channel, locale: Locale, reply: Reply, options?: TextOptions) => Rendered[];
  /** The sender's own replies, when their channel answers through its API (Telegram). */
  outgoing?: OutboxMessage[];
  /** DELETE ME: digests of the erased number and Telegram id, for the erasure list. */
  erased?: ErasureDigest[];
}

/** The sender as an SQL expression for their member id, with its argument. */
export interface Ref {
  sql: string;
  arg: string | number;
  /** The members column that identifies them on their channel. */
  column: "phone" | "telegram_id";
}

/** What every writer may use: the time, how to render a message to someone, and the cause if a message. */
export interface CommonContext {
  at: Date;
  /** `at` as stored: an ISO string. */
  now: string;
  /** Renders a message to someone else, on their channel, as what goes into the outbox. */
  render: ConversationWrite["render"];
  /** The inbound message that caused the write, if any (the dashboard's and the jobs' writes have none). */
  inbound?: { channel: string; externalId: string };
}

/** A write caused by a message: its sender and inbound record are known. */
export interface WriteContext extends CommonContext {
  w: ConversationWrite;
  /** The sender. */
  me: Ref;
  /** This message's inbound record, as a subquery and as its key. */
  inboundSql: string;
  inbound: { channel: string; externalId: string };
}

/**
 * Where in the batch an effect's statements go: a new member before the inbound record that points
 * at them, files after the replies (so the summary arrives first), the rest in the engine's order
 * after the conversation is saved.
 */
export type Place = "beforeInbound" | "inOrder" | "afterReplies";

export type EffectOf<T extends Effect["type"]> = Extract<Effect, { type: T }>;

export interface Writer<T extends Effect["type"]> {
  place: Place;
  write: (e: EffectOf<T>, c: WriteContext) => InStatement[];
}

/** A writer that needs no sender: the dashboard and the jobs use it too. */
export interface CommonWriter<T extends Effect["type"]> {
  place: "inOrder";
  write: (e: EffectOf<T>, c: CommonContext) => InStatement[];
}

/** One writer per effect type: a missing one is a type error. */
export type Writers = { [T in Effect["type"]]: Writer<T> };

/** Nothing to write: the effect is carried out elsewhere (a reply is rendered by the runner). */
export const NOTHING = { place: "inOrder", write: () => [] } as const;
