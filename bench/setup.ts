// The bench's world: a temporary WAL file database with the demo scheme (plus generated members and
// partner contacts), the real app built on a round-trip-counting Db with a fixed clock, and the raw
// floor (one signature check, one read batch, one write batch, no logic) on the same database.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { Hono } from "hono";
import { createApp } from "../src/app.ts";
import { verifyTwilioSignature } from "../src/channels/sms/signature.ts";
import { createConfig } from "../src/config.ts";
import { type Deps, silentLogger } from "../src/deps.ts";
import { createI18n } from "../src/i18n/index.ts";
import { importScheme } from "../src/scheme/import.ts";
import { parseScheme } from "../src/scheme/schema.ts";
import { type Db, migrate, sql, tuneFileDb } from "../src/store/db.ts";
import { openNodeDb } from "../src/store/node-client.ts";
import { type CountingDb, countingDb, emptyResult } from "../test/support/counting-db.ts";
import { currentMessage } from "./measure.ts";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  BOT_TOKEN,
  PUBLIC_URL,
  SCHEME_NUMBER,
  smsRequest,
  type TgUser,
  telegramRequest,
  textUpdate,
  WEBHOOK_SECRET,
} from "./wire.ts";

export const NOW = "2026-11-28T12:00:00Z";

/** Partners whose requests the partner-YES flow answers, each given extra contacts (and their alias). */
export const YES_PARTNERS = [
  { id: "oasis", alias: "oasis" },
  { id: "childrens-centre", alias: "rainbow" },
  { id: "playground", alias: "playground" },
  { id: "academy", alias: "academy" },
] as const;
export const CONTACTS_PER_PARTNER = 8;

export interface Person {
  name: string;
  phone: string;
  telegramId: number;
}

export interface World {
  dir: string;
  raw: Db & { close(): void };
  db: CountingDb;
  deps: Deps;
  app: Hono;
  floor: Hono;
  /** The floor's own connection: @libsql/client, whatever openNodeDb opens for the app. */
  floorDb: CountingDb;
  /** Members nobody has used yet, per channel they will write on. */
  take(channel: "sms" | "telegram", n: number): Person[];
  /** Generated contacts of each YES partner. */
  contacts: Record<string, Person[]>;
  /** Delivery claims the counting Db answered with nothing (so delivery never ran). */
  skippedDeliveries(): number;
  close(): void;
}

/** A port nothing listens on, for the Twilio and Bot API base URLs (nothing is sent there anyway). */
async function unusedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 9;
      server.close(() => resolve(port));
    });
  });
}

function person(prefix: string, i: number, telegramBase: number, phoneBase: string): Person {
  return {
    name: `${prefix} ${i}`,
    // E.164 for the UK: +44 and ten digits.
    phone: `${phoneBase}${String(i).padStart(13 - phoneBase.length, "0")}`,
    telegramId: telegramBase + i,
  };
}

/**
 * The outbox delivery's claim (src/jobs/outbox.ts deliverDue): its first statement takes due rows.
 * Matched on the first statement only: the claim's batch also reads the scheme's settings.
 */
export function isDeliveryClaim(statements: string[]): boolean {
  return /^\s*UPDATE outbox SET attempts = attempts \+ 1/i.test(statements[0] ?? "");
}

// biome-ignore lint/suspicious/noExplicitAny: the scheme file is JSON, checked by parseScheme below.
type SchemeJson = any;

export async function createWorld(
  membersPerChannel: number,
  /** Changes to the bench's copy of the demo scheme before it is imported (extra partners, members). */
  extend: (scheme: SchemeJson) => void = () => undefined,
): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), "timecredits-bench-"));
  const raw = await openNodeDb(`file:${join(dir, "bench.db")}`);
  await migrate(raw);
  const scheme = JSON.parse(readFileSync(new URL("../examples/demo-scheme.json", import.meta.url), "utf8"));
  // Room for every booking the bench makes: a full event would change what EVENTS → 1 offers.
  for (const event of scheme.events) event.capacity = 100_000;
  // The bench's clock stands still, so every message of a run falls in one rate-limit window: with the
  // default (20 messages in 10 minutes) partner contacts would be silenced part-way through.
  scheme.scheme.settings = { ...scheme.scheme.settings, rateLimitMessages: 100_000 };
  const sms = Array.from({ length: membersPerChannel }, (_, i) =>
    person("Smsmember", i, 700_000_000, "+447911"),
  );
  const tg = Array.from({ length: membersPerChannel }, (_, i) =>
    person("Tgmember", i, 800_000_000, "+447922"),
  );
  for (const m of [...sms, ...tg])
    scheme.members.push({ name: m.name, phone: m.phone, telegramId: m.telegramId, locale: "en" });
  const contacts: Record<string, Person[]> = {};
  YES_PARTNERS.forEach(({ id }, p) => {
    const partner = scheme.partners.find((x: { id: string }) => x.id === id);
    const list = Array.from({ length: CONTACTS_PER_PARTNER }, (_, c) =>
      person(`Contact${p}`, c, 900_000_000 + p * 100, `+4479330${p}`),
    );
    contacts[id] = list;
    for (const c of list)
      partner.contacts.push({ name: c.name, phone: c.phone, telegramId: c.telegramId, locale: "en" });
  });
  extend(scheme);
  const parsed = parseScheme(scheme);
  if (!parsed.ok) throw new Error(`bench scheme invalid: ${JSON.stringify(parsed.errors).slice(0, 500)}`);
  await importScheme(raw, parsed.scheme, new Date(NOW));
  await raw.execute(
    `CREATE TABLE IF NOT EXISTS bench_floor (id INTEGER PRIMARY KEY, channel TEXT NOT NULL, external_id TEXT NOT NULL,
       sender TEXT NOT NULL, body TEXT, received_at TEXT NOT NULL, UNIQUE (channel, external_id))`,
  );

  let skipped = 0;
  // Outbox delivery starts eagerly (runner.ts calls deliverDue(deps) and hands the promise to
  // `later`), so a no-op `later` is not enough: its claim is answered with no rows instead.
  const db = countingDb(raw, {
    tag: () => currentMessage.getStore(),
    intercept: (statements) => {
      if (!isDeliveryClaim(statements)) return undefined;
      skipped++;
      return emptyResult();
    },
  });
  // The floor as defined (issue 16): through @libsql/client on the WAL file, not the app's store.
  const floorRaw = createClient({ url: `file:${join(dir, "bench.db")}`, concurrency: 1, intMode: "number" });
  await tuneFileDb(floorRaw);
  const floorDb = countingDb(floorRaw, { tag: () => currentMessage.getStore() });
  const port = await unusedPort();
  const config = createConfig({
    DATABASE_URL: `file:${join(dir, "bench.db")}`,
    PUBLIC_URL,
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_FROM: SCHEME_NUMBER,
    TWILIO_API_URL: `http://127.0.0.1:${port}`,
    TELEGRAM_BOT_TOKEN: BOT_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`,
    NODE_ENV: "production",
  });
  let seed = 20261128;
  const now = new Date(NOW);
  const deps: Deps = {
    config,
    db,
    i18n: createI18n(),
    log: silentLogger,
    now: () => now,
    random: () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    },
    fetch: globalThis.fetch.bind(globalThis),
    later: () => undefined,
  };
  const used = { sms: 0, telegram: 0 };
  return {
    dir,
    raw,
    db,
    deps,
    app: createApp(deps),
    floor: floorApp(floorDb),
    floorDb,
    contacts,
    take(channel, n) {
      const pool = channel === "sms" ? sms : tg;
      const start = used[channel];
      used[channel] += n;
      if (used[channel] > pool.length)
        throw new Error(`the bench needs more than ${pool.length} ${channel} members`);
      return pool.slice(start, start + n);
    },
    skippedDeliveries: () => skipped,
    close() {
      floorRaw.close();
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The raw floor: what any handler must do at the least. POST /sms checks the Twilio signature
 * (WebCrypto, src/channels/sms/signature.ts); POST /telegram compares the secret header and parses the
 * JSON. Each then makes one read batch (seen before? the sender) and one write batch (one insert).
 */
export function floorApp(db: Db): Hono {
  const app = new Hono();
  const record = async (channel: string, externalId: string, sender: string, body: string) => {
    const column = channel === "sms" ? "phone" : "telegram_id";
    const [seen] = await db.batch(
      [
        sql("SELECT 1 FROM bench_floor WHERE channel = ? AND external_id = ?", channel, externalId),
        sql(`SELECT id, name, locale FROM members WHERE ${column} = ?`, sender),
      ],
      "read",
    );
    if (seen?.rows.length) return;
    await db.batch(
      [
        sql(
          "INSERT INTO bench_floor (channel, external_id, sender, body, received_at) VALUES (?, ?, ?, ?, ?)",
          channel,
          externalId,
          sender,
          body,
          NOW,
        ),
      ],
      "write",
    );
  };
  app.post("/sms", async (c) => {
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(await c.req.text())) params[k] = v;
    const ok = await verifyTwilioSignature(
      AUTH_TOKEN,
      `${PUBLIC_URL}/sms`,
      params,
      c.req.header("x-twilio-signature"),
    );
    if (!ok) return c.text("invalid signature", 403);
    await record("sms", params.MessageSid ?? "", params.From ?? "", params.Body ?? "");
    return c.body("<Response></Response>", 200, { "content-type": "text/xml; charset=utf-8" });
  });
  app.post("/telegram", async (c) => {
    if (c.req.header("x-telegram-bot-api-secret-token") !== WEBHOOK_SECRET) return c.text("", 401);
    const update = JSON.parse(await c.req.text()) as {
      update_id: number;
      message?: { from: { id: number }; text?: string };
    };
    await record(
      "telegram",
      String(update.update_id),
      String(update.message?.from.id ?? ""),
      update.message?.text ?? "",
    );
    return c.body(null, 200);
  });
  return app;
}

/** One message to the app (or the floor): SMS from a phone, or a Telegram update. */
export type Send = (target: Hono) => Promise<Response> | Response;

// Each request is built and signed when the message is planned, not when it is sent: signing is
// Twilio's work, and writing the JSON Telegram's, so neither belongs in the app's measured CPU.
export const sendSms = (from: string, body: string): Send => {
  const init = smsRequest(from, body);
  return (target) => target.request("/sms", init);
};

export const sendTelegram = (update: () => Record<string, unknown>): Send => {
  const init = telegramRequest(update());
  return (target) => target.request("/telegram", init);
};

export const sendText = (user: TgUser, text: string): Send => sendTelegram(() => textUpdate(user, text));

export function tgUser(p: Person): TgUser {
  return { id: p.telegramId, first_name: p.name.split(" ")[0] ?? p.name };
}

/** Rows of a query on the real database (not counted). */
export async function rows(world: World, text: string, ...args: Array<string | number>) {
  return (await world.raw.execute({ sql: text, args })).rows;
}

/**
 * Between phases: open requests left behind expire, and settled ones move out of the 30-day window.
 * Real requests expire after days; without this, every later phase would read thousands of open codes
 * left by the log flows (every message reads all open codes), and partners' request lists would grow
 * from phase to phase, so the figures would depend on the order of the phases.
 */
export async function resetRequests(world: World): Promise<void> {
  const old = "2026-10-01T00:00:00.000Z";
  await world.raw.batch(
    [
      {
        sql: `UPDATE ledger_entries SET status = 'expired', settled_at = ?, settled_by = 'bench'
              WHERE kind = 'earning' AND status = 'pending' AND code IS NOT NULL`,
        args: [old],
      },
      {
        sql: "UPDATE ledger_entries SET settled_at = ? WHERE kind = 'earning' AND code IS NOT NULL AND settled_at > ?",
        args: [old, old],
      },
    ],
    "write",
  );
}
