// The database handle the rest of the app sees: a libSQL client (embedded file, :memory:, or remote
// over HTTP), created by the runtime entry file and passed in explicitly.
import type { Client, InStatement, ResultSet } from "@libsql/client";
import { migrations } from "./migrations/index.ts";

export type Db = Pick<Client, "batch" | "execute" | "executeMultiple">;
export type { InStatement, ResultSet };

/** A statement list builder: keeps SQL next to its arguments. */
export function sql(text: string, ...args: Value[]): InStatement {
  return { sql: text, args };
}

type Value = string | number | bigint | null | Uint8Array;

/** A statement with named parameters (`:name` in the text), for statements with many arguments. */
export function named(text: string, args: Record<string, Value>): InStatement {
  return { sql: text, args };
}

/**
 * Put right after a guarded statement in a write batch: aborts the whole batch (the write_guard
 * CHECK fails) unless that statement changed exactly one row. The caller then reads again.
 * A row is only inserted when the check is to fail, so nothing is left to delete (one statement).
 */
export const GUARD: InStatement[] = [
  sql("INSERT INTO write_guard (ok) SELECT changes() WHERE changes() <> 1"),
];

/** Per-connection settings for an embedded file: WAL journal, fewer fsyncs, wait on a busy lock. */
export async function tuneFileDb(db: Db): Promise<void> {
  await db.execute("PRAGMA journal_mode = WAL");
  await db.execute("PRAGMA synchronous = NORMAL");
  await db.execute("PRAGMA busy_timeout = 5000");
}

/** Applies every migration not yet recorded; safe to call at every start. Returns the ids applied. */
export async function migrate(db: Db): Promise<number[]> {
  await db.execute(
    "CREATE TABLE IF NOT EXISTS schema_migrations (id INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)",
  );
  const done = new Set((await db.execute("SELECT id FROM schema_migrations")).rows.map((r) => Number(r.id)));
  const applied: number[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    // The migration and its record commit together: a crash leaves neither or both.
    const record = `INSERT INTO schema_migrations (id, name, applied_at) VALUES (${m.id}, '${m.name.replace(/'/g, "")}', '${new Date().toISOString()}');`;
    try {
      await db.executeMultiple(`BEGIN;\n${m.sql}\n${record}\nCOMMIT;`);
    } catch (error) {
      await db.executeMultiple("ROLLBACK;").catch(() => undefined);
      throw new MigrationError(m.id, m.name, { cause: error });
    }
    applied.push(m.id);
  }
  return applied;
}

export class MigrationError extends Error {
  override readonly name = "MigrationError";
  constructor(
    readonly id: number,
    readonly migration: string,
    options: { cause: unknown },
  ) {
    super(
      `migration ${id} (${migration}) failed: ${String((options.cause as Error)?.message ?? options.cause)}`,
      options,
    );
  }
}

/** True when the failure came from a write guard or a unique key: the caller should re-read and retry. */
export function isConflict(error: unknown): boolean {
  const text = String((error as { message?: unknown })?.message ?? "");
  return /CHECK constraint failed: ok = 1|UNIQUE constraint failed|SQLITE_BUSY|database is locked/.test(text);
}
