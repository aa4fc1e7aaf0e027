// The demo plan as SQL: multi-row INSERTs with explicit row ids (members, bookings and entries refer to
// each other by plan index), all in one write batch, so seeding is one transaction and takes a moment.
// The batch starts by checking the database is a demo not yet seeded, and ends by checking that no
// member's spendable balance is negative; either failing aborts it whole.
import { SOME_BALANCE_NEGATIVE } from "../ledger/sql.ts";
import { type Db, type InStatement, sql } from "../store/db.ts";
import { markSeededStatements } from "../store/scheme-origin.ts";
import { type DemoPlan, iso } from "./plan.ts";

type Value = string | number | null;

/** Rows as INSERTs of at most ~8000 arguments each; `columnList` is the column names, space-separated. */
function insertRows(table: string, columnList: string, rows: Value[][]): InStatement[] {
  const columns = columnList.split(" ");
  const per = Math.max(1, Math.floor(8000 / columns.length));
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const out: InStatement[] = [];
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    out.push(
      sql(
        `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${chunk.map(() => tuple).join(", ")}`,
        ...chunk.flat(),
      ),
    );
  }
  return out;
}

/** The first free row ids, so the plan's indexes can become ids before anything is written. */
export async function nextIds(db: Db): Promise<{ member: number; booking: number; entry: number }> {
  const r = await db.execute(
    `SELECT (SELECT COALESCE(MAX(id), 0) FROM members) AS m, (SELECT COALESCE(MAX(id), 0) FROM bookings) AS b,
            (SELECT COALESCE(MAX(id), 0) FROM ledger_entries) AS e`,
  );
  const row: Record<string, unknown> = r.rows[0] ?? {};
  return { member: Number(row.m) + 1, booking: Number(row.b) + 1, entry: Number(row.e) + 1 };
}

/** A negative spendable balance anywhere aborts the batch (write_guard's CHECK). */
const NO_NEGATIVE_BALANCE = sql(`INSERT INTO write_guard (ok) SELECT 0 WHERE ${SOME_BALANCE_NEGATIVE}`);

export function planStatements(
  plan: DemoPlan,
  ids: { member: number; booking: number; entry: number },
  now: Date,
): InStatement[] {
  const at = now.toISOString();
  const member = (i: number | null) => (i === null ? null : ids.member + i);
  return [
    ...markSeededStatements(at),
    ...insertRows(
      "members",
      "id phone name locale consent_at source created_at last_channel volunteered_before",
      plan.people.map((p, i) => [
        ids.member + i,
        p.phone,
        p.name,
        p.locale,
        p.joinedAt,
        "self",
        p.joinedAt,
        "sms",
        p.volunteeredBefore,
      ]),
    ),
    ...insertRows(
      "events",
      "id partner_id title starts_at cost_minutes capacity community family extra updated_at",
      plan.events.map((e) => [
        e.id,
        e.partnerId,
        JSON.stringify(e.title),
        e.startsAt,
        e.cost,
        e.capacity,
        1,
        e.family ? 1 : 0,
        '{"source":"demo"}',
        at,
      ]),
    ),
    ...insertRows(
      "bookings",
      "id code member_id partner_id event_id offer_id places minutes status starts_at created_at settled_at settled_by",
      plan.bookings.map((b, i) => [
        ids.booking + i,
        b.code,
        member(b.member),
        b.partnerId,
        b.eventId,
        b.offerId,
        b.places,
        b.minutes,
        b.status,
        b.startsAt,
        b.createdAt,
        b.settledAt,
        b.settledBy,
      ]),
    ),
    ...insertRows(
      "ledger_entries",
      "id member_id kind status minutes partner_id activity day note counterpart_member_id code logged_by reason booking_id created_at settled_at settled_by",
      plan.entries.map((e, i) => [
        ids.entry + i,
        member(e.member),
        e.kind,
        e.status,
        e.minutes,
        e.partnerId,
        e.activity,
        e.day,
        e.note,
        member(e.counterpart),
        e.code,
        e.loggedBy,
        e.reason,
        e.booking === null ? null : ids.booking + e.booking,
        e.createdAt,
        e.settledAt,
        e.settledBy,
      ]),
    ),
    ...insertRows(
      "inbound_messages",
      "channel external_id member_id locale body reply received_at address",
      plan.inbound.map((m, i) => [
        "sms",
        `demo-${i + 1}`,
        member(m.member),
        m.locale,
        m.body,
        JSON.stringify({ locale: m.locale, replies: [] }),
        m.receivedAt,
        m.address,
      ]),
    ),
    ...insertRows(
      "outbox",
      "channel address body status attempts next_attempt_at transport created_at sent_at",
      plan.outbox.map((m) => [
        "sms",
        m.address,
        m.body,
        "sent",
        1,
        m.createdAt,
        "sim",
        m.createdAt,
        iso(Date.parse(m.createdAt) + 2000),
      ]),
    ),
    NO_NEGATIVE_BALANCE,
  ];
}
