// What a seeded demo holds, counted from its plan, and the same as lines for the console.
import type { DemoPlan } from "./plan.ts";

export interface DemoSummary {
  months: number;
  from: string;
  to: string;
  members: number;
  /** Members by language. */
  languages: Record<string, number>;
  /** Members who joined during the history. */
  newcomers: number;
  hoarders: number;
  events: number;
  earnings: { confirmed: number; rejected: number; expired: number; pending: number };
  bookings: { redeemed: number; held: number; cancelled: number; released: number };
  gifts: number;
  /** Confirmed credits earned, in minutes. */
  earnedMinutes: number;
}

export function summarise(plan: DemoPlan, period: { from: Date; to: Date; months: number }): DemoSummary {
  const count = <T>(items: T[], test: (x: T) => boolean) => items.filter(test).length;
  const earnings = plan.entries.filter((e) => e.kind === "earning");
  const languages: Record<string, number> = {};
  for (const p of plan.people) languages[p.locale] = (languages[p.locale] ?? 0) + 1;
  return {
    months: period.months,
    from: period.from.toISOString().slice(0, 10),
    to: period.to.toISOString().slice(0, 10),
    members: plan.people.length,
    languages,
    newcomers: count(plan.people, (p) => p.joinedAt >= period.from.toISOString()),
    hoarders: count(plan.people, (p) => p.habit === "hoarder"),
    events: plan.events.length,
    earnings: {
      confirmed: count(earnings, (e) => e.status === "confirmed"),
      rejected: count(earnings, (e) => e.status === "rejected"),
      expired: count(earnings, (e) => e.status === "expired"),
      pending: count(earnings, (e) => e.status === "pending"),
    },
    bookings: {
      redeemed: count(plan.bookings, (b) => b.status === "redeemed"),
      held: count(plan.bookings, (b) => b.status === "held"),
      cancelled: count(plan.bookings, (b) => b.status === "cancelled"),
      released: count(plan.bookings, (b) => b.status === "released"),
    },
    gifts: count(plan.entries, (e) => e.kind === "gift" && e.minutes < 0),
    earnedMinutes: earnings.filter((e) => e.status === "confirmed").reduce((s, e) => s + e.minutes, 0),
  };
}

/** The summary as a few lines for the console (English, like the rest of the CLI's output). */
export function demoSummaryText(s: DemoSummary): string {
  const langs = Object.entries(s.languages)
    .map(([l, n]) => `${n} ${l}`)
    .join(", ");
  return [
    `Seeded ${s.months} months of demo history (${s.from} to ${s.to}):`,
    `  ${s.members} members (${langs}), ${s.newcomers} of them newcomers, ${s.hoarders} hoarders`,
    `  ${s.earnings.confirmed} confirmed earnings (${Math.round(s.earnedMinutes / 60)} credits), ${s.earnings.rejected} rejected, ${s.earnings.expired} expired, ${s.earnings.pending} still open`,
    `  ${s.events} past and coming events; ${s.bookings.redeemed} bookings redeemed, ${s.bookings.held} held, ${s.bookings.cancelled} cancelled, ${s.bookings.released} released`,
    `  ${s.gifts} gifts between members`,
  ].join("\n");
}
