// The credit rules, pure: what an earning may be, and how entries add up to a balance.
// Amounts are integer minutes; 60 minutes = 1 credit.
import { addDays, format, parseISO } from "date-fns";
import type { Balance, LedgerEntry } from "../core/types.ts";

export const MAX_ENTRY_MINUTES = 12 * 60;
export const MAX_DAY_MINUTES = 16 * 60;
export const MAX_DAYS_BACK = 30;

/** Why an earning cannot be recorded; each has a translated reply under `log.refused.*`. */
export type Refusal = "notPositive" | "tooLong" | "dayFull" | "future" | "tooOld";

export function checkMinutes(minutes: number): Refusal | null {
  if (!Number.isFinite(minutes) || minutes <= 0) return "notPositive";
  if (minutes > MAX_ENTRY_MINUTES) return "tooLong";
  return null;
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
  return format(addDays(parseISO(today), -MAX_DAYS_BACK), "yyyy-MM-dd");
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
