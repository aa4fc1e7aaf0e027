// F1, F2, F10: what `npm start` serves depends on its settings, safe by default. The simulator is on
// only in the demo (no channel credentials, NODE_ENV ≠ production) or with SIMULATOR=on, and then
// listens on 127.0.0.1; demo data loads only in the demo and never over a real scheme; production
// refuses an empty database; NODE_ENV is read case-insensitively and an unknown value stops start-up.
// Each case runs the real Node entry in a child process.
import { mkdtempSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterEach, describe, expect, test } from "vitest";
import { importScheme } from "../../src/scheme/import.ts";
import { parseScheme } from "../../src/scheme/schema.ts";
import { migrate } from "../../src/store/db.ts";
import { type NodeServer, startNode } from "../support/node-server.ts";

const TWILIO = {
  TWILIO_ACCOUNT_SID: `AC${"1".repeat(32)}`,
  TWILIO_AUTH_TOKEN: "auth-token-for-modes-test",
  TWILIO_FROM: "+447700900999",
  TWILIO_API_URL: "http://127.0.0.1:9",
};
const TELEGRAM = {
  TELEGRAM_BOT_TOKEN: "123456:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0",
  TELEGRAM_WEBHOOK_SECRET: "modes-test-secret-0123456789",
  TELEGRAM_API_ROOT: "http://127.0.0.1:9",
};

let servers: NodeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
});

async function start(env: Record<string, string>, options: Parameters<typeof startNode>[1] = {}) {
  const server = await startNode(env, options);
  servers.push(server);
  return server;
}

async function count(databaseUrl: string, table: string): Promise<number> {
  const db = createClient({ url: databaseUrl, intMode: "number" });
  try {
    const exists = await db.execute({ sql: "SELECT 1 FROM sqlite_master WHERE name = ?", args: [table] });
    if (!exists.rows.length) return 0;
    return Number((await db.execute(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0]?.n);
  } finally {
    db.close();
  }
}

/** A non-loopback IPv4 address of this machine, if it has one. */
function outsideAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
}

async function status(url: string): Promise<number | "refused"> {
  try {
    return (await fetch(url)).status;
  } catch {
    return "refused";
  }
}

function tempDatabase(): string {
  return `file:${join(mkdtempSync(join(tmpdir(), "tc-modes-")), "db.sqlite")}`;
}

/** A small real scheme written into a database file, as `timecredits import` would. */
async function realSchemeDatabase(url: string): Promise<void> {
  const db = createClient({ url, intMode: "number" });
  await migrate(db);
  const parsed = parseScheme({
    scheme: { name: "Fenland Time Credits", timezone: "Europe/London" },
    partners: [{ id: "library", name: "Town Library", earn: true, spend: false, contacts: [] }],
  });
  if (!parsed.ok) throw new Error("test scheme invalid");
  await importScheme(db, parsed.scheme, new Date());
  db.close();
}

describe("the demo: no channel credentials, NODE_ENV unset", () => {
  test("loads the demo scheme, serves the simulator on 127.0.0.1 only, and says where", async () => {
    const s = await start({});
    expect(s.output()).toContain("listening on 127.0.0.1:");
    expect(s.output()).toContain(`Chat simulator: http://127.0.0.1:${s.port}/sim`);
    expect(await status(`${s.base}/sim`)).toBe(200);
    expect(await count(s.databaseUrl, "partners")).toBeGreaterThan(0);
    const outside = outsideAddress();
    if (outside) expect(await status(`http://${outside}:${s.port}/sim`)).toBe("refused");
    expect(s.output()).toMatch(/Seeded 6 months of demo history[\s\S]*150 members/);
  });

  test("prints a one-time dashboard link: it logs in once, then answers 410", async () => {
    const s = await start({});
    const link = /Dashboard \(a one-time link[^)]*\): (\S+)/.exec(s.output())?.[1];
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${s.port}/admin/login/link/`));
    const first = await fetch(link as string, { redirect: "manual" });
    expect(first.status).toBe(303);
    const cookie = first.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    expect((await fetch(`${s.base}/admin`, { headers: { cookie }, redirect: "manual" })).status).toBe(200);
    expect((await fetch(link as string, { redirect: "manual" })).status).toBe(410);
  });

  test("SIMULATOR=off turns the simulator off even in the demo", async () => {
    const s = await start({ SIMULATOR: "off" });
    expect(await status(`${s.base}/sim`)).toBe(404);
    expect(s.output()).not.toContain("Chat simulator");
  });

  test("a database that holds a real scheme gets no demo data", async () => {
    const dir = tempDatabase();
    await realSchemeDatabase(dir);
    const s = await start({}, { databaseUrl: dir });
    expect(await count(dir, "partners")).toBe(1);
    expect(s.output()).not.toContain("demo");
  });
});

describe("with channel credentials", () => {
  test("NODE_ENV unset: no simulator, no demo data, listening on all interfaces", async () => {
    const s = await start({ ...TWILIO, ...TELEGRAM });
    expect(await status(`${s.base}/sim`)).toBe(404);
    expect(await status(`${s.base}/sim/api/people`)).toBe(404);
    expect(await count(s.databaseUrl, "partners")).toBe(0);
    expect(s.output()).toContain("listening on 0.0.0.0:");
    expect(s.output()).toContain("holds no scheme yet");
  });

  test.each(["production", "Production", "PRODUCTION"])(
    "NODE_ENV=%s on an empty database refuses to start, loading nothing",
    async (NODE_ENV) => {
      const s = await start({ ...TELEGRAM, NODE_ENV }, { waitFor: "holds no scheme" });
      expect(await s.exited).toBe(1);
      expect(s.output()).toContain("npx timecredits import");
      expect(await count(s.databaseUrl, "partners")).toBe(0);
    },
  );

  test("NODE_ENV=production with no credentials at all is not the demo either", async () => {
    const s = await start({ NODE_ENV: "production" }, { waitFor: "holds no scheme" });
    expect(await s.exited).toBe(1);
    expect(await count(s.databaseUrl, "partners")).toBe(0);
  });

  test("SIMULATOR=on serves the simulator on 127.0.0.1 with a warning, over a real scheme", async () => {
    const url = tempDatabase();
    await realSchemeDatabase(url);
    const s = await start(
      { ...TWILIO, PUBLIC_URL: "https://bot.example.org", NODE_ENV: "production", SIMULATOR: "on" },
      { databaseUrl: url },
    );
    expect(await status(`${s.base}/sim`)).toBe(200);
    expect(s.output()).toContain("listening on 127.0.0.1:");
    expect(s.output()).toContain("SIMULATOR=on");
    expect(await count(url, "partners")).toBe(1);
  });

  test("HOST says where to listen", async () => {
    const s = await start({ HOST: "127.0.0.1", ...TWILIO });
    expect(s.output()).toContain("listening on 127.0.0.1:");
  });
});

describe("settings that stop start-up", () => {
  test.each([
    [{ NODE_ENV: "prod" }, "NODE_ENV: must be development, production or test"],
    [{ SIMULATOR: "yes" }, "SIMULATOR: must be on or off"],
    [{ ...TELEGRAM, TELEGRAM_WEBHOOK_SECRET: "short" }, "TELEGRAM_WEBHOOK_SECRET: must be 16–256"],
  ])("%o stops start-up naming the setting", async (env, message) => {
    const s = await start(env as Record<string, string>, { waitFor: "Invalid settings" });
    expect(await s.exited).toBe(1);
    expect(s.output()).toContain(message);
  });
});
