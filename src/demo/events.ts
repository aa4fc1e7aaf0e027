// Community events the demo partners put on each month of the history (the scheme file's own events
// are all in the future), so bookings, redemptions and attendance have something to be about.

import type { Locale } from "../core/types.ts";
import { eventStartUtc } from "../scheme/import.ts";
import { DAY_MS, type PlannedEvent } from "./plan.ts";

interface Template {
  key: string;
  partnerId: string;
  title: Record<Locale, string>;
  /** Which day of the month: the nth (1–4) of a weekday (0 = Sunday), or the last one (n = -1). */
  weekday: number;
  nth: number;
  time: string;
  cost: number;
  capacity: number;
  family: boolean;
}

const TEMPLATES: Template[] = [
  {
    key: "bingo",
    partnerId: "oasis",
    title: { en: "Family bingo", pl: "Rodzinne bingo", lv: "Ģimenes bingo" },
    weekday: 5,
    nth: 1,
    time: "18:00",
    cost: 60,
    capacity: 30,
    family: true,
  },
  {
    key: "crafts",
    partnerId: "childrens-centre",
    title: { en: "Crafts for kids", pl: "Warsztaty plastyczne dla dzieci", lv: "Rokdarbi bērniem" },
    weekday: 6,
    nth: 2,
    time: "10:00",
    cost: 60,
    capacity: 20,
    family: true,
  },
  {
    key: "lunch",
    partnerId: "oasis",
    title: { en: "Community lunch", pl: "Obiad sąsiedzki", lv: "Kopienas pusdienas" },
    weekday: 6,
    nth: 3,
    time: "12:30",
    cost: 120,
    capacity: 40,
    family: false,
  },
  {
    key: "quiz",
    partnerId: "academy",
    title: { en: "Quiz night", pl: "Wieczór z quizem", lv: "Viktorīnas vakars" },
    weekday: 4,
    nth: 4,
    time: "19:00",
    cost: 60,
    capacity: 50,
    family: false,
  },
  {
    key: "litter-pick",
    partnerId: "playground",
    title: { en: "Litter pick & breakfast", pl: "Sprzątanie okolicy i śniadanie", lv: "Talka un brokastis" },
    weekday: 6,
    nth: -1,
    time: "09:30",
    cost: 0,
    capacity: 25,
    family: true,
  },
];

/** The day of the month a template falls on, e.g. the first Friday of 2026-07 → 3. */
function dayOfMonth(year: number, month: number, weekday: number, nth: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const firstMatch = 1 + ((weekday - first + 7) % 7);
  if (nth > 0) return firstMatch + 7 * (nth - 1);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return firstMatch + 7 * Math.floor((days - firstMatch) / 7);
}

/**
 * Every template's event in each month from `start` to three weeks after `now`, except where the
 * scheme file already has an event of that partner within ten days (its Christmas lunch, say).
 */
export function monthlyEvents(
  start: number,
  now: number,
  timezone: string,
  existing: readonly PlannedEvent[],
  partners: ReadonlySet<string>,
): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  const until = now + 21 * DAY_MS;
  const from = new Date(start);
  for (let y = from.getUTCFullYear(), m = from.getUTCMonth() + 1; Date.UTC(y, m - 1, 1) <= until; ) {
    const month = `${y}-${String(m).padStart(2, "0")}`;
    for (const t of TEMPLATES) {
      if (!partners.has(t.partnerId)) continue;
      const day = String(dayOfMonth(y, m, t.weekday, t.nth)).padStart(2, "0");
      const startsAt = eventStartUtc(`${month}-${day}T${t.time}`, timezone);
      const at = Date.parse(startsAt);
      if (at < start || at > until) continue;
      const clash = existing.some(
        (e) => e.partnerId === t.partnerId && Math.abs(Date.parse(e.startsAt) - at) < 10 * DAY_MS,
      );
      if (clash) continue;
      const { key, title, partnerId, cost, capacity, family } = t;
      events.push({ id: `demo-${key}-${month}`, partnerId, title, startsAt, cost, capacity, family });
    }
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return events;
}
