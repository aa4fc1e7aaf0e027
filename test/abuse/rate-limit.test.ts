// Floods: past the scheme's rate limit (20 messages in 10 minutes unless the scheme says otherwise)
// one address gets one translated notice, then silence until the window passes, and nothing the
// flood says is acted on. The same for an SMS number and for a Telegram user.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { createTelegramHarness, postUpdate, type TgUser, textUpdate } from "../support/telegram.ts";

const SHARON = "+447700900101"; // member, English
const ANNA = "+447700900100"; // member, Polish
const JANIS: TgUser = { id: 2002, first_name: "Jānis", language_code: "lv" }; // member, Latvian
const START = "2026-11-28T12:00:00Z";
const NOTICE_EN = "Too many messages. Please wait 10 min, then text again.";

let fakeTelegram: FakeTelegram;
let fakeTwilio: FakeTwilio;
beforeAll(async () => {
  fakeTelegram = await startFakeTelegram();
  fakeTwilio = await startFakeTwilio();
});
afterAll(async () => {
  await fakeTelegram.close();
  await fakeTwilio.close();
});
beforeEach(() => {
  fakeTelegram.calls.length = 0;
  fakeTwilio.calls.length = 0;
});

const entries = async (h: Harness, phone: string) =>
  Number(
    (
      await h.rows(
        "SELECT COUNT(*) AS n FROM ledger_entries WHERE member_id = (SELECT id FROM members WHERE phone = ?)",
        phone,
      )
    )[0]?.n,
  );
const inbound = async (h: Harness) =>
  Number((await h.rows("SELECT COUNT(*) AS n FROM inbound_messages"))[0]?.n);

describe("rate limit on SMS", () => {
  test("25 messages in 10 minutes: 20 answers, one notice, then silence; the window passes", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fakeTwilio.url } });
    const answers: string[][] = [];
    for (let i = 0; i < 20; i++) answers.push((await h.sms(SHARON, "BALANCE")).messages);
    const flood: Array<{ status: number; messages: string[] }> = [];
    for (let i = 0; i < 5; i++) flood.push(await h.sms(SHARON, "LOG 2 oasis cafe"));
    expect(answers.every((m) => m.length > 0)).toBe(true);
    expect(flood.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(flood.map((r) => r.messages)).toEqual([[NOTICE_EN], [], [], [], []]);
    // Nothing the flood said was acted on, but every message was recorded (retries stay idempotent).
    expect(await entries(h, SHARON)).toBe(0);
    expect(await inbound(h)).toBe(25);
    await h.flush();
    expect(fakeTwilio.calls).toEqual([]);

    // Another number is not affected.
    expect((await h.sms(ANNA, "saldo")).messages.length).toBeGreaterThan(0);

    h.setNow("2026-11-28T12:10:01Z");
    const heard = await h.sms(SHARON, "LOG 2 oasis cafe");
    expect(heard.messages.length).toBeGreaterThan(0);
    expect(heard.messages).not.toContain(NOTICE_EN);
    expect(await entries(h, SHARON)).toBe(1);
  });

  test("a retried MessageSid of a limited message stays silent and records nothing new", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fakeTwilio.url } });
    for (let i = 0; i < 21; i++) await h.sms(SHARON, "BALANCE");
    const sid = `SMabuse${"0".repeat(27)}`;
    expect((await h.sms(SHARON, "LOG 2 oasis cafe", { sid })).messages).toEqual([]);
    const before = await inbound(h);
    expect(await h.sms(SHARON, "LOG 2 oasis cafe", { sid })).toEqual({ status: 200, messages: [] });
    expect(await inbound(h)).toBe(before);
    expect(await entries(h, SHARON)).toBe(0);
  });

  test("the notice is translated, and the limit is a scheme setting", async () => {
    const scheme = demoScheme() as { scheme: Record<string, unknown> };
    scheme.scheme.settings = { rateLimitMessages: 3, rateLimitMinutes: 5 };
    const h = await createHarness({ now: START, scheme, env: { TWILIO_API_URL: fakeTwilio.url } });
    const replies: string[][] = [];
    for (let i = 0; i < 5; i++) replies.push((await h.sms(ANNA, "saldo")).messages);
    expect(replies.slice(0, 3).every((m) => m.length > 0)).toBe(true);
    expect(replies.slice(3)).toEqual([["Za dużo wiadomości. Odczekaj 5 min i napisz ponownie."], []]);
    h.setNow("2026-11-28T12:05:01Z");
    expect((await h.sms(ANNA, "saldo")).messages.length).toBeGreaterThan(0);
  });
});

describe("rate limit on Telegram", () => {
  test("25 messages from one user: 20 answered, one notice in Latvian, then silence", async () => {
    const h = await createTelegramHarness(fakeTelegram, fakeTwilio, { now: START });
    const sentCount = () => fakeTelegram.sent(JANIS.id).length;
    for (let i = 0; i < 20; i++) {
      expect((await postUpdate(h, textUpdate(JANIS, "BILANCE"))).status).toBe(200);
      await h.flush();
    }
    const answered = sentCount();
    expect(answered).toBeGreaterThanOrEqual(20);
    for (let i = 0; i < 5; i++) {
      expect((await postUpdate(h, textUpdate(JANIS, "LOG 2 oasis cafe"))).status).toBe(200);
      await h.flush();
    }
    const after = fakeTelegram.sent(JANIS.id).slice(answered);
    expect(after.map((m) => m.text)).toEqual(["Pārāk daudz ziņu. Lūdzu, pagaidi 10 min un raksti vēlreiz."]);
    expect(await entries(h, "+447700900102")).toBe(0);

    h.setNow("2026-11-28T12:10:01Z");
    await postUpdate(h, textUpdate(JANIS, "LOG 2 oasis cafe"));
    await h.flush();
    expect(sentCount()).toBeGreaterThan(answered + 1);
    expect(await entries(h, "+447700900102")).toBe(1);
  });
});
