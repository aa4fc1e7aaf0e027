// Check in, check out: `IN staithe` on arrival, `OUT` on leaving; the time between, rounded to the
// scheme's increment, goes to the partner as a normal request.
import { checkMinutes } from "../../ledger/rules.ts";
import { ask, type Ctx, idle, type Outcome, reply, textOptions } from "../context.ts";
import { clockTime, localDay } from "../format.ts";
import { matchPartner } from "../match-partner.ts";
import type { Partner } from "../types.ts";
import { recordVisit, requestRefusal } from "./log.ts";

/** True when IN is meant as a check-in: alone, or followed by a partner's name. */
export function isCheckIn(ctx: Ctx): boolean {
  if (ctx.command?.intent !== "checkin") return false;
  const rest = ctx.command.rest.trim();
  return !rest || matchPartner(rest.split(/\s+/), ctx.facts.partners) !== null;
}

export function checkIn(ctx: Ctx): Outcome {
  const open = ctx.facts.checkin;
  if (open) {
    const name = nameOf(ctx, open.partnerId);
    return idle(
      reply("checkin.already", { name, time: clockTime(open.startedAt, ctx.facts.scheme.timezone) }),
    );
  }
  const rest = ctx.command?.rest.trim() ?? "";
  const partner = rest ? matchPartner(rest.split(/\s+/), ctx.facts.partners)?.partner : undefined;
  return partner ? start(ctx, partner) : askWhere(ctx);
}

export function answerCheckInPartner(ctx: Ctx): Outcome {
  const choices = ctx.snapshot.data.choices ?? [];
  const picked = ctx.choice !== null ? choices[ctx.choice - 1] : undefined;
  const partner =
    ctx.facts.partners.find((p) => p.id === picked) ??
    matchPartner(ctx.text.trim().split(/\s+/), ctx.facts.partners)?.partner;
  return partner ? start(ctx, partner) : askWhere(ctx);
}

function askWhere(ctx: Ctx): Outcome {
  const earn = ctx.facts.partners.filter((p) => p.earn);
  return ask(
    "checkin.partner",
    { choices: earn.map((p) => p.id) },
    reply("checkin.where", {}, { options: textOptions(earn.map((p) => p.name)) }),
  );
}

function start(ctx: Ctx, partner: Partner): Outcome {
  if (!partner.earn) return idle(reply("log.notEarnPartner", { name: partner.name }));
  // A check-out becomes a request: at the cap already, say so now rather than after the visit.
  const capped = requestRefusal(ctx);
  if (capped) return idle(capped);
  const time = clockTime(ctx.now.toISOString(), ctx.facts.scheme.timezone);
  return idle(
    { type: "checkIn", partnerId: partner.id },
    reply("checkin.started", { name: partner.name, time }),
  );
}

export function checkOut(ctx: Ctx): Outcome {
  const open = ctx.facts.checkin;
  if (!open) return idle(reply("checkout.none"));
  const step = ctx.facts.scheme.settings.roundingMinutes;
  const elapsed = (ctx.now.getTime() - Date.parse(open.startedAt)) / 60_000;
  const minutes = Math.round(elapsed / step) * step;
  const close = { type: "checkOut" as const, checkinId: open.id };
  const day = localDay(new Date(open.startedAt), ctx.facts.scheme.timezone);
  if (minutes <= 0) return idle(close, reply("checkout.tooShort", { minutes: step }));
  if (checkMinutes(minutes)) {
    // Left on too long: ask rather than count it.
    const draft = { mode: "line" as const, partnerId: open.partnerId, day };
    return ask(
      "log.hours",
      { draft },
      close,
      reply("checkout.tooLong"),
      reply("log.askHours", { name: nameOf(ctx, open.partnerId) }),
    );
  }
  const outcome = recordVisit(ctx, open.partnerId, minutes, day);
  return { ...outcome, effects: [close, ...outcome.effects] };
}

function nameOf(ctx: Ctx, partnerId: string): string {
  return ctx.facts.partners.find((p) => p.id === partnerId)?.name ?? partnerId;
}
