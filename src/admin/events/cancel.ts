// Taking an event off: cancelling one that has not started (it is no longer offered, every held
// booking is cancelled with its credits released and its member told) or deleting one nobody ever
// booked (a mistake). Each is one write batch with its audit row.

import { renderFor } from "../../channels/render.ts";
import { clockTime, dayText, hoursCount, hoursText, localDay, titleIn } from "../../core/format.ts";
import { addressOf } from "../../core/requests.ts";
import type { Locale } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { GUARD, type InStatement, sql } from "../../store/db.ts";
import { queueMessage } from "../../store/outbox.ts";
import { channelOf } from "../../store/partner-read.ts";
import { settleBooking } from "../../store/spend-write.ts";
import { auditStatement } from "../audit/audit.ts";
import { eventSnapshot, type Outcome, refuse, writeOrRefuse } from "./save.ts";
import { type EventRecord, loadEvent } from "./store.ts";

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
      `SELECT b.id, b.code, b.places, b.minutes, b.member_id, m.phone, m.telegram_id, m.locale, m.opted_out,
              m.last_channel, m.telegram_blocked
       FROM bookings b JOIN members m ON m.id = b.member_id WHERE b.event_id = ? AND b.status = 'held' ORDER BY b.id`,
      id,
    ),
  );
  const statements: InStatement[] = [
    sql(
      "UPDATE events SET cancelled_at = ?, updated_at = ? WHERE id = ? AND cancelled_at IS NULL",
      at,
      at,
      id,
    ),
    ...GUARD,
  ];
  const released: Array<{ booking: number; code: string; member: number; places: number; credits: number }> =
    [];
  for (const r of held.rows) {
    const booking = Number(r.id);
    const minutes = Number(r.minutes);
    statements.push(
      // Guarded: a booking redeemed or cancelled since it was read stops the whole cancellation.
      ...settleBooking(booking, "cancelled", "coordinator", at),
    );
    released.push({
      booking,
      code: String(r.code),
      member: Number(r.member_id),
      places: Number(r.places),
      credits: minutes / 60,
    });
    const where = addressOf({
      phone: r.phone === null ? null : String(r.phone),
      telegramId: r.telegram_id === null ? null : Number(r.telegram_id),
      lastChannel: channelOf(r.last_channel),
      telegramBlocked: Number(r.telegram_blocked) === 1,
    });
    if (!where || Number(r.opted_out) === 1) continue;
    const locale = String(r.locale) as Locale;
    const day = localDay(new Date(event.startsAt), deps.config.timezone);
    const params = {
      title: titleIn(event.title, locale),
      when: `${dayText(day, locale)} ${clockTime(event.startsAt, deps.config.timezone)}`,
      code: String(r.code),
      count: hoursCount(minutes),
      credits: hoursText(minutes, locale),
    };
    const reply = {
      key: minutes > 0 ? "events:member.cancelled" : "events:member.cancelledFree",
      params,
    } as const;
    for (const rendered of renderFor(deps.i18n.t, where.channel, locale, reply))
      statements.push(queueMessage({ ...where, ...rendered }, now));
  }
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

/** Deletes an event nobody ever booked (a mistake); one with bookings must be cancelled instead. */
export async function deleteEvent(deps: Deps, id: string, actor: string): Promise<Outcome<{ id: string }>> {
  const now = deps.now();
  const event = await loadEvent(deps.db, id);
  if (!event) return refuse({ form: "events:errors.notFound" }, 404);
  if (event.bookings > 0) return refuse({ form: "events:errors.hasBookings" }, 409);
  const statements: InStatement[] = [
    sql("DELETE FROM events WHERE id = ? AND NOT EXISTS (SELECT 1 FROM bookings WHERE event_id = ?)", id, id),
    ...GUARD,
    auditStatement(
      { actor, action: "event.delete", subject: `event:${id}`, before: eventSnapshot(event), after: null },
      now,
    ),
  ];
  // A booking arrived between the read and the write: nothing was deleted.
  const refused = await writeOrRefuse(deps, statements, "events:errors.hasBookings");
  if (refused) return refused;
  return { ok: true, record: { id } };
}
