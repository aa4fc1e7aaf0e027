// A Db that counts round trips: every `batch` and every `execute` (and `executeMultiple`) is one trip
// to the database, whatever it holds. It passes each call through to the real client and keeps a
// log of what was sent, so a test or the bench can say which statement cost a trip.
import type { InStatement, ResultSet } from "@libsql/client";
import type { Db } from "../../src/store/db.ts";

export type TripKind = "read" | "write" | "deferred" | "execute" | "executeMultiple";

export interface Trip {
  kind: TripKind;
  /** The SQL of each statement, as sent (see `squeeze` to print it). */
  sql: string[];
  /** True when `intercept` answered it without touching the database. */
  intercepted: boolean;
  /** What `tag` said when the call was made (e.g. which message it served). */
  tag?: unknown;
  /** The database's error, when the call failed (a write that lost a race, a unique key). */
  error?: string;
}

export interface CountingDb extends Db {
  /** Every call since the start (or since `reset`), in order. */
  readonly trips: Trip[];
  /** How many calls so far, all kinds together. */
  count(): number;
  reset(): void;
}

export interface CountingOptions {
  /**
   * Answers a call instead of the database when it returns a result (the bench uses it to leave the
   * outbox alone, so delivery does not run during a measurement). Intercepted calls are still logged.
   */
  intercept?: (sql: string[]) => ResultSet | undefined;
  /** Labels each call, e.g. with an AsyncLocalStorage store naming the message being handled. */
  tag?: () => unknown;
}

type BatchArg = Parameters<Db["batch"]>[0];
type BatchStatement = BatchArg[number];
type ExecuteArg = InStatement | string;
type Args = Parameters<Db["execute"]> extends [unknown, infer A] ? A : never;

/** SQL on one line, for messages. */
export function squeeze(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

// Kept as sent: squeezing every statement of every batch would add to the CPU the bench measures.
function sqlOf(stmt: BatchStatement | ExecuteArg): string {
  if (typeof stmt === "string") return stmt;
  if (Array.isArray(stmt)) return stmt[0];
  return stmt.sql;
}

/** A result with no rows, as an intercepted statement answers. */
export function emptyResult(): ResultSet {
  return {
    columns: [],
    columnTypes: [],
    rows: [],
    rowsAffected: 0,
    lastInsertRowid: undefined,
    toJSON: () => ({ columns: [], columnTypes: [], rows: [], rowsAffected: 0, lastInsertRowid: null }),
  };
}

export function countingDb(inner: Db, options: CountingOptions = {}): CountingDb {
  const trips: Trip[] = [];
  const record = (kind: TripKind, sql: string[]): { trip: Trip; answer: ResultSet | undefined } => {
    const answer = options.intercept?.(sql);
    const tag = options.tag?.();
    const trip: Trip = {
      kind,
      sql,
      intercepted: answer !== undefined,
      ...(tag === undefined ? {} : { tag }),
    };
    trips.push(trip);
    return { trip, answer };
  };
  const watch = async <T>(trip: Trip, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      trip.error = String((error as Error)?.message ?? error);
      throw error;
    }
  };
  const db: CountingDb = {
    trips,
    count: () => trips.length,
    reset: () => {
      trips.length = 0;
    },
    async batch(stmts: BatchArg, mode?: "read" | "write" | "deferred") {
      const { trip, answer } = record(mode ?? "deferred", stmts.map(sqlOf));
      if (answer) return stmts.map(() => answer);
      return watch(trip, () => inner.batch(stmts, mode));
    },
    async execute(stmt: ExecuteArg, args?: Args) {
      const { trip, answer } = record("execute", [sqlOf(stmt)]);
      if (answer) return answer;
      return watch(trip, () => (typeof stmt === "string" ? inner.execute(stmt, args) : inner.execute(stmt)));
    },
    async executeMultiple(text: string) {
      const { trip } = record("executeMultiple", [text]);
      return watch(trip, () => inner.executeMultiple(text));
    },
  } as CountingDb;
  return db;
}

/** The outbox delivery's first statement: it claims due rows (see src/jobs/outbox.ts deliverDue). */
export function isDeliveryClaim(sql: string[]): boolean {
  return sql.length === 1 && /^\s*UPDATE outbox SET attempts = attempts \+ 1/i.test(sql[0] ?? "");
}

/** Trips by kind, e.g. { read: 1, write: 1 }. */
export function tally(trips: readonly Trip[]): Partial<Record<TripKind, number>> {
  const out: Partial<Record<TripKind, number>> = {};
  for (const t of trips) out[t.kind] = (out[t.kind] ?? 0) + 1;
  return out;
}
