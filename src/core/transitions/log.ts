// Logging hours: one line (`LOG 3 staithe gardening`) records at once; otherwise the bot asks for
// each missing piece in turn — partner, hours, what they did, which day — and refuses, with the
// reason, anything the ledger rules forbid.

import {
  checkDay,
  checkDayTotal,
  checkMinutes,
  checkRequest,
  openRequestLimit,
  type Refusal,
} from "../../ledger/rules.ts";
import { ask, type Ctx, idle, keyedOptions, type Outcome, reply, textOptions } from "../context.ts";
import { addDaysTo, parseDay } from "../days.ts";
import type { Effect, LogDraft } from "../engine-types.ts";
import { activityText, dayText, hoursText, titleIn } from "../format.ts";
import { parseHours } from "../hours.ts";
import { parseLogLine } from "../log-line.ts";
import { matchPartner } from "../match-partner.ts";
import { askPartner, pickCode } from "../requests.ts";
import { isSender } from "../same-person.ts";
import { fold } from "../text.ts";
import type { Partner } from "../types.ts";

export function startLog(ctx: Ctx): Outcome {
  // At the cap already: say so before asking anything.
  const capped = requestRefusal(ctx);
  if (capped) return idle(capped);
  const rest = ctx.command?.rest.trim() ?? "";
  if (!rest) return advance(ctx, { mode: "steps" }, []);
  const line = parseLogLine(rest, ctx.facts.partners, ctx.today);
  const draft: LogDraft = { mode: "line" };
  const problems: Effect[] = [];
  if (line.partner) acceptPartner(line.partner, draft, problems);
  else if (line.partnerText)
    problems.push(reply("log.unknownPartner", { text: line.partnerText.slice(0, 30) }));
  if (line.minutes !== null) acceptMinutes(ctx, line.minutes, draft, problems);
  if (line.activity) draft.activity = line.activity;
  if (line.day) acceptDay(line.day, ctx.today, draft, problems);
  return advance(ctx, draft, problems);
}

/** Reads the answer to whichever question is open. */
export function answerLog(ctx: Ctx): Outcome {
  const draft: LogDraft = { ...(ctx.snapshot.data.draft ?? { mode: "steps" }) };
  const choices = ctx.snapshot.data.choices ?? [];
  const picked = ctx.choice !== null ? choices[ctx.choice - 1] : undefined;
  const problems: Effect[] = [];
  switch (ctx.snapshot.state) {
    case "log.partner": {
      const partner =
        ctx.facts.partners.find((p) => p.id === picked) ??
        matchPartner(words(ctx.text), ctx.facts.partners)?.partner;
      if (partner) acceptPartner(partner, draft, problems);
      else problems.push(reply("log.unknownPartner", { text: ctx.text.trim().slice(0, 30) }));
      break;
    }
    case "log.hours": {
      const minutes = parseHours(ctx.text);
      if (minutes === null) problems.push(reply("log.badHours"));
      else acceptMinutes(ctx, minutes, draft, problems);
      break;
    }
    case "log.activity":
      draft.activity = ctx.command?.intent === "skip" ? null : readActivity(ctx, draft, picked);
      break;
    case "log.day": {
      const day = picked ?? (ctx.command?.intent === "skip" ? ctx.today : parseDay(ctx.text, ctx.today));
      if (day === null) problems.push(reply("log.badDay"));
      else acceptDay(day, ctx.today, draft, problems);
      break;
    }
  }
  return advance(ctx, draft, problems);
}

/** Asks for the first missing piece, or records the entry when nothing is missing. */
function advance(ctx: Ctx, draft: LogDraft, problems: Effect[]): Outcome {
  const partner = ctx.facts.partners.find((p) => p.id === draft.partnerId);
  if (!partner) return askWhichPartner(ctx, draft, problems);
  const name = partner.name;
  if (draft.minutes === undefined)
    return ask("log.hours", { draft }, ...problems, reply("log.askHours", { name }));
  if (draft.activity === undefined && draft.mode === "steps" && partner.activities.length) {
    const titles = partner.activities.map((a) => titleIn(a.title, ctx.locale));
    const choices = partner.activities.map((a) => a.id);
    return ask(
      "log.activity",
      { draft, choices },
      ...problems,
      reply("log.askActivity", {}, { options: textOptions(titles) }),
    );
  }
  // A refused day in a one-line log is asked again rather than quietly taken as today.
  if (draft.day === undefined && (draft.mode === "steps" || problems.length)) {
    const yesterday = addDaysTo(ctx.today, -1);
    const options = keyedOptions(["day.today", "day.yesterday"]);
    return ask(
      "log.day",
      { draft, choices: [ctx.today, yesterday] },
      ...problems,
      reply("log.askDay", {}, { options }),
    );
  }
  const refused = requestRefusal(ctx, draft.minutes);
  if (refused) return idle(refused);
  const day = draft.day ?? ctx.today;
  const already = ctx.facts.dayMinutes[day] ?? 0;
  if (checkDayTotal(already, draft.minutes)) {
    return idle(
      reply("log.refused.dayFull", { hours: hoursText(already, ctx.locale), day: dayText(day, ctx.locale) }),
    );
  }
  const activity =
    draft.activity === undefined || draft.activity === null
      ? null
      : "id" in draft.activity
        ? draft.activity.id
        : draft.activity.text;
  const what = activityText(partner, activity, ctx.locale);
  const params = { hours: hoursText(draft.minutes, ctx.locale), name, day: dayText(day, ctx.locale), what };
  const code = pickCode(ctx.facts.openCodes[partner.id] ?? [], ctx.facts.seed);
  const member = ctx.facts.member;
  const request = { memberName: member?.name ?? "", minutes: draft.minutes, activity, day, code };
  // The request goes to the partner's contacts, but never back to the member who logged it, on any
  // of their channels: a contact who is this member cannot confirm it anyway.
  const self = ctx.facts.contacts.filter(
    (c) => c.partnerId === partner.id && isSender(ctx, { phone: c.phone, telegramId: c.telegramId }),
  );
  const mine = new Set([
    ctx.facts.address,
    ...self.flatMap((c) => [...(c.phone ? [c.phone] : []), ...(c.telegramId ? [String(c.telegramId)] : [])]),
  ]);
  const asks = askPartner(ctx, partner, request).filter((e) => !(e.type === "notify" && mine.has(e.address)));
  return idle(
    { type: "postEarning", minutes: draft.minutes, partnerId: partner.id, activity, day, code },
    ...asks,
    reply(what ? "log.recordedWhat" : "log.recorded", params),
  );
}

/** A check-out records its hours like a one-line log. */
export function recordVisit(ctx: Ctx, partnerId: string, minutes: number, day: string): Outcome {
  return advance(ctx, { mode: "line", partnerId, minutes, day }, []);
}

function askWhichPartner(ctx: Ctx, draft: LogDraft, problems: Effect[]): Outcome {
  const earn = ctx.facts.partners.filter((p) => p.earn);
  const options = textOptions(earn.map((p) => p.name));
  return ask(
    "log.partner",
    { draft, choices: earn.map((p) => p.id) },
    ...problems,
    reply("log.askPartner", {}, { options }),
  );
}

function acceptPartner(partner: Partner, draft: LogDraft, problems: Effect[]) {
  if (partner.earn) draft.partnerId = partner.id;
  else problems.push(reply("log.notEarnPartner", { name: partner.name }));
}

function acceptMinutes(ctx: Ctx, minutes: number, draft: LogDraft, problems: Effect[]) {
  const minimum = ctx.facts.scheme.settings.roundingMinutes;
  const refusal: Refusal | null = checkMinutes(minutes, minimum);
  if (refusal) problems.push(reply(`log.refused.${refusal}`, { minutes: minimum }));
  else draft.minutes = minutes;
}

/**
 * The member's own request checked against the caps (and, once known, its length), as the reply
 * that refuses it, or null when it may go to the partner.
 */
export function requestRefusal(ctx: Ctx, minutes?: number): Effect | null {
  const settings = ctx.facts.scheme.settings;
  const standing = { open: ctx.facts.openRequests, confirmedOnce: ctx.facts.confirmedOnce };
  const refusal = checkRequest(standing, settings, minutes);
  if (!refusal) return null;
  const limit = openRequestLimit(standing, settings);
  return reply(`log.refused.${refusal}`, { minutes: settings.roundingMinutes, count: limit });
}

function acceptDay(day: string, today: string, draft: LogDraft, problems: Effect[]) {
  const refusal = checkDay(day, today);
  if (refusal) problems.push(reply(`log.refused.${refusal}`));
  else draft.day = day;
}

function readActivity(
  ctx: Ctx,
  draft: LogDraft,
  picked: string | undefined,
): { id: string } | { text: string } | null {
  if (picked) return { id: picked };
  const partner = ctx.facts.partners.find((p) => p.id === draft.partnerId);
  const wanted = fold(ctx.text);
  const known = partner?.activities.find(
    (a) => fold(a.id) === wanted || Object.values(a.title).some((t) => fold(t ?? "") === wanted),
  );
  if (known) return { id: known.id };
  const text = ctx.text.trim().slice(0, 60);
  return text ? { text } : null;
}

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}
