// The credit rules, pure: what an earning may be, and how entries add up to a balance.
// Amounts are integer minutes; 60 minutes = 1 credit.
import { addDaysTo } from "../core/days.ts";
import type { Balance, LedgerEntry } from "../core/types.ts";

export const MAX_ENTRY_MINUTES = 12 * 60;
export const MAX_DAY_MINUTES = 16 * 60;
export const MAX_DAYS_BACK = 30;

/** Why an earning cannot be recorded; each has a translated reply under `log.refused.*`. */
export type Refusal = "notPositive" | "tooShort" | "tooLong" | "dayFull" | "future" | "tooOld";

/**
 * An entry's length: more than 0, at least `minimum` (the scheme's rounding increment: a one-minute
 * entry only ever served to make the bot text partners), at most 12 hours.
 */
export function checkMinutes(minutes: number, minimum = 1): Refusal | null {
  if (!Number.isFinite(minutes) || minutes <= 0) return "notPositive";
  if (minutes < minimum) return "tooShort";
  if (minutes > MAX_ENTRY_MINUTES) return "tooLong";
  return null;
}

/** Where a member stands before asking a partner to confirm more hours. */
export interface RequestStanding {
  /** Their own requests still waiting for a partner (hours a contact logged for them do not count). */
  open: number;
  /** True once any earning of theirs has been confirmed. */
  confirmedOnce: boolean;
}

export interface RequestLimits {
  maxOpenRequests: number;
  newcomerOpenRequests: number;
  roundingMinutes: number;
}

/** Why a member's own request is refused: an entry rule, or one of the caps on open requests. */
export type RequestRefusal = Refusal | "tooMany" | "newcomer";

/** How many requests this member may have waiting at once: fewer until a partner has confirmed them once. */
export function openRequestLimit(standing: RequestStanding, limits: RequestLimits): number {
  return standing.confirmedOnce
    ? limits.maxOpenRequests
    : Math.min(limits.newcomerOpenRequests, limits.maxOpenRequests);
}

/**
 * The one rule every path to a member's own request goes through (LOG in one line or step by step,
 * words the understanding layer read as LOG, check-in and check-out). Each request texts every contact
 * of the partner, so a new account must not be able to make the bot text partners without limit.
 * Without `minutes` (not asked yet) only the caps are checked, so nothing more is asked once one is
 * reached.
 * @example checkRequest({ open: 2, confirmedOnce: false }, limits) // "newcomer"
 * @example checkRequest({ open: 0, confirmedOnce: true }, limits, 1) // "tooShort"
 */
export function checkRequest(
  standing: RequestStanding,
  limits: RequestLimits,
  minutes?: number,
): RequestRefusal | null {
  if (standing.open >= openRequestLimit(standing, limits))
    return standing.confirmedOnce || limits.newcomerOpenRequests >= limits.maxOpenRequests
      ? "tooMany"
      : "newcomer";
  return minutes === undefined ? null : checkMinutes(minutes, limits.roundingMinutes);
}

/** `day` and `today` are local dates (YYYY-MM-DD), which compare correctly as strings. */
export function checkDay(day: string, today: string): Refusal | null {
  if (day > today) return "future";
  if (day < earliestDay(today)) return "tooOld";
  return null;
}

export function checkDayTotal(already: number, minutes: number): Refusal | null {
  return already + minutes > MAX_DAY_MINUTES ? "dayFull" : null;
}

/** The oldest local day an earning may be recorded for. */
export function earliestDay(today: string): string {
  return addDaysTo(today, -MAX_DAYS_BACK);
}

/**
 * The balance a set of entries adds up to: confirmed entries count (earnings +, spends and gifts −),
 * holds already count against what can be spent, pending earnings are shown apart.
 */
export function balanceOf(
  entries: Pick<LedgerEntry, "status" | "minutes" | "partnerId" | "kind">[],
): Balance {
  let available = 0;
  const pendingByPartner: Record<string, number> = {};
  for (const e of entries) {
    if (e.status === "confirmed" || (e.status === "held" && e.minutes < 0)) available += e.minutes;
    else if (e.status === "pending" && e.kind === "earning" && e.minutes > 0) {
      const key = e.partnerId ?? "";
      pendingByPartner[key] = (pendingByPartner[key] ?? 0) + e.minutes;
    }
  }
  return { available, pendingByPartner };
}
