// POST /sms adapter cases, from the real Twilio payload in test/fixtures/wire: status, reply and
// what was recorded. Signatures come from the official twilio library.
import { readFileSync } from "node:fs";
import twilio from "twilio";
import { describe, expect, test } from "vitest";
import { AUTH_TOKEN, createHarness, PUBLIC_URL } from "../../support/harness.ts";

const FIXTURE = readFileSync(
  new URL("../../fixtures/wire/twilio-inbound-sms.form.txt", import.meta.url),
  "utf8",
).trim();
const fixtureParams = () => Object.fromEntries(new URLSearchParams(FIXTURE)) as Record<string, string>;

interface Case {
  name: string;
  params?: (p: Record<string, string>) => Record<string, string>;
  /** The URL Twilio calls (and signs); the app sees its path and query. */
  url?: string;
  publicUrl?: string;
  signature?: (good: string) => string | undefined;
  rawBody?: string;
  status: number;
  reply?: RegExp;
  recorded: number;
}

const cases: Case[] = [
  {
    name: "the captured payload, signed",
    status: 200,
    reply: /Pierakstīts: 2,5 st\., The Staithe/,
    recorded: 1,
  },
  { name: "a wrong signature", signature: () => "bm90IGEgc2lnbmF0dXJl", status: 403, recorded: 0 },
  { name: "no signature header", signature: () => undefined, status: 403, recorded: 0 },
  {
    name: "signed with another token",
    signature: () => twilio.getExpectedTwilioSignature("other", `${PUBLIC_URL}/sms`, fixtureParams()),
    status: 403,
    recorded: 0,
  },
  {
    name: "a tampered body",
    params: (p) => ({ ...p }),
    signature: (good) => good,
    rawBody: FIXTURE.replace("GODZINY", "GODZINY+12"),
    status: 403,
    recorded: 0,
  },
  {
    name: "no MessageSid",
    params: ({ MessageSid: _m, SmsSid: _s, SmsMessageSid: _t, ...p }) => p,
    status: 400,
    recorded: 0,
  },
  {
    name: "a From that is not a phone number",
    params: (p) => ({ ...p, From: "whatsapp:abc" }),
    status: 400,
    recorded: 0,
  },
  {
    name: "a body over 64 KiB",
    params: (p) => ({ ...p, Body: "x".repeat(70_000) }),
    status: 413,
    recorded: 0,
  },
  {
    name: "PUBLIC_URL with a path prefix (a proxy strips it)",
    publicUrl: "https://example.org/timecredits",
    url: "https://example.org/timecredits/sms",
    status: 200,
    recorded: 1,
  },
  {
    name: "PUBLIC_URL with a port",
    publicUrl: "http://127.0.0.1:8787",
    url: "http://127.0.0.1:8787/sms",
    status: 200,
    recorded: 1,
  },
  {
    name: "a webhook URL with a query string",
    url: `${PUBLIC_URL}/sms?scheme=wisbech&v=2`,
    status: 200,
    recorded: 1,
  },
  {
    name: "signed for the URL without the query",
    url: `${PUBLIC_URL}/sms?scheme=wisbech`,
    signature: () => twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/sms`, fixtureParams()),
    status: 403,
    recorded: 0,
  },
];

describe("POST /sms", () => {
  test.each(cases)("$name → $status", async (c) => {
    const h = await createHarness({ env: c.publicUrl ? { PUBLIC_URL: c.publicUrl } : {} });
    const params = c.params ? c.params(fixtureParams()) : fixtureParams();
    const url = c.url ?? `${PUBLIC_URL}/sms`;
    const good = twilio.getExpectedTwilioSignature(AUTH_TOKEN, url, params);
    const signature = c.signature ? c.signature(good) : good;
    // Behind a proxy the app sees only "/sms" and the query, whatever prefix PUBLIC_URL has.
    const res = await h.app.request(`/sms${new URL(url).search}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...(signature ? { "x-twilio-signature": signature } : {}),
      },
      body: c.rawBody ?? new URLSearchParams(params).toString(),
    });
    const body = await res.text();
    expect(res.status).toBe(c.status);
    if (c.status === 200) {
      expect(res.headers.get("content-type")).toMatch(/^text\/xml/);
      expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><Response><Message>/);
    }
    if (c.reply) expect(body).toMatch(c.reply);
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual([{ n: c.recorded }]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM ledger_entries")).toEqual([{ n: c.recorded }]);
  });

  test("a retried MessageSid gets the same answer and credits once; the entry records its message", async () => {
    const h = await createHarness();
    const first = await h.sms("+447700900102", "GODZINY 2,5 staithe wczoraj", {
      sid: "SMretry0000000000000000000000001",
    });
    const again = await h.sms("+447700900102", "GODZINY 2,5 staithe wczoraj", {
      sid: "SMretry0000000000000000000000001",
    });
    expect(again).toEqual(first);
    const entries = await h.rows(
      `SELECT l.minutes, i.external_id FROM ledger_entries l JOIN inbound_messages i ON i.id = l.inbound_id`,
    );
    expect(entries).toEqual([{ minutes: 150, external_id: "SMretry0000000000000000000000001" }]);
  });

  test("phone numbers are stored in E.164 and never logged", async () => {
    const h = await createHarness();
    await h.sms("+447700900555", "hello");
    await h.sms("+447700900555", "1");
    await h.sms("+447700900555", "Zoë");
    await h.sms("+447700900555", "yes");
    expect(await h.rows("SELECT phone, name FROM members WHERE name = 'Zoë'")).toEqual([
      { phone: "+447700900555", name: "Zoë" },
    ]);
    const logs = h.logs.join("\n");
    expect(logs).not.toMatch(/7700900555|Zoë|hello/);
    expect(logs).toContain("inbound.handled");
  });
});
