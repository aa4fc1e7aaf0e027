// Events that go ahead only with enough people (`minPlaces` by `decideBy`), run by the tick job: once
// the decision time has come, too few places booked calls the event off — cancelled, every hold let
// go as a cancellation lets go (core/notices/booking.ts) with "too few people booked", the partner's
// contacts told — and enough tells the people booked and the contacts that it is on. One write batch
// per event, guarded so a decision is made once and a booking that raced it is not stranded.
import { renderFor } from "../channels/render.ts";
import { clockTime, dayText, localDay, titleIn } from "../core/format.ts";
import { releaseBooking } from "../core/notices/booking.ts";
import { notify } from "../core/requests.ts";
import type { Locale, Reply } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { auditStatement } from "../store/audit.ts";
import { GUARD, type InStatement, isConflict, sql } from "../store/db.ts";
import { contactsQuery, toContact } from "../store/partner-read.ts";
import { BOOKING_TITLE, toBooking } from "../store/spend-read.ts";
import { type CommonContext, type CommonEffect, writeCommon } from "../store/writers/index.ts";

export interface Decided {
  on: string[];
  off: string[];
}

export async function decideEvents(deps: Deps, now: Date): Promise<Decided> {
  const at = now.toISOString();
  const tz = deps.config.timezone;
  const [due, bookingRows, contactRows] = await deps.db.batch(
    [
      sql(
        `SELECT e.id, e.partner_id, e.title, e.starts_at, e.min_places,
           (SELECT COALESCE(SUM(places), 0) FROM bookings WHERE event_id = e.id AND status IN ('held', 'redeemed')) AS booked
         FROM events e WHERE e.decide_by <= ? AND e.decided IS NULL AND e.cancelled_at IS NULL AND e.min_places IS NOT NULL
         ORDER BY e.decide_by LIMIT 50`,
        at,
      ),
      sql(
        `SELECT b.*, m.name, m.phone, m.telegram_id, m.locale, m.opted_out, m.last_channel, m.telegram_blocked,
           ${BOOKING_TITLE}
         FROM bookings b JOIN members m ON m.id = b.member_id JOIN events e ON e.id = b.event_id
         WHERE b.status IN ('held', 'redeemed') AND e.decide_by <= ? AND e.decided IS NULL AND e.cancelled_at IS NULL
           AND e.min_places IS NOT NULL ORDER BY b.id`,
        at,
      ),
      contactsQuery(),
    ],
    "read",
  );
  const render: CommonContext["render"] = (channel, locale, reply, options) =>
    renderFor(deps.i18n.t, channel, locale, reply, options);
  const contacts = (contactRows?.rows ?? []).map(toContact);
  const bookings = (bookingRows?.rows ?? []).map(toBooking);
  const decided: Decided = { on: [], off: [] };
  for (const row of due?.rows ?? []) {
    const id = String(row.id);
    const title = JSON.parse(String(row.title)) as Partial<Record<Locale, string>>;
    const startsAt = String(row.starts_at);
    const when = (l: Locale) => `${dayText(localDay(new Date(startsAt), tz), l)} ${clockTime(startsAt, tz)}`;
    const booked = Number(row.booked);
    const min = Number(row.min_places);
    const on = booked >= min;
    const mine = bookings.filter((b) => b.itemId === id);
    const effects: CommonEffect[] = [];
    for (const c of contacts.filter((c) => c.partnerId === String(row.partner_id))) {
      const params = { title: titleIn(title, c.locale), when: when(c.locale), count: booked, min };
      const reply: Reply = { key: on ? "events:contact.on" : "events:contact.off", params };
      effects.push(...notify(c, c.locale, reply));
    }
    if (on) {
      for (const b of mine) {
        if (b.member.optedOut) continue;
        const l = b.member.locale;
        const params = { title: titleIn(title, l), when: when(l), code: b.code };
        effects.push(...notify(b.member, l, { key: "events:member.on", params }));
      }
    } else {
      const how = { outcome: "cancelled", by: "system", startsAt, timezone: tz, calledOff: true } as const;
      for (const b of mine.filter((b) => b.status === "held"))
        effects.push(...releaseBooking({ ...b, title }, how));
    }
    const statements: InStatement[] = [
      sql(
        `UPDATE events SET decided = ?, cancelled_at = CASE WHEN ? = 'off' THEN ? ELSE cancelled_at END, updated_at = ?
         WHERE id = ? AND decided IS NULL AND cancelled_at IS NULL`,
        on ? "on" : "off",
        on ? "on" : "off",
        at,
        at,
        id,
      ),
      ...GUARD,
      ...writeCommon(effects, { at: now, now: at, render }),
      // Called off: a hold written since the read would keep credits on a cancelled event.
      ...(on
        ? []
        : [
            sql(
              "UPDATE events SET updated_at = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM bookings WHERE event_id = ? AND status = 'held')",
              at,
              id,
              id,
            ),
            ...GUARD,
          ]),
      auditStatement(
        {
          actor: "system",
          action: on ? "event.on" : "event.calledOff",
          subject: `event:${id}`,
          before: { decided: null },
          after: { decided: on ? "on" : "off", booked, minPlaces: min },
        },
        now,
      ),
    ];
    try {
      await deps.db.batch(statements, "write");
      decided[on ? "on" : "off"].push(id);
    } catch (error) {
      // Decided by another run, cancelled or booked meanwhile: the next tick reads it again.
      if (!isConflict(error)) throw error;
    }
  }
  return decided;
}
