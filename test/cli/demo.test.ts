// `timecredits demo` run for real, as a child process on a temp database file: it seeds the demo and
// says what it made; its ledger exports whole through a pipe; a second run adds nothing; a database that holds a real scheme is refused with
// exit code 2 and left as it was; a bad --months is a usage error.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { openNodeDb } from "../../src/store/node-client.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "timecredits-cli-demo-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let dbCount = 0;
const freshDb = () => `file:${join(tmp, `d${++dbCount}.db`)}`;

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/timecredits.mjs", ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env } },
      (error, stdout, stderr) =>
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : -1) : 0,
          stdout: String(stdout),
          stderr: String(stderr),
        }),
    );
  });
}

async function counts(url: string): Promise<{ members: number; entries: number; origin: string }> {
  const db = await openNodeDb(url);
  try {
    const r = await db.execute(
      `SELECT (SELECT COUNT(*) FROM members) AS members, (SELECT COUNT(*) FROM ledger_entries) AS entries,
              (SELECT origin FROM scheme_origin) AS origin`,
    );
    const row: Record<string, unknown> = r.rows[0] ?? {};
    return { members: Number(row.members), entries: Number(row.entries), origin: String(row.origin) };
  } finally {
    db.close();
  }
}

describe("timecredits demo", () => {
  test("seeds the demo and its history once; a second run adds nothing", async () => {
    const env = { DATABASE_URL: freshDb() };
    const first = await cli(["demo", "--months", "2"], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^Seeded 2 months of demo history/);
    expect(first.stdout).toMatch(/150 members \(\d+ en, \d+ pl, \d+ lv\)/);
    const seeded = await counts(env.DATABASE_URL);
    expect(seeded).toMatchObject({ members: 153, origin: "demo" });
    expect(seeded.entries).toBeGreaterThan(200);
    // The whole ledger comes out through a pipe too (it is well past the 64 KB a pipe holds at once).
    const csv = await cli(["export", "--format", "csv"], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.length).toBeGreaterThan(64 * 1024);
    expect(csv.stdout.trimEnd().split("\r\n")).toHaveLength(seeded.entries + 1);
    const second = await cli(["demo"], env);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/already seeded/);
    expect(await counts(env.DATABASE_URL)).toEqual(seeded);
  });

  test("refuses a database that holds a real scheme, with exit code 2, and leaves it alone", async () => {
    const env = { DATABASE_URL: freshDb() };
    expect((await cli(["import", "examples/demo-scheme.json"], env)).code).toBe(0);
    const before = await counts(env.DATABASE_URL);
    expect(before).toEqual({ members: 3, entries: 0, origin: "real" });
    const run = await cli(["demo", "--months=6"], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("This database holds a real scheme");
    expect(await counts(env.DATABASE_URL)).toEqual(before);
  });

  test.each([
    ["--months", "0"],
    ["--months", "25"],
    ["--months", "six"],
    ["--weeks", "3"],
  ])("%s %s is a usage error", async (...args) => {
    const run = await cli(["demo", ...args], { DATABASE_URL: freshDb() });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("demo [--months N]");
  });
});
