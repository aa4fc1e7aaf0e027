// Handles one inbound message end to end: one read batch, the pure step, one write batch.
// A retried webhook finds its inbound record and gets the same answer with no new effect; a write
// that lost a race (stale conversation version, duplicate delivery) is re-read and decided again.
// A flood past the scheme's rate limit is recorded but not stepped: one notice, then silence.
import { renderFor } from "../channels/render.ts";
import { CHANNEL_TRAITS } from "../core/channels.ts";
import type { Effect, EngineEvent, SchemeSettings } from "../core/engine-types.ts";
import { localDay } from "../core/format.ts";
import { step } from "../core/machine.ts";
import { readPlan } from "../core/read-plan.ts";
import type { InboundMessage, Locale, Reply } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { deliverSoon } from "../jobs/outbox.ts";
import { readConversation, type StoredReply } from "../store/conversation-read.ts";
import { writeConversation, writeLimited } from "../store/conversation-write.ts";
import { isConflict } from "../store/db.ts";
import type { OutboxMessage } from "../store/outbox.ts";
import { type ErasureDigest, erasureDigests, erasureKey } from "../store/privacy-erasure.ts";

export interface Handled extends StoredReply {
  duplicate: boolean;
}

const ATTEMPTS = 4;

export class HandleError extends Error {
  override readonly name = "HandleError";
  constructor(
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`could not record an inbound message after ${attempts} attempts`, options);
  }
}

export interface HandleOptions {
  /**
   * For channels that answer through their API rather than in the HTTP response (Telegram): the
   * replies as outbox messages, written in the same batch so none is lost or sent twice.
   */
  replyOutbox?: (locale: Locale, replies: Reply[], version: number) => OutboxMessage[];
  /**
   * For SMS: whether the scheme answers this sender at all (its country, security review F4). A
   * message it refuses is recorded, so a retry is recognised, but not acted on or answered.
   */
  answers?: (settings: SchemeSettings) => boolean;
}

export async function handleMessage(
  deps: Deps,
  msg: InboundMessage,
  options: HandleOptions = {},
): Promise<Handled> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const now = deps.now();
    // Drawn before the read, which asks only whether this seed's candidate codes are taken; a code
    // taken by a racing message meanwhile fails the write's unique index and the next attempt re-rolls.
    const seed = deps.random();
    const read = await readConversation(deps.db, {
      channel: msg.channel,
      address: msg.address,
      externalId: msg.externalId,
      today: localDay(now, deps.config.timezone),
      timezone: deps.config.timezone,
      plan: readPlan(msg.text, seed),
      now,
      linkPhone: msg.contact?.phone ?? null,
      seed,
    });
    if (read.seen) return { ...read.seen, duplicate: true };
    const limit = read.facts.scheme.settings.rateLimitMessages;
    const refused = options.answers?.(read.facts.scheme.settings) === false;
    if (refused || read.recentMessages > limit) {
      // A flood is not acted on: one notice as the limit is passed, then silence until the window has gone.
      const locale = read.facts.member?.locale ?? read.snapshot.data.locale ?? msg.locale ?? "en";
      const minutes = read.facts.scheme.settings.rateLimitMinutes;
      const replies: Reply[] =
        !refused && read.recentMessages === limit + 1 ? [{ key: "rate.limited", params: { minutes } }] : [];
      const plain = CHANNEL_TRAITS[msg.channel].segments && read.facts.member?.plainSms === true;
      const stored: StoredReply = { locale, replies, ...(plain ? { plain: true } : {}) };
      const outgoing = options.replyOutbox?.(locale, replies, read.snapshot.version) ?? [];
      try {
        await writeLimited(deps.db, { ...msg, stored, now, outgoing });
        if (outgoing.length) deliverSoon(deps);
        deps.log.info(refused ? "inbound.refused" : "inbound.limited", {
          channel: msg.channel,
          count: read.recentMessages,
        });
        return { ...stored, duplicate: false };
      } catch (error) {
        if (!isConflict(error)) throw error;
        lastError = error;
        continue;
      }
    }
    const facts = {
      ...read.facts,
      hintLocale: msg.locale,
      profileName: msg.profileName,
    };
    // A button from an older question must not answer the one open now: show the menu instead.
    const stale = msg.questionVersion !== undefined && msg.questionVersion !== read.snapshot.version;
    const event: EngineEvent = msg.contact
      ? { type: "contact", phone: msg.contact.phone, own: msg.contact.own }
      : msg.media
        ? { type: "media" }
        : { type: "message", text: stale ? "MENU" : msg.text };
    const result = step(read.snapshot, event, facts, now);
    const replies = result.effects.flatMap((e) => (e.type === "reply" ? [e.reply] : []));
    const stored: StoredReply = {
      locale: result.locale,
      replies,
      ...(CHANNEL_TRAITS[msg.channel].segments && plainAfter(read.facts.member?.plainSms, result.effects)
        ? { plain: true }
        : {}),
    };
    // The conversation's version once this write lands: buttons carry it, so a stale one is recognised.
    const version = read.snapshot.exists ? read.snapshot.version + 1 : 1;
    const outgoing = options.replyOutbox?.(result.locale, replies, version) ?? [];
    const consented = read.facts.member !== null || result.effects.some((e) => e.type === "createMember");
    const erased = await erasedDigests(deps, result.effects);
    try {
      await writeConversation(deps.db, {
        channel: msg.channel,
        address: msg.address,
        externalId: msg.externalId,
        body: consented ? msg.text.slice(0, 1600) : null,
        before: read.snapshot,
        after: result.snapshot,
        effects: result.effects,
        stored,
        now,
        render: (channel, locale, reply, letters) => renderFor(deps.i18n.t, channel, locale, reply, letters),
        outgoing,
        erased,
      });
      if (outgoing.length || result.effects.some((e) => e.type === "notify")) deliverSoon(deps);
      deps.log.info("inbound.handled", { channel: msg.channel, state: result.snapshot.state, attempt });
      return { ...stored, duplicate: false };
    } catch (error) {
      if (!isConflict(error)) throw error;
      lastError = error;
    }
  }
  throw new HandleError(ATTEMPTS, { cause: lastError });
}

/** For DELETE ME: the digests of the number and Telegram id being erased, for the erasure list. */
async function erasedDigests(deps: Deps, effects: Effect[]): Promise<ErasureDigest[]> {
  const forget = effects.find((e) => e.type === "forgetMember");
  if (!forget) return [];
  return erasureDigests(await erasureKey(deps.db), forget);
}

/** Whether the member wants plain letters once this message's effects apply (PLAIN is confirmed plain). */
function plainAfter(before: boolean | undefined, effects: Effect[]): boolean {
  let plain = before ?? false;
  for (const e of effects) if (e.type === "updateMember" && e.plainSms !== undefined) plain = e.plainSms;
  return plain;
}
