// The conversation engine: a table of states, each with the transition that reads an answer in it,
// and one pure `step` that applies a message to a snapshot. Command words leave any question.
import { personAt } from "./channels.ts";
import { buildCtx, type Ctx, idle, type Outcome, QUESTION_TTL_MS, reply } from "./context.ts";
import type { Effect, EngineEvent, Facts, Snapshot, StateName, StepResult } from "./engine-types.ts";
import type { Intent } from "./keywords.ts";
import { showBalance, showHistory } from "./transitions/account.ts";
import { cancelBooking, isRedeem, redeem } from "./transitions/booking.ts";
import { chooseChannel, mediaOnly } from "./transitions/channel.ts";
import { answerCheckInPartner, checkIn, checkOut, isCheckIn } from "./transitions/checkin.ts";
import { answerClarify, askClarify } from "./transitions/clarify.ts";
import { answerPick, answerRequests, isPartnerAnswer } from "./transitions/confirm.ts";
import { answerGift, startGift } from "./transitions/give.ts";
import { answerJoin, startJoin } from "./transitions/join.ts";
import { answerLanguage, changeLanguage } from "./transitions/language.ts";
import { askForPhone, linkPhone } from "./transitions/link.ts";
import { answerLog, startLog } from "./transitions/log.ts";
import { MENU_ITEMS, showHelp, showMenu } from "./transitions/menu.ts";
import { createEvent, isNewEvent } from "./transitions/new-event.ts";
import { isLogForOthers, logForOthers } from "./transitions/partner-log.ts";
import { setPlain } from "./transitions/plain.ts";
import { pollVote, proposePoll, startIdea } from "./transitions/polls.ts";
import {
  answerPostConfirm,
  answerPostMessage,
  answerThanks,
  closePost,
  isPostMessage,
  renewPost,
  showBoard,
  startPost,
} from "./transitions/posts.ts";
import { answerDelete, askDelete, isPrivacyRequest, showMyData } from "./transitions/privacy.ts";
import {
  answerConfirm,
  answerPlaces,
  answerSuggestions,
  bookOrSpend,
  showSuggestions,
} from "./transitions/spend.ts";
import { optIn, optOut, whileStopped } from "./transitions/stop.ts";
import { setTips } from "./transitions/tips.ts";
import { answerFor, answerInvite, isInviteAnswer } from "./transitions/together.ts";
import { listSlots } from "./transitions/volunteer.ts";
import { answerVolunteered, askVolunteered } from "./transitions/volunteered.ts";

type Transition = (ctx: Ctx) => Outcome;

/**
 * A message with no question open and no command: a number picks from the menu, a nearly understood
 * one asks "Did you mean …?", a greeting gets the menu, and anything else the menu with "Sorry".
 */
const whenIdle: Transition = (ctx) => {
  if (ctx.choice !== null) return menuPick(ctx, ctx.choice);
  const guesses = ctx.understood.guesses.filter((g) => intents[g.intent]);
  if (guesses.length) return askClarify(guesses);
  const unknown = ctx.text.trim() && ctx.snapshot.exists && ctx.understood.label !== "greeting";
  return showMenu(ctx, unknown ? "menu.unknown" : "menu.title");
};

/** What an answer means in each state (for a member; newcomers go through the join states). */
const states: Record<StateName, Transition> = {
  idle: whenIdle,
  "join.language": answerJoin,
  "join.name": answerJoin,
  "join.consent": answerJoin,
  stopped: whileStopped,
  "lang.pick": answerLanguage,
  "log.partner": answerLog,
  "log.hours": answerLog,
  "log.activity": answerLog,
  "log.day": answerLog,
  "partner.pick": answerPick,
  "checkin.partner": answerCheckInPartner,
  "spend.pick": answerSuggestions,
  "spend.places": answerPlaces,
  "spend.confirm": answerConfirm,
  "spend.for": answerFor,
  "give.confirm": answerGift,
  "post.thanks": answerThanks,
  "post.confirm": answerPostConfirm,
  "privacy.confirm": answerDelete,
  "profile.volunteered": (ctx) => answerVolunteered(ctx, whenIdle),
  clarify: (ctx) => answerClarify(ctx, (command) => intents[command.intent], whenIdle),
};

/** What each command word does for a member, whatever question was open. */
export const intents: Partial<Record<Intent, Transition>> = {
  balance: showBalance,
  history: showHistory,
  log: startLog,
  help: showHelp,
  menu: (ctx) => showMenu(ctx, "menu.title"),
  lang: changeLanguage,
  stop: optOut,
  start: optIn,
  checkin: checkIn,
  checkout: checkOut,
  link: askForPhone,
  events: (ctx) => (ctx.command?.rest.trim() ? bookOrSpend(ctx) : showSuggestions(ctx)),
  book: (ctx) => (ctx.snapshot.state === "spend.pick" ? answerSuggestions(ctx) : bookOrSpend(ctx)),
  more: (ctx) =>
    ctx.snapshot.state === "spend.pick" ? answerSuggestions(ctx) : states[ctx.snapshot.state](ctx),
  cancel: (ctx) => (/\d{4}/.test(ctx.command?.rest ?? "") ? cancelBooking(ctx) : showMenu(ctx, "menu.title")),
  give: startGift,
  redeem: () => idle(reply("partner.notContact")),
  tips: setTips,
  volunteer: listSlots,
  newevent: (ctx) => showSuggestions(ctx),
  yes: notYours,
  no: notYours,
  mydata: showMyData,
  deleteme: askDelete,
  plain: setPlain,
  plainoff: setPlain,
  channel: chooseChannel,
  offer: startPost("offer"),
  ask: startPost("ask"),
  close: closePost,
  renew: renewPost,
  board: showBoard,
  idea: startIdea,
  poll: proposePoll,
};

function partnerHelp(ctx: Ctx): Outcome {
  const names = ctx.facts.partners
    .filter((p) => ctx.facts.asContact.some((c) => c.partnerId === p.id))
    .map((p) => p.name);
  return idle(reply("partner.help", { name: names.join(", ") }));
}

/** YES 482 from someone who is not the partner's contact: say so, and reveal nothing of the request. */
function notYours(ctx: Ctx): Outcome {
  if (ctx.snapshot.state !== "idle") return states[ctx.snapshot.state](ctx);
  return /\d/.test(ctx.command?.rest ?? "")
    ? { state: "idle", data: {}, effects: [reply("partner.notContact")] }
    : showMenu(ctx, "menu.unknown");
}

/** Words that are commands only in some shapes: "in the kitchen" answers a question, "IN staithe" checks in. */
function withoutFalseCommands(ctx: Ctx): Ctx {
  const c = ctx.command;
  const falseCommand =
    (c?.intent === "checkin" && !isCheckIn(ctx)) || (c?.intent === "checkout" && c.rest.trim() !== "");
  return falseCommand ? { ...ctx, command: null } : ctx;
}

/**
 * Applies one event to a conversation. Pure: the same snapshot, event, facts and time give the
 * same result.
 * @example step(snapshot, { type: "message", text: "BALANCE" }, facts, now).effects
 */
export function step(snapshot: Snapshot, event: EngineEvent, facts: Facts, now: Date): StepResult {
  const expired = snapshot.expiresAt !== null && Date.parse(snapshot.expiresAt) <= now.getTime();
  const current: Snapshot = expired ? { ...snapshot, state: "idle", data: keepLocale(snapshot) } : snapshot;
  const ctx = buildCtx(current, facts, event.type === "message" ? event.text : "", now);
  const outcome =
    event.type === "contact"
      ? linkPhone(ctx, event.phone, event.own)
      : event.type === "media"
        ? mediaOnly(ctx)
        : // An unanswered "volunteered before?" just lapses: no "that question timed out" for it.
          decide(ctx, expired && snapshot.state !== "idle" && snapshot.state !== "profile.volunteered");
  const locale = outcome.locale ?? ctx.locale;
  const asking = outcome.state !== "idle" && outcome.state !== "stopped";
  const data = outcome.data ?? current.data;
  return {
    effects: mergeReplies(outcome.effects),
    snapshot: {
      state: outcome.state,
      data: facts.member ? data : { ...data, locale: data.locale ?? locale },
      expiresAt: asking ? new Date(now.getTime() + QUESTION_TTL_MS).toISOString() : null,
      version: snapshot.version,
      exists: snapshot.exists,
    },
    locale,
  };
}

/** All replies to one message go out as one message: fewer SMS, and no out-of-order parts. */
function mergeReplies(effects: Effect[]): Effect[] {
  // Parts are flattened: a reply that has parts of its own keeps them, in order, after its header.
  const parts = effects.flatMap((e) =>
    e.type === "reply" ? [{ ...e.reply, also: undefined }, ...(e.reply.also ?? [])] : [],
  );
  const others = effects.filter((e) => e.type !== "reply");
  const [first, ...rest] = parts;
  if (!first) return others;
  return [...others, { type: "reply", reply: rest.length ? { ...first, also: rest } : first }];
}

/** A number typed with no question open picks from the menu. */
function menuPick(ctx: Ctx, n: number): Outcome {
  const intent = MENU_ITEMS[n - 1];
  const run = intent ? intents[intent] : undefined;
  return run ? run({ ...ctx, command: null }) : showMenu(ctx, "menu.unknown");
}

function keepLocale(snapshot: Snapshot) {
  return snapshot.data.locale ? { locale: snapshot.data.locale } : {};
}

function decide(raw: Ctx, expired: boolean): Outcome {
  const ctx = withoutFalseCommands(raw);
  const member = ctx.facts.member;
  // "P482", "TAK P482": a post's code is the board's, never a partner's request (plain digits).
  if (member && !member.optedOut && isPostMessage(ctx)) return answerPostMessage(ctx);
  // "TAK G482": an invitation to come along to an event, likewise never a partner's request.
  if (member && !member.optedOut && isInviteAnswer(ctx)) return answerInvite(ctx);
  // A partner's contact answering requests or logging for volunteers, whether or not they are a member.
  if (!member?.optedOut) {
    if (isRedeem(ctx)) return redeem(ctx);
    if (isNewEvent(ctx)) return createEvent(ctx);
    if (isPartnerAnswer(ctx)) return answerRequests(ctx);
    if (ctx.snapshot.state === "partner.pick" && !ctx.command) return answerPick(ctx);
    if (isLogForOthers(ctx)) return logForOthers(ctx);
    if (ctx.command?.intent === "poll" && ctx.facts.asContact.length) return proposePoll(ctx);
  }
  if (!member) {
    // What is held about a number is answered to anyone who asks, even after STOP.
    if (ctx.command?.intent === "mydata") return showMyData(ctx);
    if (ctx.command?.intent === "deleteme") return askDelete(ctx);
    if (ctx.snapshot.state === "stopped") return whileStopped(ctx);
    if (ctx.command?.intent === "stop") return optOut(ctx);
    // A partner's contact who is not a volunteer gets the partner's own short help, not a sign-up.
    if (
      ctx.facts.asContact.length &&
      !ctx.snapshot.state.startsWith("join.") &&
      ctx.command?.intent !== "start"
    ) {
      return partnerHelp(ctx);
    }
    const joined = ctx.snapshot.state.startsWith("join.") ? answerJoin(ctx) : startJoin(ctx);
    // Once joined (and their first command carried out), a newcomer is asked once whether they volunteered before.
    return askVolunteered(joined.replay ? replayAfterJoining(ctx, joined, joined.replay) : joined);
  }
  // STOP silences everything but START and a member's requests about their own data.
  if (member.optedOut && !isPrivacyRequest(ctx)) return whileStopped(ctx);
  // "2" or "kino" with a poll open and no question asked: the answer, not a menu choice.
  const voted = pollVote(ctx);
  if (voted) return voted;
  const command = ctx.command;
  const byCommand = command ? intents[command.intent] : undefined;
  // The old question timed out: say so rather than read the answer as something else.
  if (expired && !byCommand) return showMenu(ctx, "menu.expired");
  const outcome = byCommand ? byCommand(ctx) : states[ctx.snapshot.state](ctx);
  return greetFirstContact(ctx, outcome);
}

/** A newcomer's first command (`GODZINY 2 staithe`) is carried out once they have agreed to join. */
function replayAfterJoining(ctx: Ctx, joined: Outcome, text: string): Outcome {
  const created = joined.effects.find((e) => e.type === "createMember");
  if (created?.type !== "createMember") return joined;
  const member = {
    id: 0,
    ...personAt(ctx.facts.channel, ctx.facts.address),
    name: created.name,
    locale: created.locale,
    optedOut: false,
    consentAt: ctx.now.toISOString(),
  };
  const snapshot: Snapshot = { state: "idle", data: {}, expiresAt: null, version: 0, exists: true };
  const again = decide(buildCtx(snapshot, { ...ctx.facts, member }, text, ctx.now), false);
  return { ...again, effects: [...joined.effects, ...again.effects], locale: again.locale ?? created.locale };
}

/** Members registered by the coordinator are greeted by name the first time they write. */
function greetFirstContact(ctx: Ctx, outcome: Outcome): Outcome {
  const member = ctx.facts.member;
  if (ctx.snapshot.exists || !member || outcome.state === "stopped") return outcome;
  return {
    ...outcome,
    effects: [reply("greet.known", { name: member.name, scheme: ctx.facts.scheme.name }), ...outcome.effects],
  };
}
