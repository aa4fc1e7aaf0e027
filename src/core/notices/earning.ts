// Settling one request for hours, whoever answers it (a partner's contact by YES/NO, the coordinator
// in the dashboard): the guarded status move and the member's news in their language. A confirmation
// may add, once, the offer of weekly TIPS and one idea that fits the new balance.
import type { Effect, PartnerRequest, SpendItem } from "../engine-types.ts";
import { dayText, hoursCount, hoursText } from "../format.ts";
import { notify } from "../requests.ts";
import { rank } from "../suggest.ts";
import { itemPart } from "../transitions/spend.ts";
import type { Partner, Reply } from "../types.ts";

/** What settling writes: the status move, the member's news, and that TIPS were offered. */
export type SettleEffect = Extract<Effect, { type: "settleEarning" | "notify" | "markTipsAsked" }>;

export type Decision = { status: "confirmed" | "rejected"; reason: string | null };

export interface SettleView {
  partners: Partner[];
  items: SpendItem[];
  now: Date;
  timezone: string;
}

/** A member's balance and confirmed earnings after the requests already settled in the same answer. */
export type Running = Map<number, { balance: number; earned: number }>;

/**
 * The effects of settling request `r` as `decision`, by `by` ("contact:<id>" or "coordinator").
 * `running` carries balances across several requests of one member settled together.
 */
export function settleRequest(
  r: PartnerRequest,
  partner: Partner,
  decision: Decision,
  by: string,
  view: SettleView,
  running: Running = new Map(),
): SettleEffect[] {
  const effects: SettleEffect[] = [
    { type: "settleEarning", entryId: r.entryId, status: decision.status, by, reason: decision.reason },
  ];
  if (r.memberOptedOut) return effects;
  const l = r.memberLocale;
  const base = { name: partner.name, hours: hoursText(r.minutes, l), day: dayText(r.day, l) };
  if (decision.status === "rejected") {
    const key = decision.reason ? "earning.rejected" : "earning.rejectedPlain";
    return [
      ...effects,
      ...notify(reachable(r), l, { key, params: { ...base, reason: decision.reason ?? "" } }),
    ];
  }
  const before = running.get(r.memberId) ?? { balance: r.available, earned: r.memberEarned };
  const now = { balance: before.balance + r.minutes, earned: before.earned + 1 };
  running.set(r.memberId, now);
  const also = extras(view, r, now.balance, now.earned);
  if (also.some((p) => p.key === "tips.ask")) effects.push({ type: "markTipsAsked", memberId: r.memberId });
  const params = { ...base, count: hoursCount(now.balance), credits: hoursText(now.balance, l) };
  return [...effects, ...notify(reachable(r), l, { key: "earning.confirmed", params, also })];
}

/**
 * What may follow "confirmed": once, after the third confirmed earning, the offer of weekly TIPS; and
 * one idea that fits the new balance. Both are optional: dropped rather than costing an extra SMS.
 */
function extras(view: SettleView, r: PartnerRequest, balance: number, earned: number): Reply[] {
  const out: Reply[] = [];
  const shown = { locale: r.memberLocale, partners: view.partners, timezone: view.timezone };
  const idea = rank(view.items, { available: balance, familyBooker: false, bookings: [] }, view.now).find(
    (i) => i.cost <= balance && i.cost > 0,
  );
  if (idea) out.push({ key: "tips.idea", optional: true }, { ...itemPart(shown, idea), optional: true });
  if (earned === 3 && !r.memberTipsAsked) out.push({ key: "tips.ask" });
  return out;
}

function reachable(r: PartnerRequest) {
  return {
    phone: r.memberPhone,
    telegramId: r.memberTelegramId,
    lastChannel: r.memberLastChannel,
    telegramBlocked: r.memberTelegramBlocked,
  };
}

/** A partner as the request names it, when the scheme no longer lists it. */
export function partnerOrId(partners: Partner[], id: string): Partner {
  return (
    partners.find((p) => p.id === id) ?? {
      id,
      name: id,
      earn: true,
      spend: false,
      aliases: [],
      activities: [],
    }
  );
}
