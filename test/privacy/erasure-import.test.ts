// After DELETE ME, a re-imported scheme file that still lists the person does not register them again:
// the erasure list holds a keyed digest of their number (never the number), the import skips them and
// says how many, and the CLI prints it. If they come back and join by themselves, they are a member
// like anyone else. Their open request is withdrawn: the partner is told so, and never reminded.
import { execFile } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { tick } from "../../src/jobs/tick.ts";
import { importScheme } from "../../src/scheme/import.ts";
import { parseScheme } from "../../src/scheme/schema.ts";
import { erasureKey } from "../../src/store/privacy-erasure.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";

const ANNA = "+447700900100"; // registered by the coordinator in the demo file
const KATE = "+447700900001"; // contact, The Staithe
const ADMIN_TOKEN = "erasure-test-admin-token-0123456789";
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "timecredits-erasure-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const demo = () => {
  const parsed = parseScheme(demoScheme());
  if (!parsed.ok) throw new Error("demo scheme invalid");
  return parsed.scheme;
};

async function annaLogsThenLeaves(h: Harness): Promise<string> {
  await h.sms(ANNA, "GODZINY 2 staithe");
  const code = await latestCode(h, "staithe")();
  await h.sms(ANNA, "USUŃ MNIE");
  await h.sms(ANNA, "TAK");
  return code;
}

describe("the erasure list", () => {
  test("a re-import skips the erased member and counts them; the list holds no number", async () => {
    const h = await createHarness({ env: { ADMIN_TOKEN } });
    await annaLogsThenLeaves(h);
    const rows = await h.rows("SELECT digest, key_id FROM erasures");
    expect(rows).toHaveLength(1);
    expect(String(rows[0]?.key_id)).toMatch(/^hmac:[\w-]{8}$/);
    for (const trace of ["900100", "+44", "07700"]) expect(JSON.stringify(rows)).not.toContain(trace);

    const key = await erasureKey(h.db);
    const counts = await importScheme(h.db, demo(), new Date("2026-11-29T12:00:00Z"), { erasureKey: key });
    expect(counts).toMatchObject({ members: 2, skippedErased: 1 });
    expect(counts.uncheckedErasures).toBeUndefined();
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE phone = ? OR name = 'Anna'", ANNA)).toEqual([
      { n: 0 },
    ]);
    // Anna texting after the import is a stranger: the bot does not greet her by name.
    const hello = (await h.sms(ANNA, "hello")).messages.join("\n");
    expect(hello).not.toContain("Anna");
  });

  test("with or without ADMIN_TOKEN the digest is an HMAC under a key the database made, never sha256(phone)", async () => {
    const h = await createHarness();
    await annaLogsThenLeaves(h);
    const [row] = await h.rows("SELECT digest, key_id FROM erasures");
    const [stored] = await h.rows("SELECT secret FROM app_keys WHERE purpose = 'erasure'");
    expect(String(row?.key_id)).toMatch(/^hmac:[\w-]{8}$/);
    const secret = Buffer.from(String(stored?.secret), "base64url");
    expect(secret).toHaveLength(32);
    const text = `timecredits-erasure:phone:${ANNA}`;
    expect(row?.digest).toBe(createHmac("sha256", secret).update(text).digest("base64url"));
    for (const unkeyed of [text, ANNA, `phone:${ANNA}`])
      expect(row?.digest).not.toBe(createHash("sha256").update(unkeyed).digest("base64url"));
    const counts = await importScheme(h.db, demo(), new Date("2026-11-29T12:00:00Z"));
    expect(counts.skippedErased).toBe(1);
    expect(counts.uncheckedErasures).toBeUndefined();
  });

  test("someone who comes back and joins by themselves is a member again, and the import treats them so", async () => {
    const h = await createHarness({ env: { ADMIN_TOKEN } });
    await annaLogsThenLeaves(h);
    for (const text of ["Hello", "1", "Anna", "yes"]) await h.sms(ANNA, text);
    const [again] = await h.rows("SELECT id, name, source, deleted_at FROM members WHERE phone = ?", ANNA);
    expect(again).toMatchObject({ name: "Anna", source: "self", deleted_at: null });
    expect((await h.sms(ANNA, "BALANCE")).messages.join("\n")).toContain("0");

    const key = await erasureKey(h.db);
    const counts = await importScheme(h.db, demo(), new Date("2026-11-29T12:00:00Z"), { erasureKey: key });
    expect(counts).toMatchObject({ members: 3 });
    expect(counts.skippedErased).toBeUndefined();
    expect(await h.rows("SELECT id FROM members WHERE phone = ?", ANNA)).toEqual([{ id: again?.id }]);
    // Erased again later: one more digest is not needed, the list still has hers.
    await h.sms(ANNA, "DELETE ME");
    await h.sms(ANNA, "YES");
    expect(await h.rows("SELECT COUNT(*) AS n FROM erasures")).toEqual([{ n: 1 }]);
  });

  test("her open request is withdrawn: Kate is told so, not asked, and never reminded", async () => {
    const h = await createHarness();
    const code = await annaLogsThenLeaves(h);
    const answer = (await h.sms(KATE, `YES ${code}`)).messages.join("\n");
    expect(answer).toBe(`${code} was withdrawn: the member has left the scheme. Nothing to do.`);
    expect((await h.sms(KATE, "YES")).messages.join("\n")).toBe("There are no requests waiting for you.");
    h.setNow("2026-12-01T12:00:00Z");
    expect(await tick(h.deps)).toMatchObject({ reminded: 0, expired: 0 });
    expect(await h.rows("SELECT status, settled_by FROM ledger_entries")).toEqual([
      { status: "expired", settled_by: "erasure" },
    ]);
  });
});

describe("timecredits import", () => {
  const cli = (args: string[], env: Record<string, string>) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["bin/timecredits.mjs", ...args],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env } },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number(error.code ?? -1) : 0,
            stdout: String(stdout),
            stderr: String(stderr),
          }),
      );
    });

  test("prints how many erased members it skipped; a new ADMIN_TOKEN changes nothing; older digests are counted", async () => {
    const url = `file:${join(tmp, "cli.db")}`;
    const h = await createHarness({ env: { ADMIN_TOKEN }, dbUrl: url });
    await annaLogsThenLeaves(h);
    const demoFile = join(ROOT, "examples/demo-scheme.json");
    const run = await cli(["import", demoFile], { DATABASE_URL: url, ADMIN_TOKEN });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("5 offers");
    expect(run.stdout).toContain("2 members.");
    expect(run.stdout).toContain("Skipped 1 erased members (they asked to be deleted).");
    // The key lives in the database, not in ADMIN_TOKEN: rotating the token loses no erasure.
    const rotated = await cli(["import", demoFile], {
      DATABASE_URL: url,
      ADMIN_TOKEN: "another-admin-token-0123456789",
    });
    expect(rotated.stdout).toContain("Skipped 1 erased members");
    expect(rotated.stderr).toBe("");
    // A digest an older version made (keyed with ADMIN_TOKEN, or unkeyed) cannot be checked: said so.
    await h.rows("INSERT INTO erasures (digest, key_id, erased_at) VALUES ('old', 'sha256', '2026-01-01')");
    const older = await cli(["import", demoFile], { DATABASE_URL: url });
    expect(older.stderr).toContain("1 erasures were recorded with an older key and could not be checked");
  });
});
