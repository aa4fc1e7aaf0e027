// The test database server speaks Hrana the way the Worker's client (`@libsql/client/web`) needs, from
// inside workerd: values both ways, a batch as one transaction, errors that keep SQLite's message (the
// app retries on "UNIQUE constraint failed" and "CHECK constraint failed: ok = 1"), and batons.
import { LibsqlError } from "@libsql/client/web";
import { beforeAll, describe, expect, test } from "vitest";
import { isConflict } from "../../src/store/db.ts";
import { db, expectFreshDatabase, rows } from "./support.ts";

beforeAll(async () => {
  await expectFreshDatabase();
  await db.execute("CREATE TABLE hrana_t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, n INTEGER, r REAL, b BLOB)");
});

async function failure(run: () => Promise<unknown>): Promise<LibsqlError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(LibsqlError);
    return error as LibsqlError;
  }
  throw new Error("expected a failure");
}

describe("the Hrana server, through @libsql/client/web in workerd", () => {
  test("values round-trip: null, integers, floats, text and blobs", async () => {
    const blob = new Uint8Array([0, 1, 254, 255]);
    const inserted = await db.execute({
      sql: "INSERT INTO hrana_t (k, n, r, b) VALUES (?, ?, ?, ?)",
      args: ["żółw ā", 9007199254740991n, 2.5, blob],
    });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);
    const result = await db.execute(
      "SELECT k, n, r, b, NULL AS z, typeof(n) AS tn, typeof(r) AS tr, 3 AS i FROM hrana_t",
    );
    expect(result.columns).toEqual(["k", "n", "r", "b", "z", "tn", "tr", "i"]);
    expect(result.columnTypes.slice(0, 4)).toEqual(["TEXT", "INTEGER", "REAL", "BLOB"]);
    const row = result.rows[0];
    expect(row?.k).toBe("żółw ā");
    expect(row?.n).toBe(9007199254740991);
    expect(row?.r).toBe(2.5);
    expect(new Uint8Array(row?.b as ArrayBuffer)).toEqual(blob);
    expect(row?.z).toBeNull();
    expect([row?.tn, row?.tr, row?.i]).toEqual(["integer", "real", 3]);
    // A JS number goes as a Hrana float, as to sqld: stored REAL unless the column's affinity says otherwise.
    expect(await rows("SELECT typeof(?) AS t, typeof(CAST(? AS INTEGER)) AS u", 2, 2)).toEqual([
      { t: "real", u: "integer" },
    ]);
  });

  test("constraint errors keep SQLite's message, so the app's retry sees a conflict", async () => {
    const unique = await failure(() =>
      db.execute({ sql: "INSERT INTO hrana_t (k) VALUES (?)", args: ["żółw ā"] }),
    );
    expect(unique.message).toContain("UNIQUE constraint failed: hrana_t.k");
    expect(isConflict(unique)).toBe(true);
    // The write guard: a guarded statement that changed nothing makes the batch fail its CHECK.
    const check = await failure(() =>
      db.batch(
        ["UPDATE hrana_t SET n = n WHERE k = 'nobody'", "INSERT INTO write_guard (ok) VALUES (changes())"],
        "write",
      ),
    );
    expect(check.message).toContain("CHECK constraint failed: ok = 1");
    expect(isConflict(check)).toBe(true);
    const syntax = await failure(() => db.execute("SELEC 1"));
    expect(syntax.message).toMatch(/syntax error/);
    expect(isConflict(syntax)).toBe(false);
  });

  test("a batch is one transaction: a failing statement undoes the ones before it", async () => {
    await failure(() =>
      db.batch(
        [
          { sql: "INSERT INTO hrana_t (k) VALUES (?)", args: ["batch-1"] },
          { sql: "INSERT INTO hrana_t (k) VALUES (?)", args: ["żółw ā"] },
        ],
        "write",
      ),
    );
    expect(await rows("SELECT COUNT(*) AS n FROM hrana_t WHERE k = 'batch-1'")).toEqual([{ n: 0 }]);
    const results = await db.batch(
      [
        { sql: "INSERT INTO hrana_t (k) VALUES (?) RETURNING id", args: ["batch-2"] },
        "SELECT COUNT(*) AS n FROM hrana_t",
      ],
      "write",
    );
    expect(results.map((r) => r.rowsAffected)).toEqual([1, 0]);
    expect(results[1]?.rows[0]?.n).toBe(2);
  });

  test("executeMultiple runs a script; an interactive transaction keeps its connection by baton", async () => {
    await db.executeMultiple(
      "BEGIN; INSERT INTO hrana_t (k) VALUES ('multi-1'); INSERT INTO hrana_t (k) VALUES ('multi-2'); COMMIT;",
    );
    expect(await rows("SELECT COUNT(*) AS n FROM hrana_t WHERE k LIKE 'multi-%'")).toEqual([{ n: 2 }]);
    const tx = await db.transaction("write");
    await tx.execute("INSERT INTO hrana_t (k) VALUES ('tx-1')");
    expect((await tx.execute("SELECT COUNT(*) AS n FROM hrana_t WHERE k = 'tx-1'")).rows[0]?.n).toBe(1);
    await tx.rollback();
    expect(await rows("SELECT COUNT(*) AS n FROM hrana_t WHERE k = 'tx-1'")).toEqual([{ n: 0 }]);
    const kept = await db.transaction("write");
    await kept.execute("INSERT INTO hrana_t (k) VALUES ('tx-2')");
    await kept.commit();
    expect(await rows("SELECT COUNT(*) AS n FROM hrana_t WHERE k = 'tx-2'")).toEqual([{ n: 1 }]);
  });
});
