// A small Hrana-over-HTTP server (the protocol sqld / Turso speak) backed by the `libsql` npm package, so
// the Worker build (`@libsql/client/web`) can be tested against a real database on 127.0.0.1.
//
// Speaks the JSON encoding of Hrana 2 and 3: `POST [/<db>]/v2/pipeline` and `/v3/pipeline` with execute,
// batch (with conditions), sequence, describe, store_sql, close_sql, get_autocommit and close requests, and
// batons for streams that stay open between requests. `GET /v2` and `GET /v3` answer 200 (version checks);
// the protobuf endpoints answer 404, so a client falls back to JSON.
//
// Each stream has its own connection, as on sqld: a batch runs on one connection, in the transaction its
// BEGIN/COMMIT steps open and close; a stream closed (or expired) inside a transaction is rolled back.
// Values map both ways: null, integer (a decimal string), float, text and blob (base64). A SQLite error
// becomes `{ type: "error", error: { message, code } }` with SQLite's own message, e.g.
// "UNIQUE constraint failed: members.phone" and code "SQLITE_CONSTRAINT_UNIQUE".
//
// Databases: `/<name>/…` addresses database <name> (a file in `dir`); a bare `/v2/…` is database "main".
// `PUT /_test/db/<name>?from=<template>` makes <name> a fresh copy of <template> (for one test file each).
//
// `delayMs` (none unless set; `setDelay` changes it) holds every other request back that long, half
// before running it and half after, like the network between a Worker and Turso (the bench's latency mode).
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "libsql";

type Conn = InstanceType<typeof Database>;
type SqlValue = null | bigint | number | string | Uint8Array;

interface ProtoValue {
  type: "null" | "integer" | "float" | "text" | "blob";
  value?: string | number;
  base64?: string;
}
interface ProtoStmt {
  sql?: string | null;
  sql_id?: number | null;
  args?: ProtoValue[];
  named_args?: Array<{ name: string; value: ProtoValue }>;
  want_rows?: boolean;
}
type ProtoCond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: ProtoCond }
  | { type: "and" | "or"; conds: ProtoCond[] }
  | { type: "is_autocommit" };
interface ProtoBatch {
  steps: Array<{ condition?: ProtoCond | null; stmt: ProtoStmt }>;
}
interface StreamRequest {
  type: string;
  stmt?: ProtoStmt;
  batch?: ProtoBatch;
  sql?: string | null;
  sql_id?: number | null;
}
interface ProtoError {
  message: string;
  code: string;
}

export interface HranaServer {
  /** `http://127.0.0.1:<port>` without a trailing slash. */
  url: string;
  /** The client URL of a database (with the trailing slash the client needs to keep the path). */
  databaseUrl(name: string): string;
  /** Makes `name` a fresh copy of `from` (a consistent snapshot, taken with VACUUM INTO). */
  copyDatabase(from: string, name: string): void;
  /** The delay of every request from now on, in ms (0 = none). */
  setDelay(ms: number): void;
  /** HTTP requests answered so far, `/_test` ones left out: each is one round trip of a client. */
  requests(): number;
  /** Milliseconds spent answering them (reading, running, encoding; the delay left out). */
  busyMs(): number;
  close(): Promise<void>;
}

class HranaError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const RETURNING = /\breturning\b/i;

function toError(error: unknown): ProtoError {
  if (error instanceof HranaError) return { message: error.message, code: error.code };
  const e = error as { message?: unknown; code?: unknown };
  return {
    message: String(e?.message ?? error),
    code: typeof e?.code === "string" ? e.code : "SQLITE_ERROR",
  };
}

function fromProto(v: ProtoValue): SqlValue {
  switch (v?.type) {
    case "null":
      return null;
    case "integer":
      return BigInt(String(v.value));
    case "float":
      return Number(v.value);
    case "text":
      return String(v.value);
    case "blob":
      return new Uint8Array(Buffer.from(String(v.base64 ?? ""), "base64"));
    default:
      throw new HranaError(`unknown value type ${JSON.stringify((v as { type?: unknown })?.type)}`, "PROTO");
  }
}

function toProto(v: unknown): ProtoValue {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: v.toString() };
  // Rows are read with safe integers on: an INTEGER arrives as a bigint, so a number is always a REAL.
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  if (v instanceof Uint8Array) return { type: "blob", base64: Buffer.from(v).toString("base64") };
  throw new HranaError(`cannot encode a ${typeof v}`, "PROTO");
}

/** One database file and its idle connections. */
class Db {
  private idle: Conn[] = [];
  constructor(readonly file: string) {}

  acquire(): Conn {
    const reused = this.idle.pop();
    if (reused) return reused;
    const conn = new Database(this.file);
    // Requests run one at a time on one thread, so a lock is only ever held by a stream left open inside a
    // transaction: answer SQLITE_BUSY at once rather than block the server's event loop.
    conn.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 0;");
    return conn;
  }

  release(conn: Conn): void {
    if (conn.inTransaction) {
      try {
        conn.exec("ROLLBACK");
      } catch {
        conn.close();
        return;
      }
    }
    this.idle.push(conn);
  }

  closeAll(): void {
    for (const c of this.idle.splice(0)) c.close();
  }
}

/** A Hrana stream: one connection and the SQL texts stored on it. */
class Stream {
  readonly sqls = new Map<number, string>();
  timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    readonly db: Db,
    readonly conn: Conn,
  ) {}

  private sqlOf(stmt: { sql?: string | null; sql_id?: number | null }): string {
    if (typeof stmt.sql === "string") return stmt.sql;
    if (typeof stmt.sql_id === "number") {
      const text = this.sqls.get(stmt.sql_id);
      if (text === undefined) throw new HranaError(`SQL text ${stmt.sql_id} not found`, "SQL_NOT_FOUND");
      return text;
    }
    throw new HranaError("statement has neither sql nor sql_id", "PROTO");
  }

  execute(stmt: ProtoStmt) {
    const text = this.sqlOf(stmt);
    const prepared = this.conn.prepare(text);
    const positional = (stmt.args ?? []).map(fromProto);
    const named: Record<string, SqlValue> = {};
    for (const { name, value } of stmt.named_args ?? []) named[name.replace(/^[:@$]/, "")] = fromProto(value);
    const params: unknown[] = stmt.named_args?.length ? [...positional, named] : positional;
    const cols = prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null }));
    if (prepared.reader) {
      const rows = (
        prepared
          .raw(true)
          .safeIntegers(true)
          .all(...params) as unknown[][]
      ).map((row) => row.map(toProto));
      const [changes, rowid] = this.lastWrite();
      return {
        cols,
        rows: stmt.want_rows === false ? [] : rows,
        // Like sqld: a read-only statement changed nothing; INSERT … RETURNING reports its rows.
        affected_row_count: RETURNING.test(text) ? changes : 0,
        last_insert_rowid: rowid,
      };
    }
    const result = prepared.run(...params);
    return {
      cols,
      rows: [],
      affected_row_count: Number(result.changes),
      last_insert_rowid: String(result.lastInsertRowid),
    };
  }

  private lastWrite(): [number, string] {
    const [changes, rowid] = this.conn
      .prepare("SELECT changes(), last_insert_rowid()")
      .raw(true)
      .safeIntegers(true)
      .get() as [bigint, bigint];
    return [Number(changes), String(rowid)];
  }

  batch(batch: ProtoBatch) {
    const results: Array<unknown | null> = [];
    const errors: Array<ProtoError | null> = [];
    const holds = (cond: ProtoCond): boolean => {
      switch (cond.type) {
        case "ok":
          return results[cond.step] != null;
        case "error":
          return errors[cond.step] != null;
        case "not":
          return !holds(cond.cond);
        case "and":
          return cond.conds.every(holds);
        case "or":
          return cond.conds.some(holds);
        case "is_autocommit":
          return !this.conn.inTransaction;
        default:
          throw new HranaError(`unknown condition ${JSON.stringify(cond)}`, "PROTO");
      }
    };
    batch.steps.forEach((step, i) => {
      results[i] = null;
      errors[i] = null;
      if (step.condition && !holds(step.condition)) return;
      try {
        results[i] = this.execute(step.stmt);
      } catch (error) {
        errors[i] = toError(error);
      }
    });
    return { step_results: results, step_errors: errors };
  }

  sequence(req: StreamRequest): void {
    this.conn.exec(this.sqlOf(req));
  }

  describe(req: StreamRequest) {
    const prepared = this.conn.prepare(this.sqlOf(req));
    const text = this.sqlOf(req).trim();
    return {
      params: [],
      cols: prepared.columns().map((c) => ({ name: c.name, decltype: c.type ?? null })),
      is_explain: /^explain\b/i.test(text),
      is_readonly: prepared.reader && !RETURNING.test(text),
    };
  }
}

export async function startHranaServer(
  options: { dir?: string; idleMs?: number; delayMs?: number } = {},
): Promise<HranaServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "hrana-"));
  const ownsDir = options.dir === undefined;
  const idleMs = options.idleMs ?? 10_000;
  let delayMs = options.delayMs ?? 0;
  let requests = 0;
  let busyMs = 0;
  const dbs = new Map<string, Db>();
  const streams = new Map<string, Stream>();

  const dbNamed = (name: string): Db => {
    if (!NAME.test(name)) throw new HranaError(`bad database name ${JSON.stringify(name)}`, "NAME", 404);
    let db = dbs.get(name);
    if (!db) {
      db = new Db(join(dir, `${name}.db`));
      dbs.set(name, db);
    }
    return db;
  };

  const closeStream = (stream: Stream) => {
    clearTimeout(stream.timer);
    stream.db.release(stream.conn);
  };

  const pipeline = (db: Db, body: { baton?: string | null; requests?: StreamRequest[] }) => {
    let stream: Stream;
    if (body.baton) {
      const found = streams.get(body.baton);
      if (!found || found.db !== db)
        throw new HranaError("stream not found (expired baton)", "STREAM_EXPIRED");
      streams.delete(body.baton);
      clearTimeout(found.timer);
      stream = found;
    } else {
      stream = new Stream(db, db.acquire());
    }
    let closed = false;
    const results = (body.requests ?? []).map((req) => {
      if (closed) return { type: "error", error: { message: "stream is closed", code: "STREAM_CLOSED" } };
      try {
        switch (req.type) {
          case "close":
            closed = true;
            closeStream(stream);
            return { type: "ok", response: { type: "close" } };
          case "execute":
            return { type: "ok", response: { type: "execute", result: stream.execute(req.stmt ?? {}) } };
          case "batch":
            return {
              type: "ok",
              response: { type: "batch", result: stream.batch(req.batch ?? { steps: [] }) },
            };
          case "sequence":
            stream.sequence(req);
            return { type: "ok", response: { type: "sequence" } };
          case "describe":
            return { type: "ok", response: { type: "describe", result: stream.describe(req) } };
          case "store_sql":
            stream.sqls.set(Number(req.sql_id), String(req.sql));
            return { type: "ok", response: { type: "store_sql" } };
          case "close_sql":
            stream.sqls.delete(Number(req.sql_id));
            return { type: "ok", response: { type: "close_sql" } };
          case "get_autocommit":
            return {
              type: "ok",
              response: { type: "get_autocommit", is_autocommit: !stream.conn.inTransaction },
            };
          default:
            throw new HranaError(`unknown request type ${JSON.stringify(req.type)}`, "PROTO");
        }
      } catch (error) {
        return { type: "error", error: toError(error) };
      }
    });
    let baton: string | null = null;
    if (!closed) {
      baton = crypto.randomUUID();
      streams.set(baton, stream);
      stream.timer = setTimeout(() => {
        streams.delete(baton as string);
        closeStream(stream);
      }, idleMs);
      stream.timer.unref?.();
    }
    return { baton, base_url: null, results };
  };

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };

  const readBody = async (req: IncomingMessage): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  };

  /** The answer to one request: its status and JSON body. */
  const handle = async (req: IncomingMessage, url: URL, parts: string[]): Promise<[number, unknown]> => {
    if (parts[0] === "_test" && parts[1] === "db" && parts[2] && req.method === "PUT") {
      server_.copyDatabase(url.searchParams.get("from") ?? "main", parts[2]);
      return [201, { url: server_.databaseUrl(parts[2]) }];
    }
    const name = parts.length > 1 && !/^v\d/.test(parts[0] ?? "") ? (parts.shift() as string) : "main";
    const endpoint = parts.join("/");
    if (req.method === "GET" && (endpoint === "" || endpoint === "health")) return [200, {}];
    if (req.method === "GET" && (endpoint === "v2" || endpoint === "v3")) return [200, {}];
    if (req.method === "POST" && (endpoint === "v2/pipeline" || endpoint === "v3/pipeline")) {
      const db = dbNamed(name);
      const text = await readBody(req);
      let body: { baton?: string | null; requests?: StreamRequest[] };
      try {
        body = JSON.parse(text);
      } catch {
        throw new HranaError("request body is not JSON", "PROTO");
      }
      return [200, pipeline(db, body)];
    }
    return [404, { message: `not found: ${req.method} ${url.pathname}`, code: "NOT_FOUND" }];
  };

  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const parts = url.pathname.split("/").filter(Boolean);
    const delay = parts[0] === "_test" ? 0 : delayMs;
    if (parts[0] !== "_test") requests++;
    if (delay > 0) await wait(delay / 2);
    const began = performance.now();
    let answer: [number, unknown];
    try {
      answer = await handle(req, url, parts);
    } catch (error) {
      answer = [error instanceof HranaError ? error.status : 500, toError(error)];
    }
    if (delay > 0) {
      busyMs += performance.now() - began;
      await wait(delay / 2);
      send(res, ...answer);
    } else {
      send(res, ...answer);
      busyMs += performance.now() - began;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;

  const server_: HranaServer = {
    url: base,
    databaseUrl: (name) => (name === "main" ? `${base}/` : `${base}/${name}/`),
    setDelay(ms) {
      delayMs = ms;
    },
    requests: () => requests,
    busyMs: () => busyMs,
    copyDatabase(from, name) {
      const source = dbNamed(from);
      const target = dbNamed(name);
      target.closeAll();
      rmSync(target.file, { force: true });
      rmSync(`${target.file}-wal`, { force: true });
      rmSync(`${target.file}-shm`, { force: true });
      const conn = source.acquire();
      try {
        conn.prepare("VACUUM INTO ?").run(target.file);
      } finally {
        source.release(conn);
      }
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const stream of streams.values()) closeStream(stream);
        streams.clear();
        for (const db of dbs.values()) db.closeAll();
        server.closeAllConnections();
        server.close((err) => {
          if (ownsDir) rmSync(dir, { recursive: true, force: true });
          if (err) reject(err);
          else resolve();
        });
      }),
  };
  return server_;
}
