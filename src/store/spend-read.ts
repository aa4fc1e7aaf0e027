// What the engine needs to suggest, book, redeem and give: upcoming events and offers with the
// places taken, the sender's bookings, bookings at their partners, and their gifts. These statements
// join the conversation's single read batch.
import type { Booking, SpendItem } from "../core/engine-types.ts";
import type { Locale } from "../core/types.ts";
import { GIVEN } from "../ledger/sql.ts";
import { type Query, select } from "./json-read.ts";
import { channelOf } from "./partner-read.ts";

/** A row as the client returns it, or as read back from JSON (`json-read.ts`). */
type Row = Record<string, unknown>;

const TAKEN =
  "(SELECT COALESCE(SUM(b.places), 0) FROM bookings b WHERE b.status IN ('held', 'redeemed') AND b.%s = x.id)";

/** Events from now on (a booking window of 90 days), not cancelled, and every offer not withdrawn. */
export function itemsQuery(now: Date): Query {
  const until = new Date(now.getTime() + 90 * 86_400_000).toISOString();
  return select(
    [
      "'event' AS kind",
      ..."x.id x.partner_id x.title x.starts_at x.cost_minutes".split(" "),
      "NULL AS value_pence",
      ..."x.community x.family x.capacity".split(" "),
      `${TAKEN.replace("%s", "event_id")} AS booked`,
    ],
    `FROM events x WHERE x.starts_at > ? AND x.starts_at <= ? AND x.cancelled_at IS NULL
     UNION ALL
     SELECT 'offer', x.id, x.partner_id, x.title, NULL, x.cost_minutes, x.value_pence, x.community, 0, NULL,
            ${TAKEN.replace("%s", "offer_id")}
     FROM offers x WHERE x.withdrawn_at IS NULL`,
    now.toISOString(),
    until,
  );
}

export function toItem(r: Row): SpendItem {
  return {
    kind: r.kind === "event" ? "event" : "offer",
    id: String(r.id),
    partnerId: String(r.partner_id),
    title: JSON.parse(String(r.title)) as Partial<Record<Locale, string>>,
    startsAt: r.starts_at === null ? null : String(r.starts_at),
    cost: Number(r.cost_minutes),
    valuePence: r.value_pence === null ? null : Number(r.value_pence),
    community: Number(r.community) === 1,
    family: Number(r.family) === 1,
    capacity: r.capacity === null ? null : Number(r.capacity),
    booked: Number(r.booked),
  };
}

/** What a booking is for, by title: from events or offers, whether or not the event has started. */
export const BOOKING_TITLE = `COALESCE((SELECT e.title FROM events e WHERE e.id = b.event_id),
  (SELECT o.title FROM offers o WHERE o.id = b.offer_id)) AS item_title`;

const BOOKING_COLUMNS = [
  ..."b.id b.code b.member_id m.name b.partner_id b.event_id b.offer_id b.places b.minutes".split(" "),
  ..."b.status b.starts_at b.settled_by b.settled_at m.phone m.telegram_id m.locale m.opted_out".split(" "),
  ..."m.last_channel m.telegram_blocked".split(" "),
  BOOKING_TITLE,
];

/** The sender's bookings: open ones, and ones settled in the last 30 days. */
export function myBookingsQuery(memberSql: string, arg: string | number, since: string): Query {
  return select(
    BOOKING_COLUMNS,
    `FROM bookings b JOIN members m ON m.id = b.member_id
     WHERE b.member_id = ${memberSql} AND (b.status = 'held' OR b.created_at >= ?) ORDER BY b.id`,
    arg,
    since,
  );
}

/** Bookings at the partners the sender is a contact of, for REDEEM. */
export function partnerBookingsQuery(contactPartners: string, arg: string | number, since: string): Query {
  return select(
    BOOKING_COLUMNS,
    `FROM bookings b JOIN members m ON m.id = b.member_id
     WHERE b.partner_id IN ${contactPartners} AND (b.status = 'held' OR b.settled_at >= ?) ORDER BY b.id LIMIT 500`,
    arg,
    since,
  );
}

export function toBooking(r: Row): Booking {
  return {
    id: Number(r.id),
    code: String(r.code),
    memberId: Number(r.member_id),
    memberName: String(r.name),
    member: {
      phone: r.phone === null ? null : String(r.phone),
      telegramId: r.telegram_id === null ? null : Number(r.telegram_id),
      locale: String(r.locale) as Locale,
      optedOut: Number(r.opted_out) === 1,
      lastChannel: channelOf(r.last_channel),
      telegramBlocked: Number(r.telegram_blocked) === 1,
    },
    partnerId: String(r.partner_id),
    itemKind: r.event_id !== null ? "event" : "offer",
    itemId: String(r.event_id ?? r.offer_id),
    title:
      typeof r.item_title === "string" ? (JSON.parse(r.item_title) as Partial<Record<Locale, string>>) : null,
    places: Number(r.places),
    minutes: Number(r.minutes),
    status: String(r.status) as Booking["status"],
    startsAt: r.starts_at === null ? null : String(r.starts_at),
    settledBy: r.settled_by === null ? null : String(r.settled_by),
    settledAt: r.settled_at === null ? null : String(r.settled_at),
  };
}

/** Has the member booked more than one place, ever; and minutes given in the last week. */
export function spendHabitsQuery(memberSql: string, arg: string | number, weekAgo: string): Query {
  return select(
    [
      `(SELECT COUNT(*) FROM bookings WHERE member_id = ${memberSql} AND places > 1) AS family`,
      `(SELECT COALESCE(-SUM(minutes), 0) FROM ledger_entries INDEXED BY ledger_member WHERE member_id = ${memberSql}
          AND ${GIVEN()} AND created_at >= ?) AS gifted`,
    ],
    "",
    arg,
    arg,
    weekAgo,
  );
}

/**
 * Members the sender has given to before, so GIVE 2 Anna works; and the member a gift waiting for
 * its YES names (`conversation` is the sender's conversation key), so a first gift's receiver is told.
 * Its rows are read with partner-read.ts `toKnownMember`.
 */
export function gifteesQuery(memberSql: string, arg: string | number, conversation: string): Query {
  return select(
    [
      ..."m.id m.name m.phone m.telegram_id m.locale m.consent_at m.opted_out m.last_channel m.telegram_blocked".split(
        " ",
      ),
      "0 AS available",
    ],
    `FROM members m WHERE m.id IN (SELECT counterpart_member_id FROM ledger_entries
       WHERE member_id = ${memberSql} AND kind = 'gift' AND minutes < 0)
       OR m.id = (SELECT json_extract(data, '$.gift.to.id') FROM conversations WHERE address = ?)`,
    arg,
    conversation,
  );
}
