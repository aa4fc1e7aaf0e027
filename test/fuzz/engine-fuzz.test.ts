// Bad input through the REAL app: fast-check builds whatever a phone or a Telegram client could send
// (any Unicode, emoji, control characters, bidi marks, SQL and HTML fragments, odd numbers, command
// words of three languages with random tails, up to 1,600 characters) and posts it to POST /sms and
// POST /telegram. No exception may escape (HTTP 200 every time), every answer must be well-formed
// TwiML of translated messages within 2 SMS segments, and the database must stay consistent:
// no negative balance, no impossible earning, nothing stored for anyone who never agreed to join.
// (The text parsers alone are covered by test/core/parse-never-throws.test.ts; fixed malformed
// webhook bodies by the webhook tests; here only random ones.)
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { countSegments } from "../../src/lib/segments.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  createHarness,
  type Harness,
  PUBLIC_URL,
  SCHEME_NUMBER,
} from "../support/harness.ts";
import { createTelegramHarness, postUpdate, type TelegramHarness, textUpdate } from "../support/telegram.ts";
import { inboundSmsForm } from "../support/twilio-form.ts";

// ---------------------------------------------------------------------------------------------
// What people send

const controls = fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c));
const bidi = fc.constantFrom(
  "\u200E",
  "\u200F",
  "\u202A",
  "\u202B",
  "\u202C",
  "\u202D",
  "\u202E",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200B",
  "\u200D",
  "\uFEFF",
  "\u00A0",
);
const emoji = fc.constantFrom(
  "😀",
  "👍🏽",
  "👨‍👩‍👧‍👦",
  "🇵🇱",
  "🇱🇻",
  "❤️",
  "⏱️",
  "🕐",
  "💷",
  "🧑🏿‍🌾",
  "\u{E0067}",
);
const sql = fc.constantFrom(
  "'; DROP TABLE members; --",
  "1 OR 1=1",
  "' OR '1'='1",
  '"; DELETE FROM ledger_entries; --',
  "%",
  "_",
  "?",
  "?1",
  ":name",
  "$1",
  "\\",
  "NULL",
);
const html = fc.constantFrom(
  "<script>alert(1)</script>",
  "</Message><Redirect>https://evil.example</Redirect>",
  "<![CDATA[x]]>",
  "&amp;",
  "&lt;",
  "&#0;",
  "]]>",
  "<?xml?>",
  '"><img src=x onerror=alert(1)>',
  "{{name}}",
  "$t(menu.title)",
  "__proto__",
  "constructor",
);
const numbers = fc.constantFrom(
  "1e9",
  "NaN",
  "-0",
  "٣",
  "Infinity",
  "-Infinity",
  "0x10",
  "1,5e3",
  "0",
  "-1",
  "-2.5",
  "0.0001",
  "12",
  "12.01",
  "13",
  "720",
  "99999999999999999999",
  "9007199254740993",
  "1/2",
  "½",
  "³",
  "１２",
  "1h30",
  "2,5",
  "3h",
  "90m",
  "pół",
  "#4",
  "1.",
  ".5",
);
const words = fc.constantFrom(
  "LOG",
  "HOURS",
  "GODZINY",
  "STUNDAS",
  "GIVE",
  "PODARUJ",
  "DĀVINĀT",
  "YES",
  "NO",
  "TAK",
  "NIE",
  "JĀ",
  "NĒ",
  "EVENTS",
  "SPEND",
  "WYDARZENIA",
  "PASĀKUMI",
  "BOOK",
  "CANCEL",
  "REDEEM",
  "BALANCE",
  "SALDO",
  "ATLIKUMS",
  "HISTORY",
  "HELP",
  "MENU",
  "LANG",
  "POLSKI",
  "LATVIEŠU",
  "ENGLISH",
  "STOP",
  "START",
  "SKIP",
  "1",
  "2",
  "3",
  "7",
  "staithe",
  "hostel",
  "playground",
  "oasis",
  "the",
  "gardening",
  "yesterday",
  "wczoraj",
  "vakar",
  "today",
  "12/11",
  "31/02",
  "29/02",
  "01/01/1970",
  "+447700900100",
  "07700 900101",
  "+447700900555",
  "+48 600 000 000",
  "Anna",
  "Ā",
  // Names of Object.prototype's members: a lookup table with a prototype finds them.
  "constructor",
  "__proto__",
  "toString",
  "valueOf",
  "hasOwnProperty",
);
const piece = fc.oneof(
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 6 }), weight: 1 },
  { arbitrary: controls, weight: 1 },
  { arbitrary: bidi, weight: 1 },
  { arbitrary: emoji, weight: 1 },
  { arbitrary: sql, weight: 1 },
  { arbitrary: html, weight: 1 },
  { arbitrary: numbers, weight: 3 },
  { arbitrary: words, weight: 4 },
);
const separator = fc.constantFrom(" ", " ", " ", "", "\n", "\t", "  ", ",", "\u3000", "\r\n");
const prefix = fc.constantFrom(
  "",
  "",
  "LOG ",
  "GODZINY ",
  "STUNDAS ",
  "GIVE ",
  "YES ",
  "EVENTS ",
  "BOOK ",
  "log ",
  "  Log: ",
);
const MAX_BODY = 1600;

const phrase = fc
  .tuple(prefix, fc.array(fc.tuple(piece, separator), { maxLength: 25 }))
  .map(([head, parts]) => head + parts.map(([p, s]) => p + s).join(""));
/** Something near the 1,600-character limit: a repeated piece or a long random string. */
const long = fc.oneof(
  fc
    .tuple(prefix, piece, fc.integer({ min: 100, max: 1600 }))
    .map(([head, p, n]) => head + (p || "x").repeat(n)),
  fc.string({ unit: "grapheme", minLength: 1200, maxLength: MAX_BODY }),
);
const message: fc.Arbitrary<string> = fc
  .oneof({ arbitrary: phrase, weight: 8 }, { arbitrary: long, weight: 1 })
  .map((text) => text.slice(0, MAX_BODY));

// ---------------------------------------------------------------------------------------------
// Checks

/** Every bot key (nested JSON paths, plural suffixes removed): a reply must never show one raw. */
const KEYS = (() => {
  const keys = new Set<string>();
  const walk = (o: Record<string, unknown>, path: string) => {
    for (const [k, v] of Object.entries(o)) {
      if (v && typeof v === "object") walk(v as Record<string, unknown>, `${path}${k}.`);
      else keys.add(`${path}${k}`.replace(/_(zero|one|two|few|many|other)$/, ""));
    }
  };
  const bot = JSON.parse(readFileSync(new URL("../../locales/en/bot.json", import.meta.url), "utf8"));
  walk(bot, "");
  // Top-level keys without a dot ("help") are ordinary words; only dotted paths are recognisable.
  return [...keys].filter((k) => k.includes("."));
})();

/**
 * A raw key or an uninterpolated placeholder in a reply, or null. A reply may quote what the person
 * wrote ("I don't know …"), so what the input itself held does not count.
 */
function rawKeyIn(text: string, input = ""): string | null {
  if ((text.includes("{{") || text.includes("}}")) && !input.includes("{{") && !input.includes("}}"))
    return "{{";
  if (/\b(?:bot|sim|admin):[a-z]/.test(text) && !/(?:bot|sim|admin):/.test(input)) return "namespace";
  for (const key of KEYS) {
    if (input.includes(key)) continue;
    const at = text.indexOf(key);
    if (at === -1) continue;
    const before = text[at - 1] ?? " ";
    const after = text[at + key.length] ?? " ";
    if (!/[\w.]/.test(before) && !/[\w.]/.test(after)) return key;
  }
  return null;
}

const xml = new XMLParser({ isArray: (name) => name === "Message", parseTagValue: false, trimValues: false });

let sid = 0;
/** Posts a signed webhook exactly as Twilio does; returns the status and the raw answer. */
async function postSms(
  h: Harness,
  from: string,
  body: string,
): Promise<{ status: number; text: string; sid: string }> {
  const messageSid = `SMfz${String(++sid).padStart(30, "0")}`;
  const params = inboundSmsForm({ from, body, sid: messageSid, to: SCHEME_NUMBER, accountSid: ACCOUNT_SID });
  // What goes over the wire is UTF-8: a lone surrogate arrives as U+FFFD, so it is signed as one.
  for (const k of Object.keys(params)) params[k] = (params[k] ?? "").toWellFormed();
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/sms`, params);
  const res = await h.app.request("/sms", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, text: await res.text(), sid: messageSid };
}

/** Sends one message and checks the answer; returns the messages it held. */
async function say(
  h: Harness,
  from: string,
  body: string,
  sids: string[],
  /** Everything this person said so far: a reply may echo an earlier message (a name, say). */
  said = body,
): Promise<string[]> {
  const { status, text, sid: messageSid } = await postSms(h, from, body);
  sids.push(messageSid);
  const what = `${from} said ${JSON.stringify(body)}`;
  expect(status, `${what}: ${text}`).toBe(200);
  expect(XMLValidator.validate(text), `${what}: TwiML ${text}`).toBe(true);
  const parsed = xml.parse(text) as { Response?: { Message?: unknown[] } | string };
  expect(parsed.Response, `${what}: no <Response>`).toBeDefined();
  const response = parsed.Response;
  const messages = typeof response === "object" && response.Message ? response.Message : [];
  for (const m of messages) {
    expect(typeof m, `${what}: a <Message> holding markup ${JSON.stringify(m)}`).toBe("string");
    const msg = String(m);
    expect(msg.trim().length, `${what}: an empty message`).toBeGreaterThan(0);
    expect(countSegments(msg).segments, `${what}: over 2 segments: ${msg}`).toBeLessThanOrEqual(2);
    expect(rawKeyIn(msg, said), `${what}: raw translation key in ${msg}`).toBeNull();
  }
  return messages.map(String);
}

/** The tables must add up after every run. */
async function checkDatabase(h: Harness, senders: Map<string, string[]>) {
  const negative = await h.rows(
    `SELECT m.id, m.phone, SUM(CASE WHEN l.status = 'confirmed' OR (l.status = 'held' AND l.minutes < 0)
       THEN l.minutes ELSE 0 END) AS minutes
     FROM members m JOIN ledger_entries l ON l.member_id = m.id GROUP BY m.id HAVING minutes < 0`,
  );
  expect(negative, "members with a negative spendable balance").toEqual([]);
  const impossible = await h.rows(
    "SELECT id, minutes, status FROM ledger_entries WHERE kind = 'earning' AND (minutes <= 0 OR minutes > 720)",
  );
  expect(impossible, "earnings of 0 minutes or over 12 hours").toEqual([]);
  const selfUnconsented = await h.rows(
    "SELECT id, phone, source FROM members WHERE consent_at IS NULL AND source = 'self'",
  );
  expect(selfUnconsented, "members rows for people who never agreed to join").toEqual([]);
  for (const [phone, sids] of senders) {
    const [member] = await h.rows("SELECT consent_at FROM members WHERE phone = ?", phone);
    if (member?.consent_at) continue;
    // Never consented: what they wrote is not kept.
    const marks = sids.map(() => "?").join(",");
    const kept = await h.rows(
      `SELECT external_id, body FROM inbound_messages WHERE channel = 'sms' AND external_id IN (${marks}) AND body IS NOT NULL`,
      ...sids,
    );
    expect(kept, `bodies kept for ${phone}, who never joined`).toEqual([]);
    // Anything recorded as theirs must be a row that others created (an invitation), never their own.
    if (member) expect(member.consent_at ?? null).toBeNull();
  }
}

// ---------------------------------------------------------------------------------------------

let fakeTelegram: FakeTelegram;
let h: Harness;
let tg: TelegramHarness;
beforeAll(async () => {
  fakeTelegram = await startFakeTelegram();
  // One database for every run; each run texts from numbers no run used before.
  h = await createHarness();
  tg = await createTelegramHarness(fakeTelegram);
});
afterAll(async () => {
  await fakeTelegram.close();
});

let nextNumber = 0;
/** A UK mobile number in the drama range no other test and no demo member uses. */
const freshNumber = () => `+4477009${String(20_000 + nextNumber++).padStart(5, "0")}`;

const TIMEOUT = 60_000;
const limits = { interruptAfterTimeLimit: 40_000, markInterruptAsFailure: false } as const;

describe("whatever a person texts, the app answers with translated SMS of at most 2 segments", () => {
  test(
    "one message from a stranger",
    async () => {
      await fc.assert(
        fc.asyncProperty(message, async (text) => {
          const from = freshNumber();
          const sids: string[] = [];
          await say(h, from, text, sids);
          await h.flush();
          await checkDatabase(h, new Map([[from, sids]]));
        }),
        { numRuns: 300, ...limits },
      );
    },
    TIMEOUT,
  );

  test(
    "a member's sequence: half-finished questions get random answers",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.boolean(),
          fc.array(fc.oneof({ arbitrary: message, weight: 2 }, { arbitrary: words, weight: 1 }), {
            minLength: 1,
            maxLength: 6,
          }),
          async (joins, texts) => {
            const from = freshNumber();
            const sids: string[] = [];
            if (joins) {
              for (const text of ["hello", "1", "Fuzz", "yes"]) await say(h, from, text, sids);
              // A confirmed hour or two, so that spending and giving have something to move.
              await say(h, "+447700900006", `LOG 2 ${from}`, []);
            }
            for (const text of texts) await say(h, from, text, sids, texts.join("\n"));
            await h.flush();
            await checkDatabase(h, new Map([[from, sids]]));
          },
        ),
        { numRuns: 200, ...limits },
      );
    },
    TIMEOUT,
  );

  test(
    "a partner contact's random messages (Dave at the playground)",
    async () => {
      await fc.assert(
        fc.asyncProperty(message, async (text) => {
          await say(h, "+447700900006", text, []);
          await h.flush();
          await checkDatabase(h, new Map());
        }),
        { numRuns: 100, ...limits },
      );
    },
    TIMEOUT,
  );
});

describe("random webhook bodies", () => {
  const field = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom("", "+447700900100", "SM1", "0", "[]"),
  );
  test(
    "a signed SMS form with any fields missing or odd → 200 or 400, never 500, and a 400 records nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record(
            { MessageSid: field, From: field, Body: field, To: field, extra: fc.string({ maxLength: 10 }) },
            { requiredKeys: [] },
          ),
          async (params) => {
            const form: Record<string, string> = {};
            for (const [k, v] of Object.entries(params)) form[k] = v.toWellFormed();
            const before = await h.rows("SELECT COUNT(*) AS n FROM inbound_messages");
            const res = await h.app.request("/sms", {
              method: "POST",
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                "x-twilio-signature": twilio.getExpectedTwilioSignature(
                  AUTH_TOKEN,
                  `${PUBLIC_URL}/sms`,
                  form,
                ),
              },
              body: new URLSearchParams(form).toString(),
            });
            expect([200, 400], `${JSON.stringify(form)} → ${res.status}`).toContain(res.status);
            if (res.status === 400)
              expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual(before);
            await h.flush();
          },
        ),
        { numRuns: 100, ...limits },
      );
    },
    TIMEOUT,
  );

  test(
    "any JSON posted to /telegram → 200 or 400, never 500, and a 400 records nothing",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.json({ maxDepth: 3 }),
            fc
              .record(
                {
                  update_id: fc.oneof(fc.integer(), fc.string(), fc.double(), fc.constant(null)),
                  message: fc.oneof(
                    fc.constant(null),
                    fc.string(),
                    fc.record(
                      {
                        message_id: fc.oneof(fc.integer(), fc.string()),
                        text: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
                        chat: fc.oneof(
                          fc.record({
                            id: fc.oneof(fc.integer(), fc.string()),
                            type: fc.constantFrom("private", "group", 7),
                          }),
                          fc.constant("x"),
                        ),
                        from: fc.oneof(
                          fc.record({
                            id: fc.oneof(fc.integer(), fc.string()),
                            first_name: fc.oneof(fc.string(), fc.integer()),
                          }),
                          fc.constant(null),
                        ),
                        date: fc.oneof(fc.integer(), fc.string()),
                      },
                      { requiredKeys: [] },
                    ),
                  ),
                },
                { requiredKeys: [] },
              )
              .map((u) => JSON.stringify(u)),
          ),
          async (body) => {
            const before = await tg.rows("SELECT COUNT(*) AS n FROM inbound_messages");
            const res = await postUpdate(tg, body);
            expect([200, 400], `${body} → ${res.status}`).toContain(res.status);
            if (res.status === 400)
              expect(await tg.rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual(before);
            await tg.flush();
          },
        ),
        { numRuns: 150, ...limits },
      );
    },
    TIMEOUT,
  );
});

describe("whatever a person writes on Telegram, every message sent is 1 to 4,096 characters", () => {
  test(
    "random texts and sequences from new Telegram users",
    async () => {
      let userId = 7_700_000;
      await fc.assert(
        fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 4 }), async (texts) => {
          const user = { id: ++userId, first_name: "Fuzz", language_code: "en" };
          const from = fakeTelegram.calls.length;
          for (const text of texts) {
            const res = await postUpdate(tg, textUpdate(user, text));
            expect(res.status, `tg said ${JSON.stringify(text)}`).toBe(200);
            await tg.flush();
          }
          for (const call of fakeTelegram.calls.slice(from)) {
            if (call.method !== "sendMessage" && call.method !== "editMessageText") continue;
            const text = String(call.body.text ?? "");
            expect(text.trim().length, `empty ${call.method}`).toBeGreaterThan(0);
            expect(text.length, `${call.method} over 4096: ${text.slice(0, 80)}…`).toBeLessThanOrEqual(4096);
            expect(rawKeyIn(text, texts.join("\n")), `raw translation key in ${text}`).toBeNull();
          }
          await checkDatabase(tg, new Map());
        }),
        { numRuns: 120, ...limits },
      );
    },
    TIMEOUT,
  );
});
