// Cancelling an event that has not started, from the dashboard or its API: it is no longer offered,
// every held booking is let go as the tick job lets go of an unused hold (core/notices/booking.ts:
// the credits back, the member told in their language, written by the same writers), with the audit
// row, all in one batch.

import { type Outcome, refuse, writeOrRefuse } from "../admin/events/save.ts";
import { type EventRecord, loadEvent } from "../admin/events/store.ts";
import { renderFor } from "../channels/render.ts";
import { type Release, releaseBooking } from "../core/notices/booking.ts";
import type { Deps } from "../deps.ts";
import { auditStatement } from "../store/audit.ts";
import { GUARD, type InStatement, sql } from "../store/db.ts";
import { BOOKING_TITLE, toBooking } from "../store/spend-read.ts";
import { type CommonContext, writeCommon } from "../store/writers/index.ts";

/**
 * Cancels an event that has not started: it is no longer offered, every held booking is cancelled
 * with its credits released back to the member (who is told, in their language), all in one batch.
 * Redeemed bookings stay spent: those places were used.
 */
export async function cancelEvent(
  deps: Deps,
  id: string,
  actor: string,
): Promise<Outcome<EventRecord & { released: number }>> {
  const now = deps.now();
  const at = now.toISOString();
  const event = await loadEvent(deps.db, id);
  if (!event) return refuse({ form: "events:errors.notFound" }, 404);
  if (event.cancelledAt) return refuse({ form: "events:errors.alreadyCancelled" }, 409);
  if (Date.parse(event.startsAt) <= now.getTime())
    return refuse({ form: "events:errors.cancelStarted" }, 409);
  const held = await deps.db.execute(
    sql(
      `SELECT b.*, m.name, m.phone, m.telegram_id, m.locale, m.opted_out, m.last_channel, m.telegram_blocked,
         ${BOOKING_TITLE}
       FROM bookings b JOIN members m ON m.id = b.member_id WHERE b.event_id = ? AND b.status = 'held' ORDER BY b.id`,
      id,
    ),
  );
  const bookings = held.rows.map(toBooking);
  // Guarded: a booking redeemed or cancelled since it was read stops the whole cancellation.
  const how: Release = {
    outcome: "cancelled",
    by: "coordinator",
    startsAt: event.startsAt,
    timezone: deps.config.timezone,
  };
  const render: CommonContext["render"] = (channel, locale, reply, options) =>
    renderFor(deps.i18n.t, channel, locale, reply, options);
  const released = bookings.map((b) => ({
    booking: b.id,
    code: b.code,
    member: b.memberId,
    places: b.places,
    credits: b.minutes / 60,
  }));
  const statements: InStatement[] = [
    sql(
      "UPDATE events SET cancelled_at = ?, updated_at = ? WHERE id = ? AND cancelled_at IS NULL",
      at,
      at,
      id,
    ),
    ...GUARD,
    ...writeCommon(
      bookings.flatMap((b) => releaseBooking({ ...b, title: event.title }, how)),
      { at: now, now: at, render },
    ),
  ];
  statements.push(
    // A booking written since the read above would keep its credits on a cancelled event: nothing is
    // written and the coordinator is asked to try again (a booking after this batch is refused itself).
    sql(
      "UPDATE events SET updated_at = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM bookings WHERE event_id = ? AND status = 'held')",
      at,
      id,
      id,
    ),
    ...GUARD,
    auditStatement(
      {
        actor,
        action: "event.cancel",
        subject: `event:${id}`,
        before: { cancelledAt: null, held: released.map((b) => b.code) },
        after: { cancelledAt: at, released },
      },
      now,
    ),
  );
  const refused = await writeOrRefuse(deps, statements);
  if (refused) return refused;
  return {
    ok: true,
    record: { ...((await loadEvent(deps.db, id)) as EventRecord), released: released.length },
  };
}
