// What MY DATA reads: every row held about the member, added to the conversation's single read
// batch only when the message is MY DATA.
import type { PersonalData, StoredRow } from "../core/engine-types.ts";
import { type InStatement, type ResultSet, sql } from "./db.ts";
import { addressedTo } from "./identity.ts";

/** The statements, in the order `toPersonalData` reads their results; `ref` finds the member's id. */
export function personalDataQueries(ref: { sql: string; arg: string | number }): InStatement[] {
  const byMember = (select: string, order = "id") =>
    sql(`${select} WHERE member_id = ${ref.sql} ORDER BY ${order}`, ref.arg);
  return [
    sql(`SELECT * FROM members WHERE id = ${ref.sql}`, ref.arg),
    byMember(
      `SELECT id, kind, status, minutes, partner_id, activity, day, note, reason, code, booking_id,
              created_at, settled_at, settled_by FROM ledger_entries`,
    ),
    byMember(
      `SELECT id, code, partner_id, event_id, offer_id, places, minutes, status, starts_at, created_at, settled_at
       FROM bookings`,
    ),
    byMember("SELECT id, partner_id, started_at, closed_at FROM checkins"),
    sql(
      `SELECT channel, received_at, body FROM inbound_messages
       WHERE member_id = ${ref.sql} AND body IS NOT NULL ORDER BY id`,
      ref.arg,
    ),
    // Earlier copies of their data are left out: a file inside a file helps no one.
    sql(
      `SELECT channel, created_at, sent_at, status, body FROM outbox
       WHERE EXISTS (SELECT 1 FROM members m WHERE m.id = ${ref.sql} AND ${addressedTo("outbox", "m")})
         AND body != '' AND (payload IS NULL OR json_extract(payload, '$.kind') IS NOT 'document')
       ORDER BY id`,
      ref.arg,
    ),
    byMember("SELECT id, code, kind, body, status, created_at, expires_at FROM posts"),
  ];
}

function plain(row: Record<string, unknown>): StoredRow {
  const out: StoredRow = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] =
      typeof value === "bigint"
        ? Number(value)
        : typeof value === "number" || typeof value === "string"
          ? value
          : null;
  }
  return out;
}

export function toPersonalData(results: ResultSet[]): PersonalData | null {
  const [member, entries, bookings, checkins, messages, sentToThem, posts] = results;
  const row = member?.rows[0];
  if (!row) return null;
  const rows = (r: ResultSet | undefined) => (r?.rows ?? []).map((x) => plain({ ...x }));
  return {
    member: plain({ ...row }),
    entries: rows(entries),
    bookings: rows(bookings),
    checkins: rows(checkins),
    messages: rows(messages),
    sentToThem: rows(sentToThem),
    posts: rows(posts),
  };
}
