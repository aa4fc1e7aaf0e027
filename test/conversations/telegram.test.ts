// Whole conversations on Telegram through POST /telegram with real Update JSON: messages, button
// presses and shared contacts; a fake Bot API and a fake Twilio on 127.0.0.1 capture what everyone
// receives, and the ledger is checked after each transcript.
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import type { Harness } from "../support/harness.ts";
import { roomyDemoScheme } from "../support/roomy-scheme.ts";
import { createTelegramHarness, fixture, KASIA, type TgUser, telegramPlayer } from "../support/telegram.ts";
import { latestCode, matchGolden } from "../support/transcript.ts";

// Telegram users. KASIA is the user of the wire fixtures (her app is in Polish).
const DAVE: TgUser = { id: 7001230001, first_name: "Dave", language_code: "en" };
const INESE: TgUser = { id: 7001230002, first_name: "Inese", language_code: "lv" };
const ANNA_TG: TgUser = { id: 7001230100, first_name: "Anna", language_code: "pl" };
const JANIS_TG: TgUser = { id: 2002, first_name: "Jānis", language_code: "lv" }; // telegramId in the scheme
const KATE_TG: TgUser = { id: 1001, first_name: "Kate", language_code: "en" }; // The Staithe, telegramId 1001
const ILZE_TG: TgUser = { id: 1004, first_name: "Ilze", language_code: "lv" }; // Oasis, telegramId 1004

// Phone numbers from the demo scheme.
const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian, also Telegram 2002
const KATE = "+447700900001"; // The Staithe, English
const SUE = "+447700900003"; // Oasis, English (telegramId 1003, never writes on Telegram here)

let fakeTwilio: FakeTwilio;
beforeAll(async () => {
  fakeTwilio = await startFakeTwilio();
});
afterAll(() => fakeTwilio.close());

/** A fresh app and a fresh fake Bot API per test, so message ids in transcripts do not depend on order. */
async function setup(now?: string, scheme?: unknown) {
  const fakeTelegram: FakeTelegram = await startFakeTelegram();
  onTestFinished(() => fakeTelegram.close());
  fakeTwilio.calls.length = 0;
  const h = await createTelegramHarness(fakeTelegram, fakeTwilio, {
    ...(now ? { now } : {}),
    ...(scheme ? { scheme } : {}),
  });
  return { h, player: telegramPlayer(h), fakeTelegram };
}

const entries = (h: Harness) =>
  h.rows(
    `SELECT m.name, l.minutes, l.partner_id, l.activity, l.day, l.status, l.settled_by, l.reason
     FROM ledger_entries l JOIN members m ON m.id = l.member_id ORDER BY l.id`,
  );
const contactId = async (h: Harness, name: string) =>
  `contact:${(await h.rows("SELECT id FROM partner_contacts WHERE name = ?", name))[0]?.id}`;
const code = (h: Harness, partner: string, nth = 0) => latestCode(h, partner, nth);

describe("Telegram: joining and the menu in three languages", () => {
  test("a Polish user: /start, asked the name in Polish, joins, presses Saldo, changes language", async () => {
    const { h, player, fakeTelegram } = await setup();
    const say = (text: string) => ({ tg: KASIA, text });
    const press = (data: string) => ({ tg: KASIA, press: data });
    const transcript = await player.play([
      say("/start"),
      say("Kasia"),
      say("TAK"),
      say("menu"),
      press("o:1"),
      { again: true },
      say("GODZINY 2,5 staithe wczoraj"),
      say("menu"),
      press("o:6"),
      press("o:1"),
      say("balance"),
    ]);
    matchGolden("telegram-pl-join-menu", transcript);
    expect(transcript).toContain("Cześć! Jak masz na imię?");
    expect(
      await h.rows(
        "SELECT name, phone, telegram_id, locale, last_channel FROM members WHERE telegram_id = ?",
        KASIA.id,
      ),
    ).toEqual([
      { name: "Kasia", phone: null, telegram_id: KASIA.id, locale: "en", last_channel: "telegram" },
    ]);
    expect(await entries(h)).toEqual([
      {
        name: "Kasia",
        minutes: 150,
        partner_id: "staithe",
        activity: null,
        day: "2026-11-27",
        status: "pending",
        settled_by: null,
        reason: null,
      },
    ]);
    // Three presses, three answers; the redelivered press added none.
    expect(fakeTelegram.calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(3);
    expect(fakeTelegram.calls.filter((c) => c.method === "getMe")).toEqual([]);
  });

  test("an English user the same way", async () => {
    const { h, player } = await setup();
    const say = (text: string) => ({ tg: DAVE, text });
    const transcript = await player.play([
      say("/start"),
      say("Dave"),
      say("yes"),
      say("menu"),
      { tg: DAVE, press: "o:1" },
      say("LOG 3 staithe gardening"),
      say("menu"),
      { tg: DAVE, press: "o:4" },
    ]);
    matchGolden("telegram-en-join-menu", transcript);
    expect(await h.rows("SELECT name, locale FROM members WHERE telegram_id = ?", DAVE.id)).toEqual([
      { name: "Dave", locale: "en" },
    ]);
    expect(await entries(h)).toEqual([
      {
        name: "Dave",
        minutes: 180,
        partner_id: "staithe",
        activity: "gardening",
        day: "2026-11-28",
        status: "pending",
        settled_by: null,
        reason: null,
      },
    ]);
  });

  test("a Latvian user the same way", async () => {
    const { h, player } = await setup();
    const say = (text: string) => ({ tg: INESE, text });
    const transcript = await player.play([
      say("/start"),
      say("Inese"),
      say("jā"),
      say("izvēlne"),
      { tg: INESE, press: "o:1" },
      say("STUNDAS 1h30 oasis vakar"),
      say("izvelne"),
      { tg: INESE, press: "o:4" },
    ]);
    matchGolden("telegram-lv-join-menu", transcript);
    expect(await h.rows("SELECT name, locale FROM members WHERE telegram_id = ?", INESE.id)).toEqual([
      { name: "Inese", locale: "lv" },
    ]);
    expect(await entries(h)).toEqual([
      {
        name: "Inese",
        minutes: 90,
        partner_id: "oasis",
        activity: null,
        day: "2026-11-27",
        status: "pending",
        settled_by: null,
        reason: null,
      },
    ]);
  });
});

describe("Telegram: logging hours with buttons", () => {
  test("step by step: partner, activity and day are buttons; each press edits the question", async () => {
    const { h, player } = await setup();
    const transcript = await player.play([
      { tg: JANIS_TG, text: "/start" },
      { tg: JANIS_TG, press: "o:2" },
      { tg: JANIS_TG, press: "o:2" },
      { tg: JANIS_TG, text: "2,5" },
      { tg: JANIS_TG, press: "o:1" },
      { tg: JANIS_TG, press: "o:2" },
      { tg: JANIS_TG, text: "vēsture" },
    ]);
    matchGolden("telegram-log-buttons", transcript);
    expect(await entries(h)).toEqual([
      {
        name: "Jānis",
        minutes: 150,
        partner_id: "oasis",
        activity: "cafe",
        day: "2026-11-27",
        status: "pending",
        settled_by: null,
        reason: null,
      },
    ]);
  });
});

describe("Telegram: one person, two channels", () => {
  test("Anna, registered by phone, joins on Telegram and shares her own number: one member, one history", async () => {
    const { h, player } = await setup();
    const transcript = await player.play([
      { sms: ANNA, text: "GODZINY 3 staithe ogrodnictwo" },
      { tg: ANNA_TG, text: "/start" },
      { tg: ANNA_TG, text: "Anna" },
      { tg: ANNA_TG, text: "TAK" },
      // Someone else's card (Sharon's number, another Telegram user), then a card with no user at all.
      { tg: ANNA_TG, contact: "447700900101", userId: 7009999999 },
      { tg: ANNA_TG, contact: "+44 7700 900101", userId: null },
      { tg: ANNA_TG, contact: "447700900100" },
      { tg: ANNA_TG, text: "HISTORIA" },
      { sms: KATE, text: async () => `YES ${await code(h, "staithe")()}` },
      { tg: ANNA_TG, text: "saldo" },
    ]);
    matchGolden("telegram-link-phone", transcript);
    expect(transcript).toContain("Udostępnij swój własny numer");
    // One member row: the coordinator's Anna, now with her Telegram id; the Telegram-only row is gone.
    expect(
      await h.rows(
        "SELECT name, phone, telegram_id, locale, source, last_channel FROM members WHERE name = 'Anna'",
      ),
    ).toEqual([
      {
        name: "Anna",
        phone: ANNA,
        telegram_id: ANNA_TG.id,
        locale: "pl",
        source: "scheme",
        last_channel: "telegram",
      },
    ]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM members")).toEqual([{ n: 3 }]);
    // Her Telegram messages from before the link are hers too, not a deleted member's.
    expect(
      await h.rows(
        "SELECT DISTINCT member_id FROM inbound_messages WHERE channel = 'telegram' AND member_id IS NOT NULL",
      ),
    ).toEqual(await h.rows("SELECT id AS member_id FROM members WHERE phone = ?", ANNA));
    // Sharon's number was not linked to anyone by the refused cards.
    expect(await h.rows("SELECT telegram_id FROM members WHERE phone = ?", SHARON)).toEqual([
      { telegram_id: null },
    ]);
    expect(await entries(h)).toEqual([
      {
        name: "Anna",
        minutes: 180,
        partner_id: "staithe",
        activity: "gardening",
        day: "2026-11-28",
        status: "confirmed",
        settled_by: await contactId(h, "Kate"),
        reason: null,
      },
    ]);
    // The confirmation reached Anna once, on Telegram (the channel she used last), not by SMS.
    expect(transcript).toMatch(/» tg 7001230100 #\d+: The Staithe potwierdza 3 godz\./);
    expect(fakeTwilio.calls.filter((c) => c.to === ANNA)).toEqual([]);
  });

  test("a member's notifications follow the channel they wrote on last, once each time", async () => {
    // Three requests before the first is confirmed: more than a newcomer's cap, which is not the subject here.
    const { h, player, fakeTelegram } = await setup(undefined, roomyDemoScheme());
    const transcript = await player.play([
      { sms: JANIS, text: "STUNDAS 2 staithe" },
      // Past the contacts' 10-minute window (contactNotifyMinutes): this request is texted at once too.
      { sms: JANIS, text: "STUNDAS 1 staithe vakar", at: "2026-11-28T12:11:00Z" },
      { sms: JANIS, text: "STUNDAS 1 oasis" },
      { sms: KATE, text: async () => `YES ${await code(h, "staithe", 1)()}` },
      { tg: JANIS_TG, text: "atlikums" },
      { sms: KATE, text: async () => `YES ${await code(h, "staithe", 0)()}` },
      { sms: JANIS, text: "atlikums" },
      { sms: SUE, text: async () => `YES ${await code(h, "oasis")()}` },
    ]);
    matchGolden("telegram-sms-and-telegram", transcript);
    const confirmed = /apstiprināja \d/;
    expect(fakeTwilio.calls.filter((c) => c.to === JANIS && confirmed.test(c.body))).toHaveLength(2);
    expect(fakeTelegram.sent(2002).filter((m) => confirmed.test(m.text))).toHaveLength(1);
    expect((await entries(h)).map((e) => [e.minutes, e.partner_id, e.status])).toEqual([
      [120, "staithe", "confirmed"],
      [60, "staithe", "confirmed"],
      [60, "oasis", "confirmed"],
    ]);
  });
});

describe("Telegram: partners confirm with buttons", () => {
  test("Kate gets requests where she wrote last: SMS, then Telegram with ✅/❌, then SMS again", async () => {
    const { h, player } = await setup();
    const transcript = await player.play([
      { sms: SHARON, text: "LOG 2 staithe kitchen" },
      { tg: KATE_TG, text: async () => `YES ${await code(h, "staithe")()}` },
      // Each request comes past the contacts' 10-minute window (contactNotifyMinutes), so it is texted at once.
      { sms: SHARON, text: "LOG 1 staithe", at: "2026-11-28T12:11:00Z" },
      { tg: KATE_TG, press: async () => `c:${await code(h, "staithe")()}:n` },
      { sms: KATE, text: "YES" },
      { sms: SHARON, text: "LOG 1 staithe yesterday", at: "2026-11-28T12:22:00Z" },
    ]);
    matchGolden("telegram-partner-kate", transcript);
    const kate = await contactId(h, "Kate");
    expect((await entries(h)).map((e) => [e.name, e.minutes, e.status, e.settled_by])).toEqual([
      ["Sharon", 120, "confirmed", kate],
      ["Sharon", 60, "rejected", kate],
      ["Sharon", 60, "pending", null],
    ]);
    expect(await h.rows("SELECT last_channel FROM partner_contacts WHERE name = 'Kate'")).toEqual([
      { last_channel: "sms" },
    ]);
  });

  test("Ilze (Latvian) presses ✅: the request is edited to the outcome, the member hears, the ledger is confirmed", async () => {
    const { h, player, fakeTelegram } = await setup();
    const transcript = await player.play([
      { tg: ILZE_TG, text: "JĀ" },
      { tg: JANIS_TG, text: "STUNDAS 3 oasis kafejnīca" },
      { tg: ILZE_TG, press: async () => `c:${await code(h, "oasis")()}:y` },
      { again: true },
      // A second tap on the same message before the edit arrived.
      { tg: ILZE_TG, press: async () => `c:${await code(h, "oasis")()}:y`, on: 2 },
      { sms: SUE, text: async () => `YES ${await code(h, "oasis")()}` },
      { tg: JANIS_TG, text: "atlikums" },
    ]);
    matchGolden("telegram-partner-ilze", transcript);
    expect(await entries(h)).toEqual([
      {
        name: "Jānis",
        minutes: 180,
        partner_id: "oasis",
        activity: "cafe",
        day: "2026-11-28",
        status: "confirmed",
        settled_by: await contactId(h, "Ilze"),
        reason: null,
      },
    ]);
    // The request message (#2) now shows the outcome, without buttons.
    const request = fakeTelegram.sent(1004).filter((m) => m.message_id === 2);
    expect(request.map((m) => m.method)).toEqual(["sendMessage", "editMessageText", "editMessageText"]);
    expect(request[1]?.text).toMatch(/^Apstiprināts \d{3}: Jānis, 3 st\. Paldies!$/);
    expect(request[1]?.reply_markup).toBeUndefined();
    // Every press was answered, the redelivered one was not pressed again.
    expect(fakeTelegram.calls.filter((c) => c.method === "answerCallbackQuery")).toHaveLength(2);
  });
});

describe("Telegram: Bot API failures", () => {
  test("429 on sendMessage: the row waits retry_after seconds, then goes out", async () => {
    const { h, player, fakeTelegram } = await setup();
    let transcript = await player.play([{ tg: JANIS_TG, text: "/start" }]);
    fakeTelegram.failNext("sendMessage", 429, fixture("telegram-error-429.json"));
    transcript += await player.play([{ tg: JANIS_TG, text: "atlikums" }]);
    const row = async () =>
      (
        await h.rows(
          "SELECT status, attempts, next_attempt_at, last_error FROM outbox WHERE address = '2002' ORDER BY id DESC LIMIT 1",
        )
      )[0];
    expect(await row()).toEqual({
      status: "pending",
      attempts: 1,
      next_attempt_at: "2026-11-28T12:00:05.000Z",
      last_error: "Telegram sendMessage 429: Too Many Requests: retry after 5",
    });
    transcript += await player.play([
      { deliver: true, at: "2026-11-28T12:00:04Z" },
      { deliver: true, at: "2026-11-28T12:00:05Z" },
      { deliver: true, at: "2026-11-28T12:10:00Z" },
    ]);
    matchGolden("telegram-429", transcript);
    expect(await row()).toMatchObject({ status: "sent", attempts: 2, last_error: null });
    expect(fakeTelegram.sent(2002).map((m) => m.text)).toEqual([
      expect.stringContaining("Sveiki, Jāni!"),
      "Tev ir 0 kredītu.",
    ]);
  });

  test("403 blocked: the row fails, the chat is marked, later messages go by SMS until they write again", async () => {
    const { h, player, fakeTelegram } = await setup();
    let transcript = await player.play([{ tg: ILZE_TG, text: "JĀ" }]);
    // Jānis's own reply on Telegram is refused: he blocked the bot.
    fakeTelegram.failNext("sendMessage", 403, fixture("telegram-error-403-blocked.json"));
    transcript += await player.play([{ tg: JANIS_TG, text: "STUNDAS 2 staithe" }]);
    expect(await h.rows("SELECT telegram_blocked, last_channel FROM members WHERE phone = ?", JANIS)).toEqual(
      [{ telegram_blocked: 1, last_channel: "telegram" }],
    );
    expect(
      await h.rows("SELECT status, attempts FROM outbox WHERE channel = 'telegram' AND address = '2002'"),
    ).toEqual([{ status: "failed", attempts: 1 }]);
    // Ilze blocked the bot too: her request fails once and the next one comes by SMS.
    fakeTelegram.failNext("sendMessage", 403, fixture("telegram-error-403-blocked.json"));
    transcript += await player.play([
      { sms: KATE, text: async () => `YES ${await code(h, "staithe")()}` },
      { sms: SHARON, text: "LOG 2 oasis" },
      // Past Sue's 10-minute window (contactNotifyMinutes), so her second request is texted at once.
      { sms: SHARON, text: "LOG 1 oasis yesterday", at: "2026-11-28T12:11:00Z" },
      { tg: JANIS_TG, text: "atlikums" },
    ]);
    matchGolden("telegram-403", transcript);
    // The confirmation reached Jānis by SMS although he wrote on Telegram last.
    expect(fakeTwilio.calls.filter((c) => c.to === JANIS).map((c) => c.body)).toEqual([
      "The Staithe apstiprināja 2 st. (sestd. 28. nov.). Tev tagad ir 2 kredīti.",
    ]);
    expect(await h.rows("SELECT telegram_blocked FROM partner_contacts WHERE name = 'Ilze'")).toEqual([
      { telegram_blocked: 1 },
    ]);
    // Writing on Telegram again unblocks the chat.
    expect(await h.rows("SELECT telegram_blocked FROM members WHERE phone = ?", JANIS)).toEqual([
      { telegram_blocked: 0 },
    ]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM outbox WHERE status = 'failed'")).toEqual([{ n: 2 }]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'")).toEqual([{ n: 0 }]);
  });
});

describe("Telegram: a button from an older question", () => {
  test("does not answer the question open now: it shows the menu instead", async () => {
    const fake = await startFakeTelegram();
    onTestFinished(() => fake.close());
    const h = await createTelegramHarness(fake);
    const player = telegramPlayer(h);
    const janis = { id: 2002, is_bot: false, first_name: "Jānis", language_code: "lv" };
    await player.play([
      { tg: janis, text: "menu" },
      { tg: janis, text: "stundas" },
    ]);
    // Press "Vēsture" on the old menu (message #1) while the partner list is open.
    const transcript = await player.play([{ tg: janis, press: "o:3", on: 1 }]);
    expect(transcript).not.toContain("Cik stundas");
    expect(transcript).toContain("Izvēlies:");
    expect(await h.rows("SELECT COUNT(*) AS n FROM ledger_entries")).toEqual([{ n: 0 }]);
  });
});
