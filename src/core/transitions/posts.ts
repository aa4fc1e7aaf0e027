// The members' board by text: OFFER <what I can do> and ASK <what I need> post a notice with a code
// (after the coordinator's approval unless the scheme says not) and show what fits it; a message
// naming another's code replies to it, and the poster is asked (YES P482 / NO P482) before either
// number is shared — then both get each other's first name and number. CLOSE and RENEW are the
// poster's; BOARD lists what is up.
import { ask, type Ctx, idle, type Outcome, reply } from "../context.ts";
import type { ConversationData, Effect, HelpClaim, Post, PostLink, Reach } from "../engine-types.ts";
import { hoursCount, hoursText } from "../format.ts";
import { takeHours } from "../hours.ts";
import { parseCommand } from "../parse.ts";
import {
  firstName,
  MAX_LIVE_POSTS,
  matchesFor,
  POST_BODY_CHARS,
  pickPostCode,
  postCodeCandidates,
  postCodesIn,
  postLine,
  shortBody,
  tagsOf,
} from "../posts.ts";
import { notify } from "../requests.ts";
import { fold } from "../text.ts";

const DAY = 86_400_000;

const isLive = (p: Post) => p.status === "waiting" || p.status === "open";

function myLivePosts(ctx: Ctx): Post[] {
  const me = ctx.facts.member;
  return ctx.facts.posts.filter((p) => p.memberId === me?.id && isLive(p));
}

/** OFFER … / ASK …: the post, its code, and the other kind's posts that fit it. */
export function startPost(kind: Post["kind"]) {
  return (ctx: Ctx): Outcome => {
    const me = ctx.facts.member;
    const body = (ctx.command?.rest ?? "").replace(/\s+/g, " ").trim().slice(0, POST_BODY_CHARS).trim();
    if (!me || body.length < 3) return idle(reply(kind === "offer" ? "post.whatOffer" : "post.whatAsk"));
    // Read from a sentence, not said with OFFER or ASK: asked once before anything goes on the board.
    if (parseCommand(ctx.text)?.intent !== kind)
      return ask(
        "post.confirm",
        { postDraft: { kind, body } },
        reply(kind === "offer" ? "post.confirmOffer" : "post.confirmAsk", { body: shortBody(body, 60) }),
      );
    return post(ctx, kind, body);
  };
}

/** The answer to "Put this on the board?": YES posts it, NO or anything else but YES drops it. */
export function answerPostConfirm(ctx: Ctx): Outcome {
  const draft = ctx.snapshot.data.postDraft;
  if (!draft || ctx.command?.intent !== "yes") return idle(reply("post.notPosted"));
  return post(ctx, draft.kind, draft.body);
}

function post(ctx: Ctx, kind: Post["kind"], body: string): Outcome {
  const me = ctx.facts.member;
  if (!me) return idle(reply(kind === "offer" ? "post.whatOffer" : "post.whatAsk"));
  // A reply swaps phone numbers: a Telegram-only member shares theirs first.
  if (!me.phone) return idle(reply("post.needPhone"));
  const mine = myLivePosts(ctx);
  if (mine.length >= MAX_LIVE_POSTS) return idle(reply("post.tooMany", { count: mine.length }));
  // All candidates taken is all but impossible; the unique index then refuses and the message is
  // read again with a new seed.
  const code =
    pickPostCode(ctx.facts.takenPostCodes, ctx.facts.seed) ?? postCodeCandidates(ctx.facts.seed)[0] ?? "P100";
  const { postsNeedApproval, postDays } = ctx.facts.scheme.settings;
  const tags = tagsOf(body);
  const effects: Effect[] = [
    {
      type: "createPost",
      code,
      kind,
      body,
      tags,
      status: postsNeedApproval ? "waiting" : "open",
      expiresAt: new Date(ctx.now.getTime() + postDays * DAY).toISOString(),
    },
  ];
  const posted = postsNeedApproval
    ? reply(kind === "offer" ? "post.waitingOffer" : "post.waitingAsk", { code })
    : reply(kind === "offer" ? "post.openOffer" : "post.openAsk", { code, count: postDays });
  const fits = matchesFor({ kind, body, tags, memberId: me.id }, ctx.facts.posts);
  if (!fits.length) return idle(...effects, posted);
  return idle(
    ...effects,
    posted,
    reply(kind === "ask" ? "post.matchesForAsk" : "post.matchesForOffer", {}, { lines: fits.map(postLine) }),
    reply("post.replyHow", { code: fits[0]?.code ?? "" }),
  );
}

/** BOARD: the newest posts that are up, others' first; the sender's own live ones say so by their code. */
export function showBoard(ctx: Ctx): Outcome {
  const up = ctx.facts.posts.filter((p) => p.status === "open");
  if (!up.length) return idle(reply("post.boardEmpty"));
  const me = ctx.facts.member?.id;
  const others = up.filter((p) => p.memberId !== me);
  const lines = [...others, ...up.filter((p) => p.memberId === me)].slice(0, 6).map(postLine);
  const example = others[0]?.code;
  return idle(
    reply("post.board", {}, { lines }),
    ...(example ? [reply("post.replyHow", { code: example })] : []),
  );
}

/** Words that thank, and so pay, for help: "THANKS P482 2", "dziękuję za P482, 2 godziny", "paldies P482 1,5". */
const THANKS =
  /^(thanks?|thank you|thx|pay|dziekuje|dzieki|dziekujemy|zaplac|place|paldies|samaksat|maksaju)$/;

function thanksIn(ctx: Ctx): boolean {
  const words = fold(ctx.text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.some((w, i) => THANKS.test(w) || THANKS.test(`${w} ${words[i + 1] ?? ""}`));
}

/** Words a helper says help was given: "DONE P482 2", "zrobione P482 2h", "padarīts P482 1,5". */
const DONE = /^(done|helped|zrobione|gotowe|pomoglem|pomoglam|padarits|izdarits|palidzeju)$/;

function doneIn(ctx: Ctx): boolean {
  return fold(ctx.text)
    .split(/[^a-z0-9]+/)
    .some((w) => DONE.test(w));
}

/**
 * Whether the message is about a post by its code: "P482", "P482 mogę pomóc", "TAK P482", "CLOSE P482"
 * is not (CLOSE is its own command), "dziękuję za P482, 2 godziny" is.
 */
export function isPostMessage(ctx: Ctx): boolean {
  const intent = ctx.command?.intent;
  const [first] = postCodesIn(ctx.text);
  if (!first) return false;
  if (thanksIn(ctx) || doneIn(ctx)) return true;
  if (intent === "yes" || intent === "no") return postCodesIn(ctx.command?.rest ?? "").length > 0;
  // A message that starts with a code replies to that post.
  return /^\s*p[\s-]?\d{3}(?!\d)/i.test(ctx.text);
}

export function answerPostMessage(ctx: Ctx): Outcome {
  const [code = ""] = postCodesIn(ctx.text);
  const intent = ctx.command?.intent;
  const post = ctx.facts.posts.find((p) => p.code === code && isLive(p));
  const me = ctx.facts.member;
  if (!me) return idle(reply("post.unknown", { code }));
  if (thanksIn(ctx)) return startThanks(ctx, code);
  if (doneIn(ctx)) return startDone(ctx, code);
  // A helper's DONE waiting for this member's answer comes before a reply to their post.
  const claim = ctx.facts.helpClaims.find((c) => c.postId === post?.id);
  if ((intent === "yes" || intent === "no") && post && claim)
    return answerClaim(ctx, post, claim, intent === "yes");
  if ((intent === "yes" || intent === "no") && post?.memberId === me.id)
    return answerReply(ctx, post, intent === "yes");
  if (!post) return idle(reply("post.unknown", { code }));
  if (post.memberId === me.id) return idle(reply("post.yours", { code }));
  if (post.status !== "open") return idle(reply("post.notOpen", { code }));
  return replyToPost(ctx, post);
}

/** A member replies to someone's post: the poster is asked; no number is shared yet. */
function replyToPost(ctx: Ctx, post: Post): Outcome {
  const me = ctx.facts.member;
  if (!me) return idle(reply("post.unknown", { code: post.code }));
  if (!me.phone) return idle(reply("post.needPhone"));
  if (ctx.facts.postLinks.some((l) => l.postId === post.id && l.memberId === me.id))
    return idle(reply("post.already", { code: post.code }));
  const l = post.poster.locale;
  const ask = post.poster.optedOut
    ? []
    : notify(post.poster, l, {
        key: "post.asked",
        params: { name: firstName(me.name), code: post.code, body: shortBody(post.body, 40) },
      });
  // A poster who cannot be reached cannot agree: the post is as good as closed.
  if (!ask.length) return idle(reply("post.unknown", { code: post.code }));
  return idle(
    { type: "linkPost", postId: post.id },
    ...ask,
    reply("post.askSent", { name: post.firstName, code: post.code }),
  );
}

/** The poster's YES or NO to the oldest reply waiting on their post. */
function answerReply(ctx: Ctx, post: Post, yes: boolean): Outcome {
  const me = ctx.facts.member;
  const waiting = ctx.facts.postLinks
    .filter((l) => l.postId === post.id && l.status === "asked")
    .sort((a, b) => a.id - b.id)[0];
  if (!me || !waiting) return idle(reply("post.nothingToAnswer", { code: post.code }));
  const effects: Effect[] = [{ type: "answerLink", linkId: waiting.id, status: yes ? "shared" : "declined" }];
  if (!yes) {
    effects.push(
      ...tell(waiting, { key: "post.declined", params: { name: firstName(me.name), code: post.code } }),
    );
    return idle(...effects, reply("post.declinedDone"));
  }
  // Both get the other's first name and number in one message each.
  effects.push(
    ...tell(waiting, {
      key: "post.shared",
      params: { name: firstName(me.name), phone: me.phone ?? "", code: post.code },
    }),
  );
  return idle(
    ...effects,
    reply("post.shared", { name: waiting.firstName, phone: waiting.member.phone ?? "", code: post.code }),
  );
}

function tell(link: PostLink, r: { key: "post.declined" | "post.shared"; params: Record<string, string> }) {
  return link.member.optedOut ? [] : notify(link.member, link.member.locale, r);
}

/** CLOSE P482 (or CLOSE alone with one post up): the poster takes it down. */
export function closePost(ctx: Ctx): Outcome {
  const post = ownPost(ctx);
  if ("outcome" in post) return post.outcome;
  return idle({ type: "closePost", postId: post.id }, reply("post.closed", { code: post.code }));
}

/** RENEW P482: up for the scheme's number of days again, from today. */
export function renewPost(ctx: Ctx): Outcome {
  const post = ownPost(ctx);
  if ("outcome" in post) return post.outcome;
  const days = ctx.facts.scheme.settings.postDays;
  const expiresAt = new Date(ctx.now.getTime() + days * DAY).toISOString();
  return idle(
    { type: "renewPost", postId: post.id, expiresAt },
    reply("post.renewed", { code: post.code, count: days }),
  );
}

/** The sender's live post the command names, or the one they have; else what to say. */
function ownPost(ctx: Ctx): Post | { outcome: Outcome } {
  const mine = myLivePosts(ctx);
  const [code] = postCodesIn(ctx.command?.rest ?? "");
  if (code) {
    const post = mine.find((p) => p.code === code);
    return post ?? { outcome: idle(reply("post.notYours", { code })) };
  }
  if (mine.length === 1 && mine[0]) return mine[0];
  if (!mine.length) return { outcome: idle(reply("post.none")) };
  return { outcome: idle(reply("post.whichPost", { codes: mine.map((p) => p.code).join(", ") })) };
}

/**
 * THANKS P482 2: the member who was helped pays the helper, after one YES. Through an offer the
 * poster helped; through the member's own ask, whoever swapped numbers with them (named when several).
 * A post that has ended still takes thanks for help given through it.
 */
function startThanks(ctx: Ctx, code: string): Outcome {
  const me = ctx.facts.member;
  const post = ctx.facts.posts.find(
    (p) => p.code === code && p.status !== "refused" && p.status !== "waiting",
  );
  if (!me || !post) return idle(reply("post.unknown", { code }));
  const mine = post.memberId === me.id;
  // The helper: an offer's poster (I replied to it), or one who replied to my ask.
  if ((mine && post.kind === "offer") || (!mine && post.kind === "ask"))
    return idle(reply("post.thanksNotHelped", { code }));
  const helpers = partnersOn(ctx, post);
  if (!helpers.length) return idle(reply("post.thanksNoSwap", { code }));
  const words = wordsBesideCode(ctx.text);
  const to = oneOf(helpers, words);
  if (!to) return idle(reply("post.thanksWho", { code, names: helpers.map((h) => h.name).join(", ") }));
  const minutes = amountIn(words);
  if (minutes === null) return idle(reply("post.thanksHow", { code }));
  if (to.id === me.id) return idle(reply("give.notYourself"));
  const refused = paymentRefusal(ctx, post.id, code, minutes);
  if (refused) return refused;
  const thanks = { postId: post.id, code, minutes, to };
  return ask(
    "post.thanks",
    { thanks },
    reply("post.thanksConfirm", { ...credits(minutes, ctx), name: to.name, code }),
  );
}

/**
 * Why the sender cannot pay `minutes` for help through a post, or null: quarters of an hour, within
 * the balance, a gift's weekly cap, and the post's own weekly cap (so one post cannot move credits
 * without end). THANKS and the YES to a helper's DONE both ask it.
 */
function paymentRefusal(ctx: Ctx, postId: number, code: string, minutes: number): Outcome | null {
  if (minutes <= 0 || minutes % 15 !== 0) return idle(reply("give.badAmount"));
  const available = ctx.facts.balance.available;
  if (minutes > available) return idle(reply("give.notEnough", credits(available, ctx)));
  const { giftWeeklyCredits, postWeeklyCredits } = ctx.facts.scheme.settings;
  const giftLimit = giftWeeklyCredits * 60;
  if (ctx.facts.giftedThisWeek + minutes > giftLimit) {
    const left = Math.max(0, giftLimit - ctx.facts.giftedThisWeek);
    return idle(reply("give.weekly", { ...credits(left, ctx), limit: giftWeeklyCredits }));
  }
  const postLimit = postWeeklyCredits * 60;
  const paid = ctx.facts.postPaidThisWeek[postId] ?? 0;
  if (paid + minutes > postLimit) {
    const left = Math.max(0, postLimit - paid);
    return idle(reply("post.thanksWeekly", { ...credits(left, ctx), limit: postWeeklyCredits, code }));
  }
  return null;
}

/** The members on the other side of a post from the sender who swapped numbers through it. */
function partnersOn(ctx: Ctx, post: Post): Array<{ id: number; name: string; reach: Reach }> {
  const me = ctx.facts.member;
  const shared = ctx.facts.postLinks.filter((l) => l.postId === post.id && l.status === "shared");
  if (post.memberId === me?.id)
    return shared.map((l) => ({ id: l.memberId, name: l.firstName, reach: l.member }));
  return shared.some((l) => l.memberId === me?.id)
    ? [{ id: post.memberId, name: post.firstName, reach: post.poster }]
    : [];
}

/** The message's words without the post's code, edge punctuation off each: "1,5" stays one amount. */
function wordsBesideCode(text: string): string[] {
  return text
    .replace(/(?<![\p{L}\d])p[\s-]?\d{3}(?!\d)/giu, " ")
    .split(/\s+/)
    .map((w) => w.replace(/^[,.;:!?…]+|[,.;:!?…]+$/g, ""))
    .filter(Boolean);
}

/** The one of `people` the words name, or the only one. */
function oneOf<T extends { name: string }>(people: T[], words: string[]): T | undefined {
  const named = people.filter((h) => words.some((w) => fold(w) === fold(h.name)));
  return people.length === 1 ? people[0] : named.length === 1 ? named[0] : undefined;
}

/**
 * DONE P482 2: the helper asks the member they helped to confirm; the YES pays as THANKS does.
 * Through the helper's own offer, whoever swapped numbers with them; through someone's ask, its poster.
 */
function startDone(ctx: Ctx, code: string): Outcome {
  const me = ctx.facts.member;
  const post = ctx.facts.posts.find(
    (p) => p.code === code && p.status !== "refused" && p.status !== "waiting",
  );
  if (!me || !post) return idle(reply("post.unknown", { code }));
  const mine = post.memberId === me.id;
  if ((mine && post.kind === "ask") || (!mine && post.kind === "offer"))
    return idle(reply("post.doneNotHelper", { code }));
  const helped = partnersOn(ctx, post);
  if (!helped.length) return idle(reply("post.thanksNoSwap", { code }));
  const words = wordsBesideCode(ctx.text);
  const to = oneOf(helped, words);
  if (!to) return idle(reply("post.doneWho", { code, names: helped.map((h) => h.name).join(", ") }));
  const minutes = amountIn(words);
  if (minutes === null) return idle(reply("post.doneHow", { code }));
  if (minutes <= 0 || minutes % 15 !== 0) return idle(reply("give.badAmount"));
  const l = to.reach.locale;
  const ask = to.reach.optedOut
    ? []
    : notify(to.reach, l, {
        key: "post.claimed",
        params: {
          name: firstName(me.name),
          code,
          count: hoursCount(minutes),
          credits: hoursText(minutes, l),
        },
      });
  if (!ask.length) return idle(reply("post.unknown", { code }));
  return idle(
    { type: "claimHelp", postId: post.id, helpedId: to.id, minutes },
    ...ask,
    reply("post.claimSent", { name: to.name }),
  );
}

/** The helped member's YES P482 (pay the helper's claim) or NO P482. */
function answerClaim(ctx: Ctx, post: Post, claim: HelpClaim, yes: boolean): Outcome {
  const me = ctx.facts.member;
  if (!me) return idle(reply("post.unknown", { code: post.code }));
  const helper = claim.helper;
  if (!yes) {
    const told = helper.reach.optedOut
      ? []
      : notify(helper.reach, helper.reach.locale, {
          key: "post.claimDeclined",
          params: { name: firstName(me.name), code: post.code },
        });
    return idle(
      { type: "answerClaim", claimId: claim.id, status: "declined" },
      ...told,
      reply("post.claimNoted"),
    );
  }
  const refused = paymentRefusal(ctx, post.id, post.code, claim.minutes);
  if (refused) return refused;
  return paid(ctx, { postId: post.id, code: post.code, minutes: claim.minutes, to: helper }, [
    { type: "answerClaim", claimId: claim.id, status: "paid" },
  ]);
}

/** The one YES (or NO) to paying for help. */
export function answerThanks(ctx: Ctx): Outcome {
  const thanks = ctx.snapshot.data.thanks;
  const me = ctx.facts.member;
  if (!thanks || !me || ctx.command?.intent === "no") return idle(reply("post.thanksCancelled"));
  if (ctx.command?.intent !== "yes") return ask("post.thanks", ctx.snapshot.data, reply("give.yesOrNo"));
  const available = ctx.facts.balance.available;
  if (thanks.minutes > available) return idle(reply("give.notEnough", credits(available, ctx)));
  return paid(ctx, thanks, []);
}

/** Help paid: the credits move, the helper is told in their language, the payer hears their balance. */
function paid(ctx: Ctx, thanks: NonNullable<ConversationData["thanks"]>, before: Effect[]): Outcome {
  const me = ctx.facts.member;
  const available = ctx.facts.balance.available;
  const effects: Effect[] = [
    ...before,
    { type: "payHelp", minutes: thanks.minutes, to: { id: thanks.to.id }, postId: thanks.postId },
  ];
  // The helper's reach came with the question or the claim: the board need not be read again.
  const helper = thanks.to.reach;
  if (!helper.optedOut) {
    const l = helper.locale;
    effects.push(
      ...notify(helper, l, {
        key: "post.paid",
        params: {
          name: firstName(me?.name ?? ""),
          code: thanks.code,
          count: hoursCount(thanks.minutes),
          credits: hoursText(thanks.minutes, l),
        },
      }),
    );
  }
  const left = hoursText(available - thanks.minutes, ctx.locale);
  return idle(
    ...effects,
    reply("post.paidDone", { ...credits(thanks.minutes, ctx), name: thanks.to.name, left }),
  );
}

function credits(minutes: number, ctx: Ctx) {
  return { count: hoursCount(minutes), credits: hoursText(minutes, ctx.locale) };
}

/** The first amount of time among the words ("2", "1,5", "1h30", "2 godziny"). */
function amountIn(words: string[]): number | null {
  for (let i = 0; i < words.length; i++) {
    const taken = takeHours(words.slice(i));
    if (taken) return taken.minutes;
  }
  return null;
}
