// A partner's contact answers requests: YES 482, NO 482 reason, YES 482 483, YES ALL, or a bare YES
// (which asks "which one?" when several are open). Only the partner's own contacts can decide; no
// one decides their own hours; a request settled already says by whom.
import { ask, type Ctx, idle, type Outcome, reply, YES_NO_STATES } from "../context.ts";
import type { Effect, PartnerRequest } from "../engine-types.ts";
import { hoursText } from "../format.ts";
import { type Decision, partnerOrId, type Running, settleRequest } from "../notices/earning.ts";
import { ALL, requestReply } from "../requests.ts";
import { isSender } from "../same-person.ts";
import { fold } from "../text.ts";
import type { MessageKey, Partner, ReplyLine } from "../types.ts";
import { redeem } from "./booking.ts";

/** True when a YES/NO from this sender is an answer to partner requests rather than to their own question. */
export function isPartnerAnswer(ctx: Ctx): boolean {
  const intent = ctx.command?.intent;
  if ((intent !== "yes" && intent !== "no") || !ctx.facts.asContact.length) return false;
  // These questions are the member's own: their YES/NO answers them, not a partner request.
  if (YES_NO_STATES.includes(ctx.snapshot.state)) return false;
  // "Did you mean …?" is answered by a bare YES; a YES with codes is still for the requests.
  return ctx.snapshot.state !== "clarify" || /\d/.test(ctx.command?.rest ?? "");
}

export function answerRequests(ctx: Ctx): Outcome {
  const command = ctx.command;
  const status = command?.intent === "yes" ? "confirmed" : "rejected";
  const words = (command?.rest ?? "").trim().split(/\s+/).filter(Boolean);
  const codes = words.filter((w) => /^\d{3,5}$/.test(w));
  const all = words.some((w) => ALL.has(fold(w)));
  const reasonWords = words.filter((w) => !/^\d{3,5}$/.test(w) && !ALL.has(fold(w)));
  const decision: Decision = {
    status,
    reason: status === "rejected" && reasonWords.length ? reasonWords.join(" ").slice(0, 200) : null,
  };
  const open = openFor(ctx);
  if (all) return settle(ctx, open, decision, skippedOwn(ctx));
  // A member showing a booking code at the door: YES 4821 redeems it like REDEEM 4821.
  const bookings = codes.filter((c) => ctx.facts.partnerBookings.some((b) => b.code === c));
  if (status === "confirmed" && codes.length && bookings.length === codes.length) return redeem(ctx, codes);
  if (codes.length) return byCodes(ctx, codes, decision);
  if (open.length <= 1) return settle(ctx, open, decision, skippedOwn(ctx));
  return askWhich(ctx, open, decision);
}

/** The answer to "which one?": an option number, codes, or ALL. */
export function answerPick(ctx: Ctx): Outcome {
  const decision = ctx.snapshot.data.decision ?? { status: "confirmed", reason: null };
  const choices = ctx.snapshot.data.choices ?? [];
  const open = openFor(ctx);
  const picked = ctx.choice !== null ? choices[ctx.choice - 1] : undefined;
  if (picked)
    return settle(
      ctx,
      open.filter((r) => String(r.entryId) === picked),
      decision,
      [],
    );
  const words = ctx.text.trim().split(/\s+/);
  if (words.some((w) => ALL.has(fold(w)))) return settle(ctx, open, decision, skippedOwn(ctx));
  const codes = words.filter((w) => /^\d{3,5}$/.test(w));
  return codes.length ? byCodes(ctx, codes, decision) : askWhich(ctx, open, decision);
}

/** Open requests this sender may decide: their partners', not their own. */
function openFor(ctx: Ctx): PartnerRequest[] {
  const partners = new Set(ctx.facts.asContact.map((c) => c.partnerId));
  return ctx.facts.requests.filter(
    (r) => r.status === "pending" && partners.has(r.partnerId) && !isOwn(ctx, r),
  );
}

/**
 * True when the request's member is the sender under any identity: the member behind the sending
 * address, or one whose phone or Telegram id is the sender's or one of the sender's contact rows'
 * (a contact who joined as a member on Telegram and answers YES by SMS).
 */
function isOwn(ctx: Ctx, r: PartnerRequest): boolean {
  return isSender(ctx, { phone: r.memberPhone, telegramId: r.memberTelegramId }, r.memberId);
}

/** The note for YES ALL (or a bare YES): the sender's own open requests were left for someone else. */
function skippedOwn(ctx: Ctx): ReplyLine[] {
  const partners = new Set(ctx.facts.asContact.map((c) => c.partnerId));
  const own = ctx.facts.requests.filter(
    (r) => r.status === "pending" && partners.has(r.partnerId) && isOwn(ctx, r),
  );
  return own.length
    ? [{ key: "selfCredit.skipped", params: { codes: own.map((r) => r.code).join(", ") } }]
    : [];
}

function byCodes(ctx: Ctx, codes: string[], decision: Decision): Outcome {
  const partners = new Set(ctx.facts.asContact.map((c) => c.partnerId));
  const mine = ctx.facts.requests.filter((r) => partners.has(r.partnerId));
  const chosen: PartnerRequest[] = [];
  const notes: ReplyLine[] = [];
  for (const code of [...new Set(codes)]) {
    const open = mine.find((r) => r.code === code && r.status === "pending");
    const settled = mine.filter((r) => r.code === code && r.status !== "pending").at(-1);
    if (open && isOwn(ctx, open)) notes.push({ key: "partner.ownHours", params: { code } });
    else if (open) chosen.push(open);
    else if (settled) notes.push(settledNote(ctx, settled));
    else notes.push({ key: "partner.unknownCode", params: { code } });
  }
  return settle(ctx, chosen, decision, notes);
}

function settledNote(ctx: Ctx, r: PartnerRequest): ReplyLine {
  const by = r.settledBy ?? "";
  const contact = ctx.facts.contacts.find((c) => `contact:${c.id}` === by);
  const who = contact?.name ?? (by === "coordinator" ? "coordinator" : "");
  // A request its member withdrew by asking to be erased (DELETE ME): nothing to settle, no name.
  if (by === "erasure") return { key: "partner.alreadyWithdrawn", params: { code: r.code } };
  const key =
    r.status === "expired"
      ? "partner.alreadyExpired"
      : `partner.already.${r.status === "confirmed" ? "confirmed" : "rejected"}`;
  return {
    // Expired requests are settled by the system, never by the coordinator: no "alreadyExpiredByCoordinator".
    key: (who === "coordinator" ? `${key}ByCoordinator` : key) as MessageKey,
    params: { code: r.code, who, name: r.memberName },
  };
}

function askWhich(ctx: Ctx, open: PartnerRequest[], decision: Decision): Outcome {
  const shown = open.slice(0, 9);
  const options = shown.map((r, i) => {
    const line = requestReply(
      partnerOf(ctx, r),
      { ...r, memberName: r.memberName },
      ctx.locale,
      "partner.line",
    );
    return { n: i + 1, key: line.key, params: line.params };
  });
  const choices = shown.map((r) => String(r.entryId));
  return ask("partner.pick", { decision, choices }, reply("partner.which", {}, { options }));
}

function partnerOf(ctx: Ctx, r: PartnerRequest): Partner {
  return partnerOrId(ctx.facts.partners, r.partnerId);
}

/** Settles the chosen requests: the ledger, the member's news, and one acknowledgement. */
function settle(ctx: Ctx, chosen: PartnerRequest[], decision: Decision, notes: ReplyLine[]): Outcome {
  if (!chosen.length && !notes.length) return idle(reply("partner.noOpen"));
  const view = {
    partners: ctx.facts.partners,
    items: ctx.facts.items,
    now: ctx.now,
    timezone: ctx.facts.scheme.timezone,
  };
  const running: Running = new Map();
  const effects = chosen.flatMap((r) => {
    const contact = ctx.facts.asContact.find((c) => c.partnerId === r.partnerId);
    return settleRequest(r, partnerOf(ctx, r), decision, `contact:${contact?.id ?? 0}`, view, running);
  });
  return idle(...effects, acknowledge(ctx, chosen, decision, notes));
}

function acknowledge(ctx: Ctx, chosen: PartnerRequest[], decision: Decision, notes: ReplyLine[]): Effect {
  const verb = decision.status === "confirmed" ? "confirmed" : "rejected";
  const [one] = chosen;
  if (chosen.length === 1 && one) {
    const params = { code: one.code, member: one.memberName, hours: hoursText(one.minutes, ctx.locale) };
    return reply(`partner.${verb}One`, params, { lines: notes });
  }
  if (chosen.length > 1) {
    const codes = chosen.map((r) => r.code).join(", ");
    return reply(`partner.${verb}Many`, { count: chosen.length, codes }, { lines: notes });
  }
  const [first, ...rest] = notes;
  return reply(first?.key ?? "partner.noOpen", first?.params, { lines: rest });
}
