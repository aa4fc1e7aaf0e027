// Settings: defaults, a malformed setting stops start-up naming it, a channel without credentials is
// off (its route answers 503 naming what is missing), and /health reports whether the database answers.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { createApp } from "../src/app.ts";
import { type Config, ConfigError, createConfig } from "../src/config.ts";
import { migrate } from "../src/store/db.ts";
import { openNodeDb } from "../src/store/node-client.ts";
import { createHarness } from "./support/harness.ts";

const SID = `AC${"0123456789abcdef".repeat(2)}`;
const TWILIO = {
  TWILIO_ACCOUNT_SID: SID,
  TWILIO_AUTH_TOKEN: "twilio-auth-token",
  TWILIO_FROM: "+447700900999",
};
const TELEGRAM = {
  TELEGRAM_BOT_TOKEN: "123456:ABCdefGHIjklMNOpqrSTUvwx",
  TELEGRAM_WEBHOOK_SECRET: "hook-secret_1-0123456789",
};

const tmp = mkdtempSync(join(tmpdir(), "timecredits-config-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function problemsOf(input: Record<string, string>): string[] {
  try {
    createConfig(input);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("createConfig accepted the settings");
}

describe("createConfig", () => {
  test("defaults when nothing is set", () => {
    const config = createConfig({});
    expect(config).toMatchObject({
      port: 8787,
      databaseUrl: "file:./data/timecredits.db",
      publicUrl: "http://localhost:8787",
      timezone: "Europe/London",
      production: false,
      twilio: { missing: "TWILIO_ACCOUNT_SID" },
      telegram: { missing: "TELEGRAM_BOT_TOKEN" },
    });
    expect(config.adminToken).toBeUndefined();
    expect(config.databaseAuthToken).toBeUndefined();
  });

  test("PUBLIC_URL follows PORT by default, and loses a trailing slash when given", () => {
    expect(createConfig({ PORT: "3000" }).publicUrl).toBe("http://localhost:3000");
    expect(createConfig({ PUBLIC_URL: "https://bot.example.org/tc/" }).publicUrl).toBe(
      "https://bot.example.org/tc",
    );
  });

  test("the API base URLs default to Twilio's and Telegram's", () => {
    const config = createConfig({ ...TWILIO, ...TELEGRAM });
    expect(config.twilio).toEqual({
      accountSid: SID,
      authToken: "twilio-auth-token",
      from: "+447700900999",
      statusCallback: "http://localhost:8787/sms/status",
      apiUrl: "https://api.twilio.com",
    });
    expect(config.telegram).toEqual({
      token: TELEGRAM.TELEGRAM_BOT_TOKEN,
      secret: TELEGRAM.TELEGRAM_WEBHOOK_SECRET,
      apiRoot: "https://api.telegram.org",
    });
  });

  test("empty strings count as unset (a blank line in .env or wrangler.toml)", () => {
    const config = createConfig({ PORT: "", DATABASE_URL: "", ...TWILIO, TWILIO_FROM: "", ADMIN_TOKEN: "" });
    expect(config).toMatchObject({ port: 8787, twilio: { missing: "TWILIO_FROM" } });
    expect(config.adminToken).toBeUndefined();
  });

  test.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "postgres://x"],
    ["PUBLIC_URL", "not a url"],
    ["PUBLIC_URL", "ftp://bot.example.org"],
    ["TWILIO_ACCOUNT_SID", "XY"],
    ["TWILIO_FROM", "123"],
    ["TWILIO_API_URL", "api.twilio.com"],
    ["TELEGRAM_BOT_TOKEN", "not-a-token"],
    ["TELEGRAM_WEBHOOK_SECRET", "has spaces"],
    ["TELEGRAM_API_ROOT", "telegram"],
    ["SCHEME_TIMEZONE", "Mars/Base"],
    ["ADMIN_TOKEN", "short"],
  ])("%s=%s stops start-up with a ConfigError naming %s", (name, value) => {
    expect(() => createConfig({ [name]: value })).toThrow(ConfigError);
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${name}: `));
    // The value itself may be a secret: it is not repeated.
    expect(problems[0]).not.toContain(value);
  });

  test("every bad setting is named at once, in the error's message too", () => {
    const problems = problemsOf({ PORT: "abc", ADMIN_TOKEN: "short", SCHEME_TIMEZONE: "Mars/Base" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["ADMIN_TOKEN", "PORT", "SCHEME_TIMEZONE"]);
    expect(() => createConfig({ PORT: "abc", ADMIN_TOKEN: "short" })).toThrow(/PORT[\s\S]*ADMIN_TOKEN/);
  });

  test.each([
    [{ TWILIO_AUTH_TOKEN: "t", TWILIO_FROM: "+447700900999" }, "twilio", "TWILIO_ACCOUNT_SID"],
    [{ TWILIO_ACCOUNT_SID: SID, TWILIO_FROM: "+447700900999" }, "twilio", "TWILIO_AUTH_TOKEN"],
    [{ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "t" }, "twilio", "TWILIO_FROM"],
    [{ TWILIO_ACCOUNT_SID: SID }, "twilio", "TWILIO_AUTH_TOKEN"],
    [{ TELEGRAM_WEBHOOK_SECRET: "s3cret-webhook-0123456789" }, "telegram", "TELEGRAM_BOT_TOKEN"],
    [{ TELEGRAM_BOT_TOKEN: TELEGRAM.TELEGRAM_BOT_TOKEN }, "telegram", "TELEGRAM_WEBHOOK_SECRET"],
  ] as const)("a channel with credentials missing is off: %o → %s missing %s", (env, channel, missing) => {
    const config: Config = createConfig(env);
    expect(config[channel]).toEqual({ missing });
  });
});

describe("modes (F1, F10)", () => {
  test.each([
    [{}, { production: false, demo: true, simulator: true, host: "127.0.0.1" }],
    [{ NODE_ENV: "Production" }, { production: true, demo: false, simulator: false, host: "0.0.0.0" }],
    [{ NODE_ENV: " PRODUCTION " }, { production: true, demo: false, simulator: false }],
    [{ NODE_ENV: "test" }, { production: false, demo: true, simulator: true }],
    [{ ...TELEGRAM }, { production: false, demo: false, simulator: false, host: "0.0.0.0" }],
    [{ TWILIO_AUTH_TOKEN: "only-one-of-them" }, { demo: false, simulator: false }],
    [
      { ...TELEGRAM, SIMULATOR: "on" },
      { demo: false, simulator: true, host: "127.0.0.1" },
    ],
    [
      { ...TELEGRAM, SIMULATOR: "ON", HOST: "10.0.0.5" },
      { simulator: true, host: "10.0.0.5" },
    ],
    [{ SIMULATOR: "off" }, { demo: true, simulator: false, host: "127.0.0.1" }],
  ] as const)("%o → %o", (env, expected) => {
    expect(createConfig(env)).toMatchObject(expected);
  });

  test.each([
    [{ NODE_ENV: "prod" }, "NODE_ENV: must be development, production or test"],
    [{ NODE_ENV: "staging" }, "NODE_ENV: must be development, production or test"],
    [{ SIMULATOR: "yes" }, "SIMULATOR: must be on or off"],
    [{ HOST: "evil host" }, "HOST: must be a host name or an IP address"],
    [{ ...TELEGRAM, TELEGRAM_WEBHOOK_SECRET: "a" }, "TELEGRAM_WEBHOOK_SECRET: must be 16–256"],
    [{ ...TELEGRAM, TELEGRAM_WEBHOOK_SECRET: "x".repeat(15) }, "TELEGRAM_WEBHOOK_SECRET: must be 16–256"],
    [{ ...TWILIO, NODE_ENV: "production" }, "PUBLIC_URL: must be set in production"],
    [
      { NODE_ENV: "production", PUBLIC_URL: "http://bot.example.org" },
      "PUBLIC_URL: must be https:// in production",
    ],
    [{ SESSION_SECRET: "too-short" }, "SESSION_SECRET: must be at least 32 characters"],
  ] as const)("%o stops start-up: %s", (env, message) => {
    expect(problemsOf(env).join("\n")).toContain(message);
  });

  test("production accepts an https PUBLIC_URL, or a local one for a trial behind no proxy", () => {
    expect(
      createConfig({ ...TWILIO, NODE_ENV: "production", PUBLIC_URL: "https://bot.example.org" }).production,
    ).toBe(true);
    expect(createConfig({ NODE_ENV: "production", PUBLIC_URL: "http://localhost:8787" }).production).toBe(
      true,
    );
  });
});

describe("through the app", () => {
  test("with no Twilio settings POST /sms answers 503 naming the missing setting and records nothing", async () => {
    const h = await createHarness({
      env: { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "", TWILIO_FROM: "" },
    });
    const res = await h.app.request("/sms", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        MessageSid: `SM${"1".repeat(32)}`,
        From: "+447700900101",
        Body: "BALANCE",
      }).toString(),
    });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("TWILIO_ACCOUNT_SID");
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual([{ n: 0 }]);
  });

  test("with no Telegram settings POST /telegram answers 503 naming TELEGRAM_BOT_TOKEN", async () => {
    const h = await createHarness();
    const res = await h.app.request("/telegram", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ update_id: 1 }),
    });
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("TELEGRAM_BOT_TOKEN");
  });

  test('GET /health answers 200 {"ok":true} while the database answers, 503 once it is closed', async () => {
    const db = await openNodeDb(`file:${join(tmp, "health.db")}`);
    await migrate(db);
    // The harness's app, on a database file this test can close.
    const h = await createHarness();
    const app = createApp({ ...h.deps, db });
    const up = await app.request("/health");
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ ok: true });

    db.close();
    const down = await app.request("/health");
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ok: false });
  });
});
