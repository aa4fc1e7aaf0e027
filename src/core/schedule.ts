// When things may happen, in scheme time: the one definition of the day's hours. Messages nobody just
// asked for (broadcasts, their retries, TIPS suggestions) are never sent in quiet hours, 21:00–09:00;
// partner reminders and check-out questions keep a shorter window, 09:00–20:00. A volunteering slot
// is "out of hours" (easier for shift workers) from 17:00 or at a weekend.
import { TZDate } from "@date-fns/tz";

/** The day starts at 09:00: quiet hours end, and reminders may go out. */
const DAY_STARTS = 9;
/** Quiet hours start at 21:00 scheme time… */
const QUIET_FROM = 21;
/** …and last until the day starts, 09:00. */
const QUIET_UNTIL = DAY_STARTS;
/** Partner reminders and check-out questions stop at 20:00, an hour before quiet hours. */
const REMINDERS_UNTIL = 20;
/** A slot starting from 17:00 (or on a Saturday or Sunday) is out of working hours. */
const EVENING_FROM = 17;

/** The local hour (0–23) of an instant in the timezone. */
function hourOf(at: Date, timezone: string): number {
  return new TZDate(at.getTime(), timezone).getHours();
}

/** True from 21:00 until 09:00 scheme time, when broadcasts and TIPS suggestions wait. */
export function inQuietHours(at: Date, timezone: string): boolean {
  const hour = hourOf(at, timezone);
  return hour >= QUIET_FROM || hour < QUIET_UNTIL;
}

/** True from 09:00 until 20:00 scheme time, when partner reminders and check-out questions go out. */
export function inReminderHours(at: Date, timezone: string): boolean {
  const hour = hourOf(at, timezone);
  return hour >= DAY_STARTS && hour < REMINDERS_UNTIL;
}

/**
 * When a message due at `now` may go out: now outside quiet hours, else 09:00 next (today's 09:00
 * after midnight, tomorrow's before it).
 * @example sendTime(new Date("2026-11-28T22:30:00Z"), "Europe/London") // 2026-11-29T09:00:00Z
 */
export function sendTime(now: Date, timezone: string): Date {
  if (!inQuietHours(now, timezone)) return now;
  const local = new TZDate(now.getTime(), timezone);
  const day = local.getDate() + (local.getHours() >= QUIET_FROM ? 1 : 0);
  return new Date(
    new TZDate(local.getFullYear(), local.getMonth(), day, QUIET_UNTIL, 0, 0, 0, timezone).getTime(),
  );
}

/** True for a slot a shift worker can more likely make: from 17:00, or on a Saturday or Sunday. */
export function outOfHours(startsAt: string, timezone: string): boolean {
  const local = new TZDate(Date.parse(startsAt), timezone);
  return local.getHours() >= EVENING_FROM || local.getDay() === 0 || local.getDay() === 6;
}
