// The demo history as plain data, before it is written: who the members are, the events put on, and
// every booking, ledger entry and message, in the shapes of their tables. Members and bookings are
// referred to by their index in the plan; src/demo/write.ts turns indexes into row ids.
import type { Locale } from "../core/types.ts";

/** How a demo member takes part, which decides how often they earn and spend. */
export type Habit = "regular" | "occasional" | "hoarder" | "dormant";

export interface DemoPerson {
  name: string;
  phone: string;
  locale: Locale;
  /** When they joined (consent), an ISO instant. */
  joinedAt: string;
  /** The answer to "Have you volunteered before?": 1 yes, 0 never, null not answered. */
  volunteeredBefore: 0 | 1 | null;
  habit: Habit;
  /** The earn partners they help at, the first one most. */
  partners: string[];
}

export interface PlannedEvent {
  id: string;
  partnerId: string;
  title: Record<Locale, string>;
  startsAt: string;
  /** Per place, in minutes. */
  cost: number;
  capacity: number;
  family: boolean;
}

export interface PlannedBooking {
  member: number;
  code: string;
  partnerId: string;
  eventId: string | null;
  offerId: string | null;
  places: number;
  minutes: number;
  status: "held" | "redeemed" | "cancelled" | "released";
  startsAt: string | null;
  createdAt: string;
  settledAt: string | null;
  settledBy: string | null;
}

export interface PlannedEntry {
  member: number;
  kind: "earning" | "spend" | "gift" | "correction";
  status: "pending" | "confirmed" | "rejected" | "expired" | "held" | "released";
  minutes: number;
  partnerId: string | null;
  activity: string | null;
  day: string | null;
  code: string | null;
  loggedBy: string | null;
  reason: string | null;
  note: string | null;
  counterpart: number | null;
  booking: number | null;
  createdAt: string;
  settledAt: string | null;
  settledBy: string | null;
}

/** A message someone sent the bot: a member (by index) or a partner contact (member null). */
export interface PlannedInbound {
  member: number | null;
  address: string;
  locale: Locale;
  body: string;
  receivedAt: string;
}

/** A message the bot sent to someone other than the sender, already delivered. */
export interface PlannedOutbox {
  address: string;
  body: string;
  createdAt: string;
}

export interface DemoPlan {
  people: DemoPerson[];
  events: PlannedEvent[];
  bookings: PlannedBooking[];
  entries: PlannedEntry[];
  inbound: PlannedInbound[];
  outbox: PlannedOutbox[];
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const iso = (ms: number) => new Date(ms).toISOString();
export const dayOf = (ms: number) => iso(ms).slice(0, 10);
