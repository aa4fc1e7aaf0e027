// Letting go of a held booking, whoever does it: the coordinator cancelling its event (the member is
// told the event is off and their credits are back) or the tick job releasing a hold not used in time
// (told their credits are back). The member's own CANCEL is a reply to them, not a notice.
import type { Booking, Effect } from "../engine-types.ts";
import { clockTime, dayText, hoursCount, hoursText, localDay, titleIn } from "../format.ts";
import { notify } from "../requests.ts";

/** What releasing writes: the booking and its hold settled, and the member's news. */
export type ReleaseEffect = Extract<Effect, { type: "settleBooking" | "notify" }>;

export type Release =
  /**
   * The event was cancelled: `startsAt` is the event's start as it stands now. `calledOff`: by the
   * tick job, because too few people booked by its decision time.
   */
  | { outcome: "cancelled"; by: string; startsAt: string; timezone: string; calledOff?: boolean }
  /** Not redeemed in time (the job settles many at once and skips any settled meanwhile). */
  | { outcome: "released"; by: string };

/**
 * @example releaseBooking(b, { outcome: "released", by: "system" })
 *   // [{ type: "settleBooking", …, outcome: "released", guarded: false }, { type: "notify", … "spend.released" }]
 */
export function releaseBooking(b: Booking, how: Release): ReleaseEffect[] {
  const guarded = how.outcome === "cancelled";
  const effects: ReleaseEffect[] = [
    { type: "settleBooking", bookingId: b.id, outcome: how.outcome, by: how.by, guarded },
  ];
  if (b.member.optedOut) return effects;
  const l = b.member.locale;
  const title = b.title ? titleIn(b.title, l) : b.itemId;
  const credits = { count: hoursCount(b.minutes), credits: hoursText(b.minutes, l) };
  const free = b.minutes === 0;
  if (how.outcome === "released") {
    const reply = {
      key: free ? "spend.releasedFree" : "spend.released",
      params: { title, ...credits },
    } as const;
    return [...effects, ...notify(b.member, l, reply)];
  }
  const day = localDay(new Date(how.startsAt), how.timezone);
  const when = `${dayText(day, l)} ${clockTime(how.startsAt, how.timezone)}`;
  const params = { title, when, code: b.code, ...credits };
  const key = how.calledOff
    ? free
      ? "events:member.calledOffFree"
      : "events:member.calledOff"
    : free
      ? "events:member.cancelledFree"
      : "events:member.cancelled";
  return [...effects, ...notify(b.member, l, { key, params })];
}
