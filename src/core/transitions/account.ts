// BALANCE and HISTORY: what a member has, what is waiting, and their last five entries.

import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { dayText, hoursCount, hoursText } from "../format.ts";
import type { LedgerEntry, MessageKey, ReplyLine } from "../types.ts";

export function showBalance(ctx: Ctx): Outcome {
  const { balance, partners } = ctx.facts;
  const pending = Object.entries(balance.pendingByPartner).filter(([, minutes]) => minutes > 0);
  const lines: ReplyLine[] = pending.map(([partnerId, minutes]) => ({
    key: "balance.pendingLine",
    params: {
      hours: hoursText(minutes, ctx.locale),
      name: partners.find((p) => p.id === partnerId)?.name ?? partnerId,
    },
  }));
  const params = { count: hoursCount(balance.available), credits: hoursText(balance.available, ctx.locale) };
  return idle(reply(lines.length ? "balance.withPending" : "balance.summary", params, { lines }));
}

export function showHistory(ctx: Ctx): Outcome {
  const entries = ctx.facts.history.slice(0, 5);
  if (!entries.length) return idle(reply("history.empty"));
  return idle(reply("history.title", {}, { lines: entries.map((e) => historyLine(ctx, e)) }));
}

/** Hours worked read as hours ("+3 h"); spending, gifts and corrections as credits ("-2 credits"). */
function historyLine(ctx: Ctx, entry: LedgerEntry): ReplyLine {
  const partner = ctx.facts.partners.find((p) => p.id === entry.partnerId);
  const amount = `${entry.minutes >= 0 ? "+" : "-"}${hoursText(Math.abs(entry.minutes), ctx.locale)}`;
  return {
    // Every kind has a key for each status it can take (test/locales/history-keys.test.ts checks it).
    key: `history.${entry.kind}.${entry.status}` as MessageKey,
    params: {
      day: dayText(entry.day ?? entry.createdAt.slice(0, 10), ctx.locale),
      hours: amount,
      credits: amount,
      count: hoursCount(Math.abs(entry.minutes)),
      name: partner?.name ?? entry.partnerId ?? "",
    },
  };
}
