// Where the database's scheme came from (migration 0015): nothing yet, the demo, or a real scheme.
// The demo scheme and its seeded history may only go into an empty or demo database; any other import
// marks the database real, and it stays real (the migration's triggers refuse the way back).
import { type Db, type InStatement, sql } from "./db.ts";

export type SchemeOrigin = "empty" | "demo" | "real";

/** A database that ever held a real scheme, asked to take the demo (the demo's contacts and history). */
export class NotADemoDatabaseError extends Error {
  override readonly name = "NotADemoDatabaseError";
  constructor(readonly origin: SchemeOrigin) {
    super(
      "This database holds a real scheme (or did once): the demo scheme and its made-up history are only " +
        "loaded into an empty database or one that has only ever held the demo. Point DATABASE_URL at another database.",
    );
  }
}

/**
 * The origin as SQL (one value: 'empty', 'demo' or 'real'). A database with partners or a scheme row
 * but no marker predates the marker, when every start loaded the demo into any empty database: whether
 * real people joined it since cannot be told, so it counts as real.
 */
const ORIGIN_SQL = `COALESCE((SELECT origin FROM scheme_origin WHERE id = 1),
  CASE WHEN EXISTS (SELECT 1 FROM partners) OR EXISTS (SELECT 1 FROM scheme) THEN 'real' ELSE 'empty' END)`;

export async function schemeOrigin(db: Db): Promise<SchemeOrigin> {
  const result = await db.execute(`SELECT ${ORIGIN_SQL} AS origin`);
  return String(result.rows[0]?.origin ?? "empty") as SchemeOrigin;
}

/** True once the demo history has been seeded into this database. */
export async function demoSeededAt(db: Db): Promise<string | null> {
  const result = await db.execute("SELECT demo_seeded_at FROM scheme_origin WHERE id = 1");
  const at = result.rows[0]?.demo_seeded_at;
  return at === null || at === undefined ? null : String(at);
}

/** For an import's write batch: a real scheme marks the database real, for ever. */
export function markRealStatement(at: string): InStatement {
  return sql(
    `INSERT INTO scheme_origin (id, origin, marked_at) VALUES (1, 'real', ?)
     ON CONFLICT(id) DO UPDATE SET origin = 'real', marked_at = CASE WHEN scheme_origin.origin = 'real'
       THEN scheme_origin.marked_at ELSE excluded.marked_at END`,
    at,
  );
}

/**
 * For the demo import's write batch, first: aborts the whole batch (the write_guard CHECK) when the
 * database is real by then (a real import racing the demo), then marks it demo unless it already is.
 */
export function markDemoStatements(at: string): InStatement[] {
  return [
    sql(`INSERT INTO write_guard (ok) SELECT 0 WHERE ${ORIGIN_SQL} = 'real'`),
    sql(
      "INSERT INTO scheme_origin (id, origin, marked_at) VALUES (1, 'demo', ?) ON CONFLICT(id) DO NOTHING",
      at,
    ),
  ];
}

/** For the seeding batch: aborts it unless the database is a demo not seeded yet, then records the seeding. */
export function markSeededStatements(at: string): InStatement[] {
  return [
    sql(
      `INSERT INTO write_guard (ok) SELECT 0 WHERE NOT EXISTS
         (SELECT 1 FROM scheme_origin WHERE id = 1 AND origin = 'demo' AND demo_seeded_at IS NULL)`,
    ),
    sql("UPDATE scheme_origin SET demo_seeded_at = ? WHERE id = 1", at),
  ];
}
