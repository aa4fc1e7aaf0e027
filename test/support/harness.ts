// A whole app on a real libSQL database for tests: the demo scheme (or a given one) imported,
// a movable clock, signed Twilio webhooks, and helpers to read the ledger and the outbox.
import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import type { Hono } from "hono";
import twilio from "twilio";
import { createApp } from "../../src/app.ts";
import { simRoutes } from "../../src/channels/sim/route.ts";
import { createConfig } from "../../src/config.ts";
import type { Deps, Logger } from "../../src/deps.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { importScheme } from "../../src/scheme/import.ts";
import { parseScheme } from "../../src/scheme/schema.ts";
import { type Db, migrate } from "../../src/store/db.ts";
import { openNodeDb } from "../../src/store/node-client.ts";
import { inboundSmsForm } from "./twilio-form.ts";

export const AUTH_TOKEN = "test_auth_token_0123456789";
export const ACCOUNT_SID = `AC${"0".repeat(32)}`;
export const SCHEME_NUMBER = "+447700900999";
export const PUBLIC_URL = "https://bot.example.org";

/**
 * Telegram ids the tests give the demo's people. The file itself has none: a real Telegram user with a
 * small id like 1001 would otherwise be a partner contact of every demo (security review F2). Tests
 * need Telegram identities to talk as, and these never reach a real Bot API.
 */
export const DEMO_TELEGRAM_IDS: Readonly<Record<string, number>> = {
  "+447700900001": 1001, // Kate, The Staithe
  "+447700900003": 1003, // Sue, Oasis
  "07700 900004": 1004, // Ilze, Oasis
  "+447700900006": 1006, // Dave, the playground
  "+447700900008": 1008, // Laura, the academy
  "+447700900011": 1011, // Gemma, the leisure centre
  "+447700900102": 2002, // Jānis, member
};

/** The demo scheme file, with the tests' Telegram ids (DEMO_TELEGRAM_IDS) added in memory. */
export function demoScheme(): unknown {
  const scheme = JSON.parse(
    readFileSync(new URL("../../examples/demo-scheme.json", import.meta.url), "utf8"),
  ) as {
    partners: Array<{ contacts: Array<{ phone?: string; telegramId?: number }> }>;
    members: Array<{ phone: string; telegramId?: number }>;
  };
  const withId = <T extends { phone?: string; telegramId?: number }>(person: T): T => {
    const id = person.phone ? DEMO_TELEGRAM_IDS[person.phone] : undefined;
    return id ? { ...person, telegramId: id } : person;
  };
  for (const partner of scheme.partners) partner.contacts = partner.contacts.map(withId);
  scheme.members = scheme.members.map(withId);
  return scheme;
}

export interface Harness {
  app: Hono;
  deps: Deps;
  /** The database as production opens it (src/store/node-client.ts): close() ends the connection. */
  db: Db & { close(): void };
  logs: string[];
  /** The clock every part of the app reads; move it with `setNow`. */
  setNow(iso: string): void;
  /** Sends a Twilio-signed SMS webhook; returns the HTTP status and the TwiML message bodies. */
  sms(
    from: string,
    body: string,
    opts?: { sid?: string; signature?: string },
  ): Promise<{ status: number; messages: string[] }>;
  /** Waits for work queued to run after answers (outbox deliveries). */
  flush(): Promise<void>;
  /** Rows of any query, as plain objects. */
  rows(sqlText: string, ...args: Array<string | number | null>): Promise<Record<string, unknown>[]>;
}

let sidCounter = 0;

export async function createHarness(
  options: {
    now?: string;
    env?: Record<string, string>;
    scheme?: unknown;
    fetch?: typeof fetch;
    dbUrl?: string;
  } = {},
): Promise<Harness> {
  // As npm start opens it: the same adapter, statement cache and pragmas as production.
  const db = await openNodeDb(options.dbUrl ?? ":memory:");
  await migrate(db);
  const parsed = parseScheme(options.scheme ?? demoScheme());
  if (!parsed.ok) throw new Error(`test scheme invalid: ${JSON.stringify(parsed.errors)}`);
  let now = new Date(options.now ?? "2026-11-28T12:00:00Z");
  await importScheme(db, parsed.scheme, now);
  const config = createConfig({
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: SCHEME_NUMBER,
    TWILIO_API_URL: "http://127.0.0.1:9",
    // The harness serves /sim, as SIMULATOR=on does: messages on a channel without settings go there.
    SIMULATOR: "on",
    ...options.env,
  });
  const logs: string[] = [];
  const log: Logger = {
    info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
  };
  const pending: Promise<unknown>[] = [];
  let seed = 20261128;
  const deps: Deps = {
    config,
    db,
    i18n: createI18n(),
    log,
    now: () => now,
    // A fixed sequence makes request codes the same on every run.
    random: () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    },
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    later: (work) => void pending.push(work.catch(() => undefined)),
  };
  const app = createApp(deps, { mount: (a) => a.route("/sim", simRoutes(deps)) });
  const xml = new XMLParser({
    isArray: (name) => name === "Message",
    parseTagValue: false,
    trimValues: false,
  });
  return {
    app,
    deps,
    db,
    logs,
    setNow: (iso) => {
      now = new Date(iso);
    },
    async sms(from, body, opts = {}) {
      const sid = opts.sid ?? `SM${String(++sidCounter).padStart(32, "0")}`;
      const params = inboundSmsForm({ from, body, sid, to: SCHEME_NUMBER, accountSid: ACCOUNT_SID });
      const url = `${PUBLIC_URL}/sms`;
      const signature = opts.signature ?? twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
      const res = await app.request("/sms", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params).toString(),
      });
      const text = await res.text();
      if (res.status !== 200) return { status: res.status, messages: [] };
      const parsed = xml.parse(text) as { Response?: { Message?: string[] } | string };
      const response = parsed.Response;
      const messages = typeof response === "object" && response?.Message ? response.Message.map(String) : [];
      return { status: res.status, messages };
    },
    async flush() {
      while (pending.length) await Promise.all(pending.splice(0));
    },
    async rows(sqlText, ...args) {
      const result = await db.execute({ sql: sqlText, args });
      return result.rows.map((r) => ({ ...r }));
    },
  };
}
