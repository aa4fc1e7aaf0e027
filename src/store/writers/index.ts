// The registry: one writer per effect type, so an effect the engine gains cannot be dropped silently
// (a missing entry does not compile). Writers live with their kind: members, earnings, spending,
// messages, privacy.
import type { Effect } from "../../core/engine-types.ts";
import type { InStatement } from "../db.ts";
import { checkIn, checkOut, claimWaiting, postEarning, settleEarning } from "./earnings.ts";
import { answerInvite, inviteToEvent } from "./invites.ts";
import {
  chooseChannel,
  createMember,
  inviteMember,
  linkPhone,
  markTipsAsked,
  setNudges,
  setVolunteeredBefore,
  updateMember,
} from "./members.ts";
import { notify, sendFile } from "./messages.ts";
import { createIdea, proposePoll, vote } from "./polls.ts";
import {
  answerClaim,
  answerLink,
  claimHelp,
  closePost,
  createPost,
  linkPost,
  remindPost,
  renewPost,
  settlePost,
} from "./posts.ts";
import { forgetConversation, forgetMember } from "./privacy.ts";
import { cancelBooking, createEvent, gift, hold, payHelp, redeemBooking, settleBooking } from "./spending.ts";
import {
  type CommonContext,
  type EffectOf,
  NOTHING,
  type Place,
  type WriteContext,
  type Writer,
  type Writers,
} from "./types.ts";

export const WRITERS: Writers = {
  reply: NOTHING,
  createMember,
  updateMember,
  chooseChannel,
  setVolunteeredBefore,
  postEarning,
  settleEarning,
  notify,
  inviteMember,
  claimWaiting,
  checkIn,
  checkOut,
  linkPhone,
  hold,
  cancelBooking,
  redeemBooking,
  settleBooking,
  gift,
  payHelp,
  setNudges,
  markTipsAsked,
  createEvent,
  forgetConversation,
  sendFile,
  forgetMember,
  createPost,
  linkPost,
  answerLink,
  closePost,
  renewPost,
  settlePost,
  remindPost,
  vote,
  createIdea,
  proposePoll,
  inviteToEvent,
  answerInvite,
  claimHelp,
  answerClaim,
};

/** The effects the dashboard and the jobs produce: written without a sender or an inbound message. */
const COMMON = {
  reply: NOTHING,
  settleEarning,
  settleBooking,
  settlePost,
  remindPost,
  notify,
  markTipsAsked,
} satisfies {
  [T in CommonEffect["type"]]: { write: (e: EffectOf<T>, c: CommonContext) => InStatement[] };
};
export type CommonEffect = Extract<
  Effect,
  {
    type:
      | "reply"
      | "settleEarning"
      | "settleBooking"
      | "settlePost"
      | "remindPost"
      | "notify"
      | "markTipsAsked";
  }
>;

/** The statements of effects decided outside a conversation (the dashboard, the jobs), in order. */
export function writeCommon(effects: CommonEffect[], c: CommonContext): InStatement[] {
  return effects.flatMap((e) =>
    (COMMON[e.type].write as (e: CommonEffect, c: CommonContext) => InStatement[])(e, c),
  );
}

function writerOf<E extends Effect>(e: E): Writer<E["type"]> {
  return WRITERS[e.type] as unknown as Writer<E["type"]>;
}

/** The statements of the effects that go at `place`, in the engine's order. */
export function writeEffects(effects: Effect[], place: Place, c: WriteContext): InStatement[] {
  const out: InStatement[] = [];
  for (const e of effects) {
    const writer = writerOf(e);
    if (writer.place === place) out.push(...writer.write(e as never, c));
  }
  return out;
}

export type { CommonContext, ConversationWrite, WriteContext } from "./types.ts";
