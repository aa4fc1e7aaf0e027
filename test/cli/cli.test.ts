// The `timecredits` command run for real, as a child process on a temp database file: migrate, import
// (idempotent; a bad file imports nothing), export as JSON and CSV, and set-webhook against a fake Bot API.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { parseScheme } from "../../src/scheme/schema.ts";
import { migrations } from "../../src/store/migrations/index.ts";
import { openNodeDb } from "../../src/store/node-client.ts";
import { createHarness, demoScheme } from "../support/harness.ts";
import { roomyDemoScheme } from "../support/roomy-scheme.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DEMO = join(ROOT, "examples/demo-scheme.json");
const DEMO_COUNTS = "Imported 9 partners, 12 contacts, 5 offers, 5 events, 3 members.";
const TOKEN = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0";
const SECRET = "webhook-secret_7f3a9c";
const tmp = mkdtempSync(join(tmpdir(), "timecredits-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let dbCount = 0;
/** A fresh database file for one test. */
const freshDb = () => `file:${join(tmp, `t${++dbCount}.db`)}`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/timecredits.mjs …` with only the given settings (nothing leaks in from this process). */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/timecredits.mjs", ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? "", ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

/** Row counts of the scheme tables and the ledger. */
async function counts(url: string): Promise<Record<string, number>> {
  const db = await openNodeDb(url);
  try {
    const out: Record<string, number> = {};
    for (const table of [
      "scheme",
      "partners",
      "partner_contacts",
      "offers",
      "events",
      "members",
      "ledger_entries",
    ]) {
      out[table] = Number((await db.execute(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
    }
    return out;
  } finally {
    db.close();
  }
}

describe("migrate and import", () => {
  test("migrate applies the migrations once, then says the database is up to date", async () => {
    const env = { DATABASE_URL: freshDb() };
    const first = await cli(["migrate"], env);
    expect(first).toMatchObject({
      code: 0,
      stdout: `Applied migrations: ${migrations.map((m) => m.id).join(", ")}\n`,
    });
    const second = await cli(["migrate"], env);
    expect(second).toMatchObject({ code: 0, stdout: "Database is up to date.\n" });
  });

  test("import prints what it loaded and is idempotent", async () => {
    const url = freshDb();
    const first = await cli(["import", DEMO], { DATABASE_URL: url });
    expect(first).toMatchObject({ code: 0, stdout: `${DEMO_COUNTS}\n` });
    const after = await counts(url);
    expect(after).toMatchObject({
      scheme: 1,
      partners: 9,
      partner_contacts: 12,
      offers: 5,
      events: 5,
      members: 3,
    });

    const second = await cli(["import", DEMO], { DATABASE_URL: url });
    expect(second).toMatchObject({ code: 0, stdout: `${DEMO_COUNTS}\n` });
    expect(await counts(url)).toEqual(after);
  });

  test("an invalid scheme file exits 1, lists every error's path, and imports nothing", async () => {
    const url = freshDb();
    const scheme = demoScheme() as {
      members: Array<{ phone: string }>;
      offers: Array<{ partner: string }>;
    };
    scheme.members[1] = { ...scheme.members[1], phone: "12345" } as { phone: string };
    scheme.offers[0] = { ...scheme.offers[0], partner: "nowhere" } as { partner: string };
    const file = join(tmp, "bad-scheme.json");
    writeFileSync(file, JSON.stringify(scheme));

    const run = await cli(["import", file], { DATABASE_URL: url });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("nothing was imported");
    expect(run.stderr).toMatch(/members\.1\.phone: .*12345/);
    expect(run.stderr).toMatch(/offers\.0\.partner: .*nowhere/);
    expect(await counts(url)).toEqual({
      scheme: 0,
      partners: 0,
      partner_contacts: 0,
      offers: 0,
      events: 0,
      members: 0,
      ledger_entries: 0,
    });
  });

  test("an unknown command or a missing file name prints the usage and exits 2", async () => {
    const env = { DATABASE_URL: freshDb() };
    for (const args of [["frobnicate"], ["import"], ["export", "--format", "xml"]]) {
      const run = await cli(args, env);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toContain("usage: timecredits");
    }
  });

  test("a malformed setting stops the command with a message naming it", async () => {
    const run = await cli(["migrate"], { DATABASE_URL: "postgres://x" });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("DATABASE_URL");
  });
});

describe("export", () => {
  test("export prints the scheme as JSON that is a valid scheme file and re-imports to no change", async () => {
    const url = freshDb();
    await cli(["import", DEMO], { DATABASE_URL: url });
    const run = await cli(["export"], { DATABASE_URL: url });
    expect(run.code).toBe(0);
    const parsed = parseScheme(JSON.parse(run.stdout));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.scheme.partners.map((p) => p.id)).toEqual(
      (demoScheme() as { partners: Array<{ id: string }> }).partners.map((p) => p.id),
    );

    const before = await counts(url);
    const file = join(tmp, "exported.json");
    writeFileSync(file, run.stdout);
    expect(await cli(["import", file], { DATABASE_URL: url })).toMatchObject({
      code: 0,
      stdout: `${DEMO_COUNTS}\n`,
    });
    expect(await counts(url)).toEqual(before);
  });

  test("export leaves out a number a partner invited until it joins, so the file still imports", async () => {
    const url = freshDb();
    expect((await cli(["migrate"], { DATABASE_URL: url })).code).toBe(0);
    const h = await createHarness({ dbUrl: url });
    const invited = await h.sms("+447700900001", "LOG 3 07700900555 staithe"); // Kate logs for a new number
    expect(invited.messages.join("\n")).toContain("+447700900555");
    await h.flush();
    expect(await h.rows("SELECT name, consent_at FROM members WHERE phone = '+447700900555'")).toEqual([
      { name: "", consent_at: null },
    ]);

    const run = await cli(["export"], { DATABASE_URL: url });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("+447700900555");
    const file = join(tmp, "exported-with-invite.json");
    writeFileSync(file, run.stdout);
    const before = await counts(url);
    expect(await cli(["import", file], { DATABASE_URL: url })).toMatchObject({
      code: 0,
      stdout: `${DEMO_COUNTS}\n`,
    });
    expect(await counts(url)).toEqual(before);
    expect(await h.rows("SELECT source, consent_at FROM members WHERE phone = '+447700900555'")).toEqual([
      { source: "invited", consent_at: null },
    ]);
  });

  test("export --format csv prints a header row and one row per ledger entry", async () => {
    const url = freshDb();
    expect((await cli(["migrate"], { DATABASE_URL: url })).code).toBe(0);
    // Three requests before any is confirmed: past a newcomer's cap, which is not the subject here.
    const h = await createHarness({ dbUrl: url, scheme: roomyDemoScheme() });
    await h.sms("+447700900101", "LOG 2 staithe");
    await h.sms("+447700900101", "LOG 1h30 oasis cleaning");
    await h.sms("+447700900101", "LOG 3 staithe gardening yesterday");

    const run = await cli(["export", "--format", "csv"], { DATABASE_URL: url });
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split("\r\n");
    expect(header).toBe(
      "id,created_at,member_id,member,kind,status,minutes,credits,partner_id,activity,day,settled_at",
    );
    expect(rows).toHaveLength(3);
    const cells = rows.map((r) => r.split(","));
    expect(cells.map((c) => [c[3], c[4], c[5], c[6], c[7], c[8], c[10]])).toEqual([
      ["Sharon", "earning", "pending", "120", "2", "staithe", "2026-11-28"],
      ["Sharon", "earning", "pending", "90", "1.5", "oasis", "2026-11-28"],
      ["Sharon", "earning", "pending", "180", "3", "staithe", "2026-11-27"],
    ]);
    expect(cells.map((c) => c[9])).toEqual(["", "cleaning", "gardening"]);
  });
});

describe("set-webhook", () => {
  interface BotApiCall {
    method: string;
    path: string;
    body: unknown;
  }

  /** A Bot API stand-in on 127.0.0.1 that records each call and answers with `answer`. */
  async function fakeBotApi(answer: { status: number; body: unknown }) {
    const calls: BotApiCall[] = [];
    const server: Server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        calls.push({ method: req.method ?? "", path: req.url ?? "", body: text ? JSON.parse(text) : null });
        res.writeHead(answer.status, { "content-type": "application/json" });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    return { url: `http://127.0.0.1:${port}`, calls, close };
  }

  const settings = (apiRoot: string) => ({
    PUBLIC_URL: "https://bot.example.org",
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: apiRoot,
  });

  test("registers PUBLIC_URL/telegram with the secret and prints the Twilio URL, never the token", async () => {
    const api = await fakeBotApi({
      status: 200,
      body: { ok: true, result: true, description: "Webhook was set" },
    });
    try {
      const run = await cli(["set-webhook"], settings(api.url));
      expect(run.code).toBe(0);
      expect(api.calls).toHaveLength(1);
      expect(api.calls[0]).toMatchObject({ method: "POST", path: `/bot${TOKEN}/setWebhook` });
      expect(api.calls[0]?.body).toMatchObject({
        url: "https://bot.example.org/telegram",
        secret_token: SECRET,
        allowed_updates: expect.arrayContaining(["message", "callback_query"]),
      });
      expect(run.stdout).toContain("POST https://bot.example.org/sms");
      expect(run.stdout).toContain("https://bot.example.org/telegram");
      for (const secret of [TOKEN, TOKEN.split(":")[1] ?? TOKEN, SECRET]) {
        expect(run.stdout + run.stderr).not.toContain(secret);
      }
    } finally {
      await api.close();
    }
  });

  test("a refusal from Telegram exits 1 with its description, still without the token", async () => {
    const api = await fakeBotApi({
      status: 401,
      body: { ok: false, error_code: 401, description: "Unauthorized" },
    });
    try {
      const run = await cli(["set-webhook"], settings(api.url));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("Unauthorized");
      expect(run.stdout + run.stderr).not.toContain(TOKEN.split(":")[1] ?? TOKEN);
    } finally {
      await api.close();
    }
  });

  test("without Telegram settings it only prints the Twilio URL and says what is missing", async () => {
    const run = await cli(["set-webhook"], { PUBLIC_URL: "https://bot.example.org" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("POST https://bot.example.org/sms");
    expect(run.stdout).toContain("TELEGRAM_BOT_TOKEN");
  });
});
