// The Db for an embedded file (or :memory:) on Node: the `libsql` package's Database, used directly,
// with each statement prepared once and kept. @libsql/client's file client compiles every statement
// again on every call, which was a quarter of a message's CPU; its results and its batch semantics
// (BEGIN IMMEDIATE / READONLY / DEFERRED, all or nothing) are kept here, so nothing above notices.
import { type InStatement, LibsqlBatchError, LibsqlError, type ResultSet } from "@libsql/client";
import Database from "libsql";
import type { Db } from "./db.ts";

type Native = InstanceType<typeof Database>;
type NativeStatement = ReturnType<Native["prepare"]>;
type Mode = "read" | "write" | "deferred";
type Args = unknown[] | Record<string, unknown>;
type Row = ResultSet["rows"][number];

/** Statements kept per connection; the app has well under a hundred distinct SQL texts. */
const CACHE_SIZE = 500;

const BEGIN: Record<Mode, string> = {
  write: "BEGIN IMMEDIATE",
  read: "BEGIN TRANSACTION READONLY",
  deferred: "BEGIN DEFERRED",
};

interface Prepared {
  stmt: NativeStatement;
  reader: boolean;
  /** A SELECT: it cannot write, and on its own it reads one consistent snapshot of the database. */
  select: boolean;
  /** Schema changes can reshape any cached statement's columns: the cache is dropped after one. */
  ddl: boolean;
  columns: string[];
  columnTypes: string[];
  /** Rows' prototype: index and length getters (not enumerable, as @libsql/client's rows have). */
  proto: object | null;
}

export interface NativeDb extends Db {
  close(): void;
  readonly closed: boolean;
  /** Statement cache figures, for tests and the bench. */
  cacheStats(): { size: number; hits: number; misses: number };
}

export function openNativeDb(path: string): NativeDb {
  const native = new Database(path);
  const cache = new Map<string, Prepared>();
  let hits = 0;
  let misses = 0;
  let closed = false;

  const prepare = (sql: string): Prepared => {
    const found = cache.get(sql);
    if (found) {
      hits++;
      // Most recently used last, so the first key is the one to evict.
      cache.delete(sql);
      cache.set(sql, found);
      return found;
    }
    misses++;
    const stmt = native.prepare(sql);
    // intMode "number": integers come back as JS numbers, as @libsql/client returns them to us.
    stmt.safeIntegers(false);
    const reader = stmt.reader;
    const prepared: Prepared = {
      stmt,
      reader,
      select: reader && /^\s*SELECT\b/i.test(sql),
      ddl: /^\s*(CREATE|DROP|ALTER)\b/i.test(sql),
      columns: [],
      columnTypes: [],
      proto: null,
    };
    if (reader) {
      stmt.raw(true);
      describe(prepared);
    }
    if (cache.size >= CACHE_SIZE) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(sql, prepared);
    return prepared;
  };

  /** The statement, prepared; undefined when SQLite cannot prepare it (run reports why). */
  const cached = (sql: string): Prepared | undefined => {
    try {
      return prepare(sql);
    } catch {
      return undefined;
    }
  };

  const run = (sql: string, args: Args | undefined): ResultSet => {
    try {
      const p = prepare(sql);
      const bound = args === undefined ? EMPTY : bind(args);
      if (!p.reader) {
        const info = p.stmt.run(bound);
        if (p.ddl) cache.clear();
        return new Result([], [], [], info.changes, BigInt(info.lastInsertRowid));
      }
      const raw = p.stmt.all(bound) as unknown[][];
      // A cached `SELECT *` whose table another connection altered: read its columns again.
      if (raw.length > 0 && (raw[0] as unknown[]).length !== p.columns.length) describe(p);
      const rows: Row[] = new Array(raw.length);
      for (let i = 0; i < raw.length; i++) rows[i] = toRow(raw[i] as unknown[], p);
      // As @libsql/client's file client: a statement that returns rows reports no changes.
      return new Result(p.columns, p.columnTypes, rows, 0, undefined);
    } catch (error) {
      throw mapError(error);
    }
  };

  const checkOpen = () => {
    if (closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
  };

  // Like @libsql/client's pool, which rolls back whatever a call left open before reusing the
  // connection: a lone execute("BEGIN") does not leave a transaction behind. A failed ROLLBACK
  // must not hide the error that led to it.
  const settle = () => {
    if (!native.inTransaction) return;
    try {
      run("ROLLBACK", undefined);
    } catch {
      // SQLite has already ended the transaction, or the connection is gone.
    }
  };

  const db: NativeDb = {
    async execute(stmtOrSql: InStatement | string, args?: Args) {
      checkOpen();
      try {
        if (typeof stmtOrSql === "string") return run(stmtOrSql, args);
        return run(stmtOrSql.sql, stmtOrSql.args as Args | undefined);
      } finally {
        settle();
      }
    },
    async batch(stmts: BatchStatement[], mode: Mode = "deferred") {
      checkOpen();
      const begin = BEGIN[mode];
      if (!begin) throw new RangeError(`Unknown transaction mode ${JSON.stringify(mode)}`);
      const list = stmts.map(statementOf);
      const only = list.length === 1 && mode === "read" ? list[0] : undefined;
      try {
        // One SELECT (most messages' whole read) needs no transaction around it: SQLite reads it on
        // one snapshot, and it cannot write. BEGIN and COMMIT were a tenth of the read's cost.
        if (only && cached(only.sql)?.select) return [inBatch(0, () => run(only.sql, only.args))];
        run(begin, undefined);
        const results: ResultSet[] = [];
        for (let i = 0; i < list.length; i++) {
          if (!native.inTransaction)
            throw new LibsqlBatchError("The transaction has been rolled back", i, "TRANSACTION_CLOSED");
          const { sql, args } = list[i] as Statement;
          results.push(inBatch(i, () => run(sql, args)));
        }
        run("COMMIT", undefined);
        return results;
      } finally {
        // All or nothing: a failed statement (or COMMIT) leaves no part of the batch.
        if (!closed) settle();
      }
    },
    async executeMultiple(sql: string) {
      checkOpen();
      try {
        native.exec(sql);
      } catch (error) {
        throw mapError(error);
      } finally {
        // Migrations run here: every cached statement may now see another schema.
        cache.clear();
        settle();
      }
    },
    close() {
      if (closed) return;
      closed = true;
      cache.clear();
      native.close();
    },
    get closed() {
      return closed;
    },
    cacheStats: () => ({ size: cache.size, hits, misses }),
  } as NativeDb;
  return db;
}

const EMPTY: unknown[] = [];

type BatchStatement = InStatement | [string, unknown[]?] | string;
interface Statement {
  sql: string;
  args: Args | undefined;
}

function statementOf(stmt: BatchStatement): Statement {
  if (typeof stmt === "string") return { sql: stmt, args: undefined };
  if (Array.isArray(stmt)) return { sql: stmt[0], args: stmt[1] };
  return { sql: stmt.sql, args: stmt.args as Args | undefined };
}

/** A batch's statement `i`: its database error says which statement it was, as @libsql/client's does. */
function inBatch(i: number, work: () => ResultSet): ResultSet {
  try {
    return work();
  } catch (error) {
    if (error instanceof LibsqlError && !(error instanceof LibsqlBatchError))
      throw new LibsqlBatchError(
        error.message,
        i,
        error.code,
        error.extendedCode,
        error.rawCode,
        error.cause instanceof Error ? error.cause : undefined,
      );
    throw error;
  }
}

function describe(p: Prepared): void {
  const defs = p.stmt.columns();
  p.columns = defs.map((c) => c.name);
  p.columnTypes = defs.map((c) => c.type ?? "");
  p.proto = rowPrototype(p.columns);
}

/**
 * Rows as @libsql/client returns them: an object with each column's value under its name (own,
 * enumerable, so `{ ...row }` and JSON see only names) and under its index (not enumerable), and a
 * `length`. The index and length live on a prototype made once per statement, instead of three
 * defineProperty calls per value. Column names that would clash with an index or `length`, or with
 * each other, get the client's own construction, so the first of equal names still wins.
 */
function rowPrototype(columns: readonly string[]): object | null {
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c) || c === "length" || /^(0|[1-9]\d*)$/.test(c) || c === "__proto__") return null;
    seen.add(c);
  }
  const props: PropertyDescriptorMap = { length: { value: columns.length } };
  columns.forEach((name, i) => {
    props[i] = {
      get(this: Record<string, unknown>) {
        return this[name];
      },
    };
  });
  return Object.create(Object.prototype, props);
}

function toRow(values: unknown[], p: Prepared): Row {
  const { columns, proto } = p;
  if (proto) {
    const row = Object.create(proto) as Row;
    for (let i = 0; i < columns.length; i++) row[columns[i] as string] = fromSql(values[i]) as Row[string];
    return row;
  }
  const row = {} as Row;
  Object.defineProperty(row, "length", { value: values.length });
  for (let i = 0; i < values.length; i++) {
    const value = fromSql(values[i]);
    Object.defineProperty(row, i, { value });
    const column = columns[i] as string;
    if (!Object.hasOwn(row, column))
      Object.defineProperty(row, column, { value, enumerable: true, configurable: true, writable: true });
  }
  return row;
}

/** BLOBs come back as an ArrayBuffer, as from @libsql/client. */
function fromSql(value: unknown): unknown {
  if (value instanceof Uint8Array) {
    const { buffer, byteOffset, byteLength } = value;
    return byteOffset === 0 && byteLength === buffer.byteLength
      ? buffer
      : buffer.slice(byteOffset, byteOffset + byteLength);
  }
  return value;
}

function bind(args: Args): Args {
  if (Array.isArray(args)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < args.length; i++) {
      const value = args[i];
      const converted = toSql(value);
      if (converted !== value) {
        out ??= args.slice();
        out[i] = converted;
      }
    }
    return out ?? args;
  }
  // Named: `:name`, `@name` and `$name` all bind by the bare name, as in @libsql/client.
  const out: Record<string, unknown> = {};
  for (const name in args) {
    const bare = name[0] === ":" || name[0] === "@" || name[0] === "$" ? name.slice(1) : name;
    out[bare] = toSql(args[name]);
  }
  return out;
}

const MIN_INT = -9223372036854775808n;
const MAX_INT = 9223372036854775807n;

/** Arguments as @libsql/client's file client checks and converts them. */
function toSql(value: unknown): unknown {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      if (!Number.isFinite(value))
        throw new RangeError("Only finite numbers (not Infinity or NaN) can be passed as arguments");
      return value;
    case "bigint":
      if (value < MIN_INT || value > MAX_INT)
        throw new RangeError(
          "bigint is too large to be represented as a 64-bit integer and passed as argument",
        );
      return value;
    case "boolean":
      return value ? 1 : 0;
    case "undefined":
      throw new TypeError("undefined cannot be passed as argument to the database");
  }
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  return value;
}

/** SQLite's errors as @libsql/client reports them: LibsqlError, code, extended code, message. */
function mapError(error: unknown): unknown {
  if (error instanceof Database.SqliteError) {
    const raw = error.rawCode;
    const base =
      raw === undefined ? "SQLITE_UNKNOWN" : (BASE_CODES[raw & 0xff] ?? `SQLITE_UNKNOWN_${raw & 0xff}`);
    return new LibsqlError(error.message, base, error.code, raw, error);
  }
  return error;
}

const BASE_CODES: Record<number, string> = {
  1: "SQLITE_ERROR",
  2: "SQLITE_INTERNAL",
  3: "SQLITE_PERM",
  4: "SQLITE_ABORT",
  5: "SQLITE_BUSY",
  6: "SQLITE_LOCKED",
  7: "SQLITE_NOMEM",
  8: "SQLITE_READONLY",
  9: "SQLITE_INTERRUPT",
  10: "SQLITE_IOERR",
  11: "SQLITE_CORRUPT",
  12: "SQLITE_NOTFOUND",
  13: "SQLITE_FULL",
  14: "SQLITE_CANTOPEN",
  15: "SQLITE_PROTOCOL",
  16: "SQLITE_EMPTY",
  17: "SQLITE_SCHEMA",
  18: "SQLITE_TOOBIG",
  19: "SQLITE_CONSTRAINT",
  20: "SQLITE_MISMATCH",
  21: "SQLITE_MISUSE",
  22: "SQLITE_NOLFS",
  23: "SQLITE_AUTH",
  24: "SQLITE_FORMAT",
  25: "SQLITE_RANGE",
  26: "SQLITE_NOTADB",
  27: "SQLITE_NOTICE",
  28: "SQLITE_WARNING",
};

/** A ResultSet like @libsql/client's (same fields, same toJSON). */
class Result implements ResultSet {
  constructor(
    readonly columns: string[],
    readonly columnTypes: string[],
    readonly rows: ResultSet["rows"],
    readonly rowsAffected: number,
    readonly lastInsertRowid: bigint | undefined,
  ) {}

  toJSON() {
    return {
      columns: this.columns,
      columnTypes: this.columnTypes,
      rows: this.rows.map((row) => Array.prototype.map.call(row, toJsonValue)),
      rowsAffected: this.rowsAffected,
      lastInsertRowid: this.lastInsertRowid !== undefined ? `${this.lastInsertRowid}` : null,
    };
  }
}

function toJsonValue(value: unknown): unknown {
  if (typeof value === "bigint") return `${value}`;
  if (value instanceof ArrayBuffer) return Buffer.from(value).toString("base64");
  return value;
}
