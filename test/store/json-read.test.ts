// The combined read (src/store/json-read.ts) on a real database: each query's rows come back under its
// key, one statement is kept per shape of queries, and under test a kept statement that is not the one
// its queries make is refused instead of being sent with the wrong arguments.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { combine, readCombined, select } from "../../src/store/json-read.ts";
import { openNativeDb } from "../../src/store/native-db.ts";

const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function db() {
  const native = openNativeDb(join(mkdtempSync(join(tmpdir(), "tc-json-")), "db.sqlite"));
  opened.push(native);
  await native.executeMultiple(`
    CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT, n INTEGER);
    INSERT INTO p (name, n) VALUES ('ala', 1), ('ēriks', 2), ('bob', 3);`);
  return native;
}

describe("combine", () => {
  it("reads each query's rows under its key, with the arguments of this call", async () => {
    const native = await db();
    const queries = (min: number, name: string) => ({
      many: select(["id", "name", "n * 2 AS twice"], "FROM p WHERE n >= ? ORDER BY id", min),
      one: select(["n"], "FROM p WHERE name = ?", name),
    });
    for (const [min, name, many, one] of [
      [2, "ēriks", [2, 3], [2]],
      [1, "bob", [1, 2, 3], [3]],
      [4, "nobody", [], []],
    ] as const) {
      const q = queries(min, name);
      const [result] = await native.batch([combine(q)], "read");
      const rows = readCombined(result, q);
      expect(rows.many.map((r) => r.id)).toEqual(many);
      expect(rows.many.every((r) => r.twice === Number(r.id) * 2)).toBe(true);
      expect(rows.one.map((r) => r.n)).toEqual(one);
    }
  });

  it("sends the same statement text for queries of the same shape", () => {
    const a = combine({ x: select(["id"], "FROM p WHERE n = ?", 1) });
    const b = combine({ x: select(["id"], "FROM p WHERE n = ?", 7) });
    expect(b.sql).toBe(a.sql);
    expect([a.args, b.args]).toEqual([[1], [7]]);
    const other = combine({ y: select(["id"], "FROM p WHERE n = ?", 1) });
    expect(other.sql).not.toBe(a.sql);
  });

  it("refuses a kept statement that its queries do not make (same names and lengths)", () => {
    combine({ z: select(["id"], "FROM p WHERE n < ?", 1) });
    expect(() => combine({ z: select(["id"], "FROM p WHERE n > ?", 1) })).toThrow(/not the one/);
  });
});
