// Quiet hours: broadcasts (and their retries) are not delivered between 21:00 and 09:00 scheme time,
// when they wait for 09:00. Shared by the broadcast plan and the outbox's retry back-off.
import { TZDate } from "@date-fns/tz";

/** Broadcasts are not delivered from this hour… */
export const QUIET_FROM = 21;
/** …until this hour, scheme time. */
export const QUIET_UNTIL = 9;

/**
 * When a message due at `now` may go out: now in daytime, else 09:00 next (today's 09:00 after
 * midnight, tomorrow's before it).
 * @example sendTime(new Date("2026-11-28T22:30:00Z"), "Europe/London") // 2026-11-29T09:00:00Z
 */
export function sendTime(now: Date, timezone: string): Date {
  const local = new TZDate(now.getTime(), timezone);
  const hour = local.getHours();
  if (hour >= QUIET_UNTIL && hour < QUIET_FROM) return now;
  const day = local.getDate() + (hour >= QUIET_FROM ? 1 : 0);
  return new Date(
    new TZDate(local.getFullYear(), local.getMonth(), day, QUIET_UNTIL, 0, 0, 0, timezone).getTime(),
  );
}
