// The Node file database (src/store/native-db.ts) against its contract: what @libsql/client's file
// client returns for the same statements on the same file (rows, columns, counts, JSON, errors), its
// batch semantics (all or nothing, read-only reads, write guards), the statement cache, and two
// processes writing one WAL file.
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, LibsqlBatchError, LibsqlError } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { GUARD, isConflict, migrate, sql } from "../../src/store/db.ts";
import { type NativeDb, openNativeDb } from "../../src/store/native-db.ts";
import { localPath, openNodeDb } from "../../src/store/node-client.ts";

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), "tc-native-")), "db.sqlite");
}

const SEED = `
  CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER, r REAL, b BLOB, z);
  INSERT INTO t (name, n, r, b, z) VALUES ('one', 1, 1.5, x'0102', NULL), ('two', 2, -0.25, NULL, 'x');`;

/** The adapter and @libsql/client, on one file or on two files that start the same. */
async function both(files: "one file" | "twin files" = "one file") {
  const file = tempFile();
  const native = openNativeDb(file);
  await native.executeMultiple(SEED);
  const other = files === "one file" ? file : tempFile();
  const client = createClient({ url: `file:${other}`, intMode: "number" });
  if (files === "twin files") await client.executeMultiple(SEED);
  opened.push(native, client);
  return { native, client };
}

/** What a caller can see of a result: fields, rows as spread, by index and length, and JSON. */
function seen(result: Awaited<ReturnType<NativeDb["execute"]>>) {
  return {
    columns: result.columns,
    columnTypes: result.columnTypes,
    rowsAffected: result.rowsAffected,
    lastInsertRowid: result.lastInsertRowid,
    spread: result.rows.map((r) => ({ ...r })),
    keys: result.rows.map((r) => Object.keys(r)),
    byIndex: result.rows.map((r) => Array.from({ length: r.length }, (_, i) => r[i])),
    json: JSON.stringify(result),
    rowJson: JSON.stringify(result.rows),
  };
}

describe("results, as @libsql/client gives them", () => {
  const statements: Array<[string, unknown[] | Record<string, unknown>]> = [
    ["SELECT * FROM t ORDER BY id", []],
    ["SELECT id, name AS who, n * 2 AS twice, b FROM t WHERE n >= ?", [1]],
    ["SELECT name FROM t WHERE name = :name", { name: "two" }],
    ["SELECT name FROM t WHERE name = :name", { ":name": "one" }],
    ["SELECT ? AS big, ? AS bytes, ? AS none, ? AS yes", [2n ** 40n, new Uint8Array([7, 8]), null, true]],
    // Names that clash: the first of two equal names wins, an index-like name stays an index.
    ["SELECT 1 AS a, 2 AS a, 3 AS length", []],
    ["SELECT 0, 1", []],
    ["SELECT 1", []],
    ["SELECT * FROM t WHERE 0", []],
    ["INSERT INTO t (name, n) VALUES (?, ?)", ["three", 3]],
    ["UPDATE t SET n = n + 1 WHERE n < ?", [10]],
    ["INSERT INTO t (name) VALUES ('four') RETURNING id, name", []],
    ["DELETE FROM t WHERE name = 'nobody'", []],
  ];
  it("gives the same columns, rows, counts and JSON for the same statements", async () => {
    const { native, client } = await both("twin files");
    for (const [text, args] of statements) {
      // Each runs on both files, so their contents stay equal as the writes go.
      const ours = seen(await native.execute({ sql: text, args: args as never }));
      const theirs = seen(await client.execute({ sql: text, args: args as never }));
      expect(ours, text).toEqual(theirs);
    }
  });

  it("reads integers as numbers, and refuses what the client refuses", async () => {
    const { native, client } = await both("twin files");
    const row = (await native.execute("SELECT n, r FROM t WHERE name = 'one'")).rows[0];
    expect(typeof row?.n).toBe("number");
    for (const args of [[Number.NaN], [undefined], [2n ** 70n]]) {
      const ours = await native.execute({ sql: "SELECT ?", args: args as never }).catch((e: Error) => e);
      const theirs = await client.execute({ sql: "SELECT ?", args: args as never }).catch((e: Error) => e);
      expect(ours).toBeInstanceOf(Error);
      expect(String(ours)).toBe(String(theirs));
    }
  });

  it("reports SQLite's errors as LibsqlError with the client's message and codes", async () => {
    const { native, client } = await both("twin files");
    const text = "INSERT INTO t (name) VALUES ('one')";
    const ours = (await native.execute(text).catch((e) => e)) as LibsqlError;
    const theirs = (await client.execute(text).catch((e) => e)) as LibsqlError;
    expect(ours).toBeInstanceOf(LibsqlError);
    expect([ours.message, ours.code, ours.extendedCode, ours.rawCode]).toEqual([
      theirs.message,
      theirs.code,
      theirs.extendedCode,
      theirs.rawCode,
    ]);
    expect(isConflict(ours)).toBe(true);
    await expect(native.execute("SELEKT 1")).rejects.toThrow(/SQLITE_ERROR/);
  });
});

describe("batches", () => {
  it("leave nothing behind when a statement fails, and name the one that did", async () => {
    const { native, client } = await both("twin files");
    const batch = [
      sql("INSERT INTO t (name) VALUES (?)", "five"),
      sql("UPDATE t SET n = 100"),
      sql("INSERT INTO t (name) VALUES (?)", "one"),
      sql("INSERT INTO t (name) VALUES (?)", "six"),
    ];
    const ours = (await native.batch(batch, "write").catch((e) => e)) as LibsqlBatchError;
    const theirs = (await client.batch(batch, "write").catch((e) => e)) as LibsqlBatchError;
    expect(ours).toBeInstanceOf(LibsqlBatchError);
    expect([ours.message, ours.statementIndex, ours.code]).toEqual([
      theirs.message,
      theirs.statementIndex,
      theirs.code,
    ]);
    expect(ours.statementIndex).toBe(2);
    const after = await native.execute("SELECT name, n FROM t ORDER BY id");
    expect(after.rows.map((r) => [r.name, r.n])).toEqual([
      ["one", 1],
      ["two", 2],
    ]);
    // The connection is usable at once: no transaction was left open.
    await native.batch([sql("INSERT INTO t (name) VALUES ('seven')")], "write");
    expect((await native.execute("SELECT COUNT(*) AS c FROM t")).rows[0]?.c).toBe(3);
  });

  it("a write guard that sees no change aborts the batch as a conflict", async () => {
    const file = tempFile();
    const db = await openNodeDb(`file:${file}`);
    opened.push(db);
    await migrate(db);
    const error = await db
      .batch(
        [sql("UPDATE conversations SET version = version + 1 WHERE address = 'nobody'"), ...GUARD],
        "write",
      )
      .catch((e) => e);
    expect(isConflict(error)).toBe(true);
    expect((await db.execute("SELECT COUNT(*) AS c FROM write_guard")).rows[0]?.c).toBe(0);
  });

  it("a read batch returns one result per statement, from one snapshot", async () => {
    const { native } = await both();
    const results = await native.batch(
      ["SELECT COUNT(*) AS c FROM t", sql("SELECT name FROM t WHERE id = ?", 2)],
      "read",
    );
    expect(results.map((r) => r.rows[0] && { ...r.rows[0] })).toEqual([{ c: 2 }, { name: "two" }]);
  });

  it("a read of one SELECT runs on its own, and reports what the client reports", async () => {
    const { native, client } = await both("twin files");
    const read = [sql("SELECT name, n FROM t WHERE n >= ? ORDER BY id", 1)];
    const [mine] = await native.batch(read, "read");
    const [its] = await client.batch(read, "read");
    expect(mine && seen(mine)).toEqual(its && seen(its));
    const bad = [sql("SELECT nope FROM t")];
    const ours = (await native.batch(bad, "read").catch((e) => e)) as LibsqlBatchError;
    const theirs = (await client.batch(bad, "read").catch((e) => e)) as LibsqlBatchError;
    expect(ours).toBeInstanceOf(LibsqlBatchError);
    expect([ours.message, ours.statementIndex, ours.code]).toEqual([
      theirs.message,
      theirs.statementIndex,
      theirs.code,
    ]);
    // A lone statement that is no SELECT still runs in a transaction, whose outcome is the client's.
    const write = [sql("INSERT INTO t (name) VALUES ('nine') RETURNING id")];
    const [wrote] = await native.batch(write, "read");
    const [clientWrote] = await client.batch(write, "read");
    expect(wrote && seen(wrote)).toEqual(clientWrote && seen(clientWrote));
    // Nothing was left open: a write batch runs at once.
    await native.batch([sql("INSERT INTO t (name) VALUES ('ten')")], "write");
    expect((await native.execute("SELECT COUNT(*) AS c FROM t")).rows[0]?.c).toBe(4);
  });

  it("a lone BEGIN does not leave a transaction open, as with the client", async () => {
    const { native } = await both();
    await native.execute("BEGIN");
    await native.execute("INSERT INTO t (name) VALUES ('eight')");
    await native.execute("ROLLBACK").catch(() => undefined);
    expect((await native.execute("SELECT COUNT(*) AS c FROM t")).rows[0]?.c).toBe(3);
  });
});

describe("the statement cache", () => {
  it("prepares each SQL text once and reuses it", async () => {
    const { native } = await both();
    const before = native.cacheStats();
    for (let i = 0; i < 50; i++) {
      await native.execute({ sql: "SELECT name FROM t WHERE id = ?", args: [1 + (i % 2)] });
      await native.batch([sql("UPDATE t SET n = n + 1 WHERE id = ?", 1)], "write");
    }
    const after = native.cacheStats();
    // Four texts (the SELECT, the UPDATE, BEGIN IMMEDIATE and COMMIT), each prepared once.
    expect(after.misses - before.misses).toBe(4);
    expect(after.hits - before.hits).toBe(50 * 4 - 4);
    expect((await native.execute("SELECT n FROM t WHERE id = 1")).rows[0]?.n).toBe(51);
  });

  it("stays bounded, evicting the least recently used", async () => {
    const { native } = await both();
    for (let i = 0; i < 700; i++) await native.execute(`SELECT ${i} AS v`);
    expect(native.cacheStats().size).toBeLessThanOrEqual(500);
    expect((await native.execute("SELECT 3 AS v")).rows[0]?.v).toBe(3);
  });

  it("sees a schema change: a cached SELECT * gets the new column", async () => {
    const { native } = await both();
    expect((await native.execute("SELECT * FROM t")).columns).toHaveLength(6);
    await native.execute("ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'e'");
    const after = await native.execute("SELECT * FROM t");
    expect(after.columns.at(-1)).toBe("extra");
    expect(after.rows[0]?.extra).toBe("e");
  });

  it("does not pin an old snapshot: another connection's commit is seen at once", async () => {
    const { native, client } = await both();
    const count = async () => (await native.execute("SELECT COUNT(*) AS c FROM t")).rows[0]?.c;
    expect(await count()).toBe(2);
    await client.execute("INSERT INTO t (name) VALUES ('nine')");
    expect(await count()).toBe(3);
    // Nothing of ours holds a read lock: a full checkpoint by the other connection completes.
    const checkpoint = await client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    expect(checkpoint.rows[0]?.busy).toBe(0);
  });
});

describe("opening", () => {
  it("reads file: URLs as @libsql/client does", () => {
    expect(localPath("file:data/x.db")).toBe("data/x.db");
    expect(localPath("file:/tmp/x.db")).toBe("/tmp/x.db");
    expect(localPath("file:///tmp/x.db")).toBe("/tmp/x.db");
    expect(localPath("file://localhost/tmp/x.db?mode=rwc")).toBe("/tmp/x.db");
    expect(localPath("file:/tmp/a%20b.db")).toBe("/tmp/a b.db");
    expect(localPath(":memory:")).toBe(":memory:");
    expect(localPath("libsql://db.example.turso.io")).toBeUndefined();
    expect(localPath("https://db.example.org")).toBeUndefined();
    expect(() => localPath("file://elsewhere/x.db")).toThrow(/host/);
  });

  it("tunes a file for WAL, and refuses use after close", async () => {
    const db = await openNodeDb(`file:${tempFile()}`);
    expect((await db.execute("PRAGMA journal_mode")).rows[0]?.journal_mode).toBe("wal");
    expect((await db.execute("PRAGMA synchronous")).rows[0]?.synchronous).toBe(1);
    expect((await db.execute("PRAGMA busy_timeout")).rows[0]?.timeout).toBe(5000);
    db.close();
    await expect(db.execute("SELECT 1")).rejects.toThrow(/closed/);
  });

  it("rolls a failed migration back whole", async () => {
    const db = await openNodeDb(":memory:");
    opened.push(db);
    await expect(
      db.executeMultiple("BEGIN; CREATE TABLE a (x); INSERT INTO nope VALUES (1); COMMIT;"),
    ).rejects.toThrow(/no such table/);
    await expect(db.execute("SELECT * FROM a")).rejects.toThrow(/no such table/);
    await db.batch([sql("CREATE TABLE b (x)"), sql("INSERT INTO b VALUES (1)")], "write");
    expect((await db.execute("SELECT x FROM b")).rows[0]?.x).toBe(1);
  });
});

/** A child process that adds `count` rows through the adapter, each in its own guarded write batch. */
function writer(file: string, tag: string, count: number): Promise<void> {
  const script = `
    import { openNodeDb } from ${JSON.stringify(new URL("../../src/store/node-client.ts", import.meta.url).pathname)};
    const db = await openNodeDb(${JSON.stringify(`file:${file}`)});
    for (let i = 0; i < ${count}; i++) {
      await db.batch([
        { sql: "INSERT INTO w (tag, i) VALUES (?, ?)", args: [${JSON.stringify(tag)}, i] },
        { sql: "UPDATE total SET n = n + 1 WHERE id = 1", args: [] },
      ], "write");
    }
    db.close();`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`writer ${tag}: ${code} ${stderr}`)),
    );
  });
}

describe("two processes on one WAL file", () => {
  it("interleave their write batches without losing or corrupting any", { timeout: 60_000 }, async () => {
    const file = tempFile();
    const db = await openNodeDb(`file:${file}`);
    opened.push(db);
    await db.executeMultiple(`
      CREATE TABLE w (id INTEGER PRIMARY KEY, tag TEXT NOT NULL, i INTEGER NOT NULL, UNIQUE (tag, i));
      CREATE TABLE total (id INTEGER PRIMARY KEY, n INTEGER NOT NULL);
      INSERT INTO total VALUES (1, 0);`);
    const per = 400;
    await Promise.all([writer(file, "a", per), writer(file, "b", per)]);
    const counts = await db.execute(
      "SELECT tag, COUNT(*) AS c, MAX(i) AS top FROM w GROUP BY tag ORDER BY tag",
    );
    expect(counts.rows.map((r) => ({ ...r }))).toEqual([
      { tag: "a", c: per, top: per - 1 },
      { tag: "b", c: per, top: per - 1 },
    ]);
    expect((await db.execute("SELECT n FROM total")).rows[0]?.n).toBe(2 * per);
    expect((await db.execute("PRAGMA integrity_check")).rows[0]?.integrity_check).toBe("ok");
  });
});
