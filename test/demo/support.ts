// Fresh libSQL databases for the demo's tests, migrated and nothing else, and a dump of what seeding
// writes, to compare two seedings row by row.
import { createClient } from "@libsql/client";
import { type Db, migrate } from "../../src/store/db.ts";

/** The clock of the demo tests: the harness's "today". */
export const NOW = new Date("2026-11-28T12:00:00Z");

export async function emptyDb(url = ":memory:"): Promise<Db & { close(): void }> {
  const db = createClient({ url, intMode: "number" });
  await migrate(db);
  return db;
}

/** Every row seeding writes, table by table, in id order. */
export async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of [
    ["scheme_origin", "id"],
    ["partners", "id"],
    ["partner_contacts", "id"],
    ["offers", "id"],
    ["events", "id"],
    ["members", "id"],
    ["bookings", "id"],
    ["ledger_entries", "id"],
    ["inbound_messages", "id"],
    ["outbox", "id"],
  ] as const) {
    out[table] = (await db.execute(`SELECT * FROM ${table} ORDER BY ${order}`)).rows.map((r) => ({ ...r }));
  }
  return out;
}

export async function countOf(db: Db, sqlText: string, ...args: Array<string | number>): Promise<number> {
  const result = await db.execute({ sql: sqlText, args });
  return Number(Object.values(result.rows[0] ?? {})[0] ?? 0);
}
