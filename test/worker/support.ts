// Drives the Worker inside workerd the way Twilio does: signed POST /sms through the Worker's own fetch
// handler (SELF), answers read from TwiML, outbound SMS captured from the Worker's fetch to the Twilio REST
// API, and the test file's own database read over HTTP with the same client the Worker uses.

import { env, SELF } from "cloudflare:test";
import { createClient } from "@libsql/client/web";

export { SELF };

import { XMLParser } from "fast-xml-parser";
import { expect, vi } from "vitest";
import { dayText } from "../../src/core/format.ts";
import type { Locale } from "../../src/core/types.ts";
import { type Days, GOLDEN_DAYS } from "../conversations/newcomers.ts";
import { inboundSmsForm } from "../support/twilio-form.ts";
import { ACCOUNT_SID, AUTH_TOKEN, FAKE_TWILIO_URL, PUBLIC_URL, SCHEME_NUMBER } from "./constants.ts";

const bindings = env as unknown as Record<string, string>;

/** This test file's own database (a fresh copy of the template, see vitest.worker.config.ts). */
export const db = createClient({ url: bindings.DATABASE_URL ?? "", intMode: "number" });

export async function rows(sqlText: string, ...args: Array<string | number | null>) {
  const result = await db.execute({ sql: sqlText, args });
  return result.rows.map((r) => ({ ...r }));
}

/** Fails at once when the file's database is not the fresh template (e.g. shared between files). */
export async function expectFreshDatabase(): Promise<void> {
  expect(bindings.DATABASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/file-/);
  expect(await rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual([{ n: 0 }]);
  expect(await rows("SELECT COUNT(*) AS n FROM ledger_entries")).toEqual([{ n: 0 }]);
  expect(await rows("SELECT COUNT(*) AS n FROM members")).toEqual([{ n: 3 }]);
}

const encoder = new TextEncoder();

/** X-Twilio-Signature with WebCrypto: base64 HMAC-SHA1 of the URL and each parameter name and value, sorted. */
export async function twilioSignature(url: string, params: Record<string, string>): Promise<string> {
  const data =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k])
      .join("");
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(AUTH_TOKEN),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(data)));
  return btoa(String.fromCharCode(...mac));
}

export function webhookParams(from: string, body: string, sid?: string): Record<string, string> {
  const messageSid = sid ?? `SM${crypto.randomUUID().replaceAll("-", "")}`;
  return inboundSmsForm({ from, body, sid: messageSid, to: SCHEME_NUMBER, accountSid: ACCOUNT_SID });
}

const xml = new XMLParser({ isArray: (name) => name === "Message", parseTagValue: false, trimValues: false });

export interface SmsAnswer {
  status: number;
  messages: string[];
  contentType: string | null;
}

/** POSTs a Twilio-signed webhook to the Worker; returns the status and the TwiML message bodies. */
export async function sms(
  from: string,
  body: string,
  opts: { sid?: string; signature?: string } = {},
): Promise<SmsAnswer> {
  const params = webhookParams(from, body, opts.sid);
  const url = `${PUBLIC_URL}/sms`;
  const signature = opts.signature ?? (await twilioSignature(url, params));
  const res = await SELF.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  const contentType = res.headers.get("content-type");
  if (res.status !== 200) return { status: res.status, messages: [], contentType };
  const parsed = xml.parse(text) as { Response?: { Message?: string[] } | string };
  const response = parsed.Response;
  const messages = typeof response === "object" && response?.Message ? response.Message.map(String) : [];
  return { status: res.status, messages, contentType };
}

export interface TwilioCall {
  to: string;
  from: string | null;
  body: string;
  auth: string;
}

/** Every message the Worker sent through the (fake) Twilio REST API in this test file, in order. */
export const twilioCalls: TwilioCall[] = [];

/**
 * Answers the Worker's requests to the Twilio REST API (TWILIO_API_URL) inside the isolate, as Twilio
 * would (201 with a sid), and records them in `twilioCalls`; every other request (the database) goes
 * out as usual. The Worker runs in the tests' isolate, so it sees this global fetch. Installed for every
 * file by test/worker/setup.ts.
 */
export function installFakeTwilio(): void {
  const original = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(FAKE_TWILIO_URL)) return original(input, init);
    const request = new Request(input, init);
    const path = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
    if (request.method !== "POST" || new URL(request.url).pathname !== path) {
      return Response.json({ code: 20404, message: "The requested resource was not found" }, { status: 404 });
    }
    const form = new URLSearchParams(new TextDecoder().decode(await request.arrayBuffer()));
    twilioCalls.push({
      to: form.get("To") ?? "",
      from: form.get("From"),
      body: form.get("Body") ?? "",
      auth: request.headers.get("authorization") ?? "",
    });
    return Response.json(
      { sid: `SM${crypto.randomUUID().replaceAll("-", "")}`, status: "queued", to: form.get("To") },
      { status: 201 },
    );
  });
}

/** Waits until the outbox has nothing left to send (the Worker delivers it after answering, in waitUntil). */
export async function outboxDrained(timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await rows("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'");
    if (row?.n === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `outbox still has ${row?.n} pending messages: ${JSON.stringify(await rows("SELECT address, attempts, last_error FROM outbox WHERE status = 'pending'"))}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export interface Turn {
  from: string;
  text: string | (() => Promise<string>);
}

/** Same format as test/support/transcript.ts: "# from", "> text", "< reply" and "» to: outbound" lines. */
export async function play(turns: Turn[], options: { outbound?: boolean } = {}): Promise<string> {
  const outbound = options.outbound ? twilioCalls : undefined;
  const out: string[] = [];
  let lastFrom = "";
  let seen = outbound?.length ?? 0;
  for (const turn of turns) {
    if (turn.from !== lastFrom) out.push(`# ${turn.from}`);
    lastFrom = turn.from;
    const text = typeof turn.text === "string" ? turn.text : await turn.text();
    const { status, messages } = await sms(turn.from, text);
    out.push(`> ${text}`);
    if (status !== 200) out.push(`! HTTP ${status}`);
    if (!messages.length) out.push("(no reply)");
    for (const m of messages)
      out.push(
        m
          .split("\n")
          .map((line) => `< ${line}`)
          .join("\n"),
      );
    if (outbound) {
      await outboxDrained();
      for (const call of outbound.slice(seen)) {
        out.push(
          call.body
            .split("\n")
            .map((line, i) => `${i ? "  " : `» ${call.to}: `}${line}`)
            .join("\n"),
        );
      }
      seen = outbound.length;
    }
  }
  return `${out.join("\n")}\n`;
}

/** The code of the newest request to a partner (for turns that answer it). */
export function latestCode(partnerId: string): () => Promise<string> {
  return async () => {
    const found = await rows(
      "SELECT code FROM ledger_entries WHERE partner_id = ? AND code IS NOT NULL ORDER BY id DESC",
      partnerId,
    );
    return String(found[0]?.code ?? "???");
  };
}

// Dates. The Worker reads the real clock; the Node golden files were made on 2026-11-28 (a Saturday) in
// Europe/London. A transcript is compared with the golden file after both have their "today" and
// "yesterday" written as {today} and {yesterday}; the day texts themselves are pinned by a test that
// formats the golden days inside workerd.

const LOCALES: Locale[] = ["en", "pl", "lv"];

/** The scheme's local day (YYYY-MM-DD) now, `offset` days ago. */
export function schemeDay(offset = 0, timeZone = "Europe/London"): string {
  const today = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
  const [y, m, d] = today.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) - offset)).toISOString().slice(0, 10);
}

export function realDays(): Days {
  return { today: schemeDay(0), yesterday: schemeDay(1) };
}

export function normaliseDays(text: string, days: Days): string {
  let out = text;
  for (const locale of LOCALES) {
    out = out
      .split(dayText(days.today, locale))
      .join("{today}")
      .split(dayText(days.yesterday, locale))
      .join("{yesterday}");
  }
  return out;
}

/**
 * Compares a transcript played now with a golden file: days normalised, and `extra` applied to both
 * (e.g. request codes). Throws a clear error when the scheme's day changed during the transcript.
 */
export function expectLikeGolden(
  golden: string,
  transcript: string,
  days: Days,
  extra: (text: string) => string = (t) => t,
): void {
  if (schemeDay(0) !== days.today) throw new Error("the scheme's day changed during the test: run it again");
  expect(extra(normaliseDays(transcript, days))).toBe(extra(normaliseDays(golden, GOLDEN_DAYS)));
}
