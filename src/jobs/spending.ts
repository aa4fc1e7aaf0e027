// Scheduled spending jobs: holds not redeemed a day after the event (or 30 days after an offer code)
// go back to the member; gifts not claimed in time go back to the giver; members who asked for TIPS
// get at most one suggestion a week, in daytime, when they hold credits and have not spent lately.

import type { Rendered } from "../channels/render.ts";
import type { TextOptions } from "../channels/render-text.ts";
import type { Booking, SchemeSettings } from "../core/engine-types.ts";
import { hoursCount, hoursText } from "../core/format.ts";
import { releaseBooking } from "../core/notices/booking.ts";
import { addressOf } from "../core/requests.ts";
import { rank } from "../core/suggest.ts";
import { itemPart } from "../core/transitions/spend.ts";
import type { Channel, Locale, Partner, Reply } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { AVAILABLE } from "../ledger/sql.ts";
import { type InStatement, sql } from "../store/db.ts";
import { queueMessage } from "../store/outbox.ts";
import { toKnownMember } from "../store/partner-read.ts";
import { BOOKING_TITLE, itemsQuery, toBooking, toItem } from "../store/spend-read.ts";
import { writeCommon } from "../store/writers/index.ts";

const DAY = 86_400_000;
const OFFER_CODE_DAYS = 30;
const NUDGE_MIN_MINUTES = 5 * 60;
const NUDGE_IDLE_DAYS = 60;

export type Render = (channel: Channel, locale: Locale, reply: Reply, options?: TextOptions) => Rendered[];

export async function spendingJobs(
  deps: Deps,
  input: { now: Date; settings: SchemeSettings; partners: Partner[]; nudgeTime: boolean; render: Render },
): Promise<{ statements: InStatement[]; released: number; returned: number; nudged: number }> {
  const { now, settings, partners, render } = input;
  const iso = now.toISOString();
  const [held, gifts, nudge, items] = await deps.db.batch(
    [
      sql(
        `SELECT b.*, m.name, m.phone, m.telegram_id, m.locale, m.opted_out, m.last_channel, m.telegram_blocked,
           ${BOOKING_TITLE}
         FROM bookings b JOIN members m ON m.id = b.member_id
         WHERE b.status = 'held' AND ((b.event_id IS NOT NULL AND b.starts_at <= ?) OR (b.offer_id IS NOT NULL AND b.created_at <= ?))`,
        new Date(now.getTime() - DAY).toISOString(),
        new Date(now.getTime() - OFFER_CODE_DAYS * DAY).toISOString(),
      ),
      sql(
        `SELECT r.id, r.minutes, r.inbound_id, r.counterpart_member_id AS giver, rm.phone AS receiver_phone,
                g.name, g.phone, g.telegram_id, g.locale, g.opted_out, g.last_channel, g.telegram_blocked
         FROM ledger_entries r JOIN members rm ON rm.id = r.member_id JOIN members g ON g.id = r.counterpart_member_id
         WHERE r.kind = 'gift' AND r.status = 'pending' AND r.created_at <= ?`,
        new Date(now.getTime() - settings.giftClaimDays * DAY).toISOString(),
      ),
      input.nudgeTime
        ? sql(
            `SELECT m.*, ${AVAILABLE("m.id")} AS available
             FROM members m
             WHERE m.nudges = 1 AND m.opted_out = 0 AND m.consent_at IS NOT NULL AND (m.nudged_at IS NULL OR m.nudged_at <= ?)
               AND NOT EXISTS (SELECT 1 FROM ledger_entries s WHERE s.member_id = m.id AND s.kind = 'spend'
                 AND s.status IN ('held', 'confirmed') AND s.created_at > ?)`,
            new Date(now.getTime() - 7 * DAY).toISOString(),
            new Date(now.getTime() - NUDGE_IDLE_DAYS * DAY).toISOString(),
          )
        : sql("SELECT 1 WHERE 0"),
      itemsQuery(now),
    ],
    "read",
  );
  const statements: InStatement[] = [];
  const tell = (person: Parameters<typeof addressOf>[0], locale: Locale, reply: Reply) => {
    const where = addressOf(person);
    if (where)
      for (const r of render(where.channel, locale, reply))
        statements.push(queueMessage({ ...where, ...r }, now));
  };
  const catalogue = (items?.rows ?? []).map(toItem);

  // Not used in time: let go exactly as a cancelled event lets go (core/notices/booking.ts).
  const release = { outcome: "released", by: "system" } as const;
  for (const row of held?.rows ?? []) {
    const booking: Booking = toBooking(row);
    const title = catalogue.find((i) => i.id === booking.itemId)?.title ?? booking.title;
    statements.push(
      ...writeCommon(releaseBooking({ ...booking, title }, release), { at: now, now: iso, render }),
    );
  }

  for (const row of gifts?.rows ?? []) {
    statements.push(
      sql(
        "UPDATE ledger_entries SET status = 'expired', settled_at = ?, settled_by = 'system' WHERE id = ? AND status = 'pending'",
        iso,
        Number(row.id),
      ),
      sql(
        `UPDATE ledger_entries SET status = 'released', settled_at = ?, settled_by = 'system'
         WHERE kind = 'gift' AND status = 'held' AND member_id = ? AND inbound_id IS ?`,
        iso,
        Number(row.giver),
        row.inbound_id === null ? null : Number(row.inbound_id),
      ),
    );
    const giver = toKnownMember({
      ...row,
      id: row.giver ?? null,
      consent_at: "",
      available: 0,
    } as typeof row);
    if (giver.optedOut) continue;
    const minutes = Number(row.minutes);
    tell(giver, giver.locale, {
      key: "give.returned",
      params: {
        who: String(row.receiver_phone ?? ""),
        count: hoursCount(minutes),
        credits: hoursText(minutes, giver.locale),
      },
    });
  }

  let nudged = 0;
  for (const row of nudge?.rows ?? []) {
    const member = toKnownMember(row);
    if (member.available < NUDGE_MIN_MINUTES) continue;
    const best = rank(
      catalogue,
      { available: member.available, familyBooker: false, bookings: [] },
      now,
    ).find((i) => i.cost <= member.available);
    if (!best) continue;
    const view = { locale: member.locale, partners, timezone: deps.config.timezone };
    const params = {
      count: hoursCount(member.available),
      credits: hoursText(member.available, member.locale),
    };
    tell(member, member.locale, { key: "tips.weekly", params, also: [itemPart(view, best)] });
    statements.push(sql("UPDATE members SET nudged_at = ? WHERE id = ?", iso, member.id));
    nudged++;
  }
  return { statements, released: held?.rows.length ?? 0, returned: gifts?.rows.length ?? 0, nudged };
}
