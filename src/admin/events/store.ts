// The events page's reads: events (upcoming and past) with the places taken, offers, one event's
// bookings, and the partners a form may choose; in the shapes the pages and the JSON API show.
import { clockTime, localDay } from "../../core/format.ts";
import type { Locale } from "../../core/types.ts";
import { type Db, type ResultSet, sql } from "../../store/db.ts";

type Row = ResultSet["rows"][number];
export type Title = Partial<Record<Locale, string>>;

export interface EventRecord {
  id: string;
  partner: string;
  partnerName: string;
  title: Title;
  /** UTC instant. */
  startsAt: string;
  /** Credits a place (minutes / 60). */
  cost: number;
  capacity: number | null;
  community: boolean;
  family: boolean;
  cancelledAt: string | null;
  /** Goes ahead only with this many places booked by `decideBy` (UTC); null: no threshold. */
  minPlaces: number | null;
  decideBy: string | null;
  /** What the tick job decided at `decideBy`: on, or called off. */
  decided: "on" | "off" | null;
  /** Places held or redeemed: what counts against capacity. */
  booked: number;
  /** Bookings still holding credits. */
  held: number;
  /** Bookings of any status (an event with any cannot be deleted: histories name it). */
  bookings: number;
  source: string | null;
}

export interface OfferRecord {
  id: string;
  partner: string;
  partnerName: string;
  title: Title;
  cost: number;
  valueGBP: number | null;
  community: boolean;
  /** Codes held or redeemed. */
  booked: number;
  /** When the coordinator stopped offering it (codes already given stay valid); null while offered. */
  withdrawnAt: string | null;
}

export interface BookingRecord {
  id: number;
  code: string;
  memberId: number;
  memberName: string;
  places: number;
  /** Credits held or spent (minutes / 60). */
  credits: number;
  status: "held" | "redeemed" | "cancelled" | "released";
  createdAt: string;
  settledAt: string | null;
  settledBy: string | null;
}

const json = (value: unknown): Title => {
  try {
    return JSON.parse(String(value)) as Title;
  } catch {
    return {};
  }
};

const EVENT_SQL = `SELECT e.*, COALESCE(p.name, e.partner_id) AS partner_name,
   (SELECT COALESCE(SUM(places), 0) FROM bookings WHERE event_id = e.id AND status IN ('held', 'redeemed')) AS booked,
   (SELECT COUNT(*) FROM bookings WHERE event_id = e.id AND status = 'held') AS held,
   (SELECT COUNT(*) FROM bookings WHERE event_id = e.id) AS booking_count
 FROM events e LEFT JOIN partners p ON p.id = e.partner_id`;

function toEvent(r: Row): EventRecord {
  let source: string | null = null;
  try {
    source = (JSON.parse(String(r.extra)) as { source?: string }).source ?? null;
  } catch {}
  return {
    id: String(r.id),
    partner: String(r.partner_id),
    partnerName: String(r.partner_name),
    title: json(r.title),
    startsAt: String(r.starts_at),
    cost: Number(r.cost_minutes) / 60,
    capacity: r.capacity === null ? null : Number(r.capacity),
    community: Number(r.community) === 1,
    family: Number(r.family) === 1,
    cancelledAt: r.cancelled_at === null ? null : String(r.cancelled_at),
    minPlaces: r.min_places === null || r.min_places === undefined ? null : Number(r.min_places),
    decideBy: r.decide_by === null || r.decide_by === undefined ? null : String(r.decide_by),
    decided: r.decided === "on" || r.decided === "off" ? r.decided : null,
    booked: Number(r.booked),
    held: Number(r.held),
    bookings: Number(r.booking_count),
    source,
  };
}

const OFFER_SQL = `SELECT o.*, COALESCE(p.name, o.partner_id) AS partner_name,
   (SELECT COUNT(*) FROM bookings WHERE offer_id = o.id AND status IN ('held', 'redeemed')) AS booked
 FROM offers o LEFT JOIN partners p ON p.id = o.partner_id`;

function toOffer(r: Row): OfferRecord {
  return {
    id: String(r.id),
    partner: String(r.partner_id),
    partnerName: String(r.partner_name),
    title: json(r.title),
    cost: Number(r.cost_minutes) / 60,
    valueGBP: r.value_pence === null ? null : Number(r.value_pence) / 100,
    community: Number(r.community) === 1,
    booked: Number(r.booked),
    withdrawnAt: r.withdrawn_at === null || r.withdrawn_at === undefined ? null : String(r.withdrawn_at),
  };
}

/** Every event (soonest first) and every offer, in one read. */
export async function listEventsAndOffers(db: Db): Promise<{ events: EventRecord[]; offers: OfferRecord[] }> {
  const [events, offers] = await db.batch(
    [sql(`${EVENT_SQL} ORDER BY e.starts_at, e.id`), sql(`${OFFER_SQL} ORDER BY o.rowid`)],
    "read",
  );
  return { events: (events?.rows ?? []).map(toEvent), offers: (offers?.rows ?? []).map(toOffer) };
}

export async function loadEvent(db: Db, id: string): Promise<EventRecord | null> {
  const result = await db.execute(sql(`${EVENT_SQL} WHERE e.id = ?`, id));
  const row = result.rows[0];
  return row ? toEvent(row) : null;
}

export async function loadOffer(db: Db, id: string): Promise<OfferRecord | null> {
  const result = await db.execute(sql(`${OFFER_SQL} WHERE o.id = ?`, id));
  const row = result.rows[0];
  return row ? toOffer(row) : null;
}

/** One event's bookings, oldest first. */
export async function loadBookings(db: Db, eventId: string): Promise<BookingRecord[]> {
  const result = await db.execute(
    sql(
      `SELECT b.id, b.code, b.member_id, m.name, b.places, b.minutes, b.status, b.created_at, b.settled_at, b.settled_by
       FROM bookings b JOIN members m ON m.id = b.member_id WHERE b.event_id = ? ORDER BY b.id`,
      eventId,
    ),
  );
  return result.rows.map((r) => ({
    id: Number(r.id),
    code: String(r.code),
    memberId: Number(r.member_id),
    memberName: String(r.name),
    places: Number(r.places),
    credits: Number(r.minutes) / 60,
    status: String(r.status) as BookingRecord["status"],
    createdAt: String(r.created_at),
    settledAt: r.settled_at === null ? null : String(r.settled_at),
    settledBy: r.settled_by === null ? null : String(r.settled_by),
  }));
}

/** Partners a form may choose, by name. */
export async function partnerChoices(db: Db): Promise<Array<{ id: string; name: string }>> {
  const result = await db.execute("SELECT id, name FROM partners ORDER BY name COLLATE NOCASE, id");
  return result.rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
}

/** Ids already used, so a new one can be made unique. */
export async function takenIds(db: Db, table: "events" | "offers", base: string): Promise<Set<string>> {
  const result = await db.execute(
    sql(
      `SELECT id FROM ${table} WHERE id = ? OR id LIKE ? ESCAPE '\\'`,
      base,
      `${base.replace(/[\\%_]/g, "\\$&")}-%`,
    ),
  );
  return new Set(result.rows.map((r) => String(r.id)));
}

/** A UTC instant as the scheme-local "YYYY-MM-DDTHH:mm" a datetime-local field holds. */
export function localInput(utc: string, timezone: string): string {
  return `${localDay(new Date(utc), timezone)}T${clockTime(utc, timezone)}`;
}
