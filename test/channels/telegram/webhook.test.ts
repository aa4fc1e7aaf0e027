// POST /telegram adapter cases, from the real Update payloads in test/fixtures/wire: the secret
// token, malformed bodies, redelivered updates, a channel that is off, and where Bot API calls go.
import type { Update } from "grammy/types";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../../support/fake-twilio.ts";
import { createHarness, type Harness } from "../../support/harness.ts";
import {
  BOT_TOKEN,
  callbackUpdate,
  createTelegramHarness,
  fixture,
  postUpdate,
  type TgUser,
  textUpdate,
  WEBHOOK_SECRET,
} from "../../support/telegram.ts";

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

const harness = () => createTelegramHarness(fakeTelegram, fakeTwilio);
const count = async (h: Harness, table: string) =>
  Number((await h.rows(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);

const JANIS: TgUser = { id: 2002, first_name: "Jānis", language_code: "lv" }; // a member in the demo scheme

interface Case {
  name: string;
  body: () => Update | string;
  secret?: string | null;
  status: number;
  /** Inbound rows recorded. */
  recorded: number;
}

const update = (name: string) => () => fixture<Update>(`telegram-update-${name}.json`);

const cases: Case[] = [
  { name: "the /start fixture", body: update("start"), status: 200, recorded: 1 },
  { name: "the text fixture", body: update("text"), status: 200, recorded: 1 },
  { name: "the callback fixture", body: update("callback"), status: 200, recorded: 1 },
  { name: "the contact fixture", body: update("contact"), status: 200, recorded: 1 },
  { name: "a wrong secret token", body: update("text"), secret: "wrong", status: 401, recorded: 0 },
  { name: "no secret token header", body: update("text"), secret: null, status: 401, recorded: 0 },
  { name: "an empty secret token", body: update("text"), secret: "", status: 401, recorded: 0 },
  {
    name: "the secret in another case",
    body: update("text"),
    secret: WEBHOOK_SECRET.toUpperCase(),
    status: 401,
    recorded: 0,
  },
  { name: "malformed JSON", body: () => '{"update_id": 874213902, "message": {', status: 400, recorded: 0 },
  { name: "an empty body", body: () => "", status: 400, recorded: 0 },
  { name: "JSON null", body: () => "null", status: 400, recorded: 0 },
  { name: "a JSON array", body: () => "[1, 2]", status: 400, recorded: 0 },
  {
    name: "no update_id",
    body: () => {
      const { update_id: _id, ...rest } = fixture<Update>("telegram-update-text.json");
      return JSON.stringify(rest);
    },
    status: 400,
    recorded: 0,
  },
  {
    name: "update_id as a string",
    body: () => JSON.stringify({ ...fixture<Update>("telegram-update-text.json"), update_id: "874213902" }),
    status: 400,
    recorded: 0,
  },
  {
    name: "a body over 64 KiB (ASCII)",
    body: () => {
      const u = fixture<Update>("telegram-update-text.json");
      return JSON.stringify({ ...u, message: { ...u.message, text: "x".repeat(70_000) } });
    },
    status: 413,
    recorded: 0,
  },
  {
    name: "a body over 64 KiB in bytes but not in characters",
    body: () => {
      const u = fixture<Update>("telegram-update-text.json");
      // 40 000 × "ż" is 80 000 bytes of UTF-8.
      return JSON.stringify({ ...u, message: { ...u.message, text: "ż".repeat(40_000) } });
    },
    status: 413,
    recorded: 0,
  },
  {
    name: "an update kind the bot does not handle (edited_message)",
    body: () => {
      const { message, update_id } = fixture<{ update_id: number; message: unknown }>(
        "telegram-update-text.json",
      );
      return JSON.stringify({ update_id, edited_message: { ...(message as object), edit_date: 1795975300 } });
    },
    status: 200,
    recorded: 0,
  },
];

describe("POST /telegram", () => {
  test.each(cases)("$name → $status, $recorded recorded", async (c) => {
    const h = await harness();
    const res = await postUpdate(h, c.body(), c.secret === undefined ? {} : { secret: c.secret });
    expect(res.status).toBe(c.status);
    await h.flush();
    expect(await count(h, "inbound_messages")).toBe(c.recorded);
    if (c.recorded === 0) {
      expect(await count(h, "outbox")).toBe(0);
      expect(await count(h, "conversations")).toBe(0);
      expect(fakeTelegram.calls).toEqual([]);
    }
  });

  test("a fixture's replies reach the fake Bot API with the token, and no getMe is called", async () => {
    const h = await harness();
    expect((await postUpdate(h, fixture<Update>("telegram-update-start.json"))).status).toBe(200);
    await h.flush();
    console.log(JSON.stringify(fakeTelegram.calls).slice(0, 600));
    expect(fakeTelegram.calls.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(fakeTelegram.calls.every((c) => c.token === BOT_TOKEN)).toBe(true);
    // Kasia's app is in Polish: she is asked her name in Polish.
    expect(fakeTelegram.calls[0]?.body).toMatchObject({
      chat_id: "7001234567",
      text: "Cześć! Jak masz na imię?",
    });
    expect(await h.rows("SELECT status, transport FROM outbox")).toEqual([
      { status: "sent", transport: "telegram" },
    ]);
  });

  test("a pressed button from the fixture is answered, and the pressed message is edited", async () => {
    const h = await harness();
    await postUpdate(h, fixture<Update>("telegram-update-callback.json"));
    await h.flush();
    const methods = fakeTelegram.calls.map((c) => c.method);
    expect(methods).toEqual(["answerCallbackQuery", "editMessageText"]);
    expect(fakeTelegram.calls[0]?.body).toMatchObject({ callback_query_id: "4382bfdwdsb323b2d9" });
    expect(fakeTelegram.calls[1]?.body).toMatchObject({ chat_id: "5002", message_id: 42 });
  });

  test("a redelivered update has one effect: one inbound row, one ledger entry, replies sent once", async () => {
    const h = await harness();
    const log = textUpdate(JANIS, "STUNDAS 2 staithe");
    expect((await postUpdate(h, log)).status).toBe(200);
    await h.flush();
    expect((await postUpdate(h, log)).status).toBe(200);
    await h.flush();
    // And twice more at the same moment, as Telegram may when an answer was slow.
    const twice = await Promise.all([postUpdate(h, log), postUpdate(h, log)]);
    expect(twice.map((r) => r.status)).toEqual([200, 200]);
    await h.flush();
    expect(await count(h, "inbound_messages")).toBe(1);
    expect(await h.rows("SELECT minutes, partner_id, status FROM ledger_entries")).toEqual([
      { minutes: 120, partner_id: "staithe", status: "pending" },
    ]);
    expect(fakeTelegram.sent(2002).map((m) => m.text)).toEqual([
      "Sveiki, Jāni! Laipni lūgti programmā Wisbech Time Credits!\nPierakstīts: 2 st., The Staithe, sestd. 28. nov. Gaida apstiprinājumu.",
    ]);
    // Kate and Marek (SMS: neither has written on Telegram) got the request once each.
    expect(fakeTwilio.calls.map((c) => c.to)).toEqual(["+447700900001", "+447700900002"]);
  });

  test("a redelivered button press is answered once and settles once", async () => {
    const h = await harness();
    await postUpdate(h, textUpdate(JANIS, "menu"));
    await h.flush();
    const menu = fakeTelegram.sent(2002).at(-1);
    expect(menu?.reply_markup).toBeDefined();
    const press = callbackUpdate(JANIS, "o:1", {
      message_id: menu?.message_id ?? 0,
      text: menu?.text ?? "",
      reply_markup: menu?.reply_markup,
    });
    await postUpdate(h, press);
    await h.flush();
    await postUpdate(h, press);
    await h.flush();
    expect(fakeTelegram.calls.map((c) => c.method)).toEqual([
      "sendMessage",
      "answerCallbackQuery",
      "editMessageText",
    ]);
    expect(await count(h, "inbound_messages")).toBe(2);
  });

  test("the language comes from language_code: pl, lv, anything else English, none asks", async () => {
    const h = await harness();
    const users: TgUser[] = [
      { id: 7100000001, first_name: "Ola", language_code: "pl" },
      { id: 7100000002, first_name: "Inese", language_code: "lv" },
      { id: 7100000003, first_name: "Jonas", language_code: "de" },
      { id: 7100000004, first_name: "Sam", language_code: "en-GB" },
      { id: 7100000005, first_name: "Noname" },
    ];
    for (const user of users) await postUpdate(h, textUpdate(user, "/start"));
    await h.flush();
    const first = (id: number) => fakeTelegram.sent(id)[0]?.text;
    expect(first(7100000001)).toBe("Cześć! Jak masz na imię?");
    expect(first(7100000002)).toBe("Sveiki! Kā tevi sauc?");
    expect(first(7100000003)).toBe("Hi! What is your first name?");
    expect(first(7100000004)).toBe("Hi! What is your first name?");
    // No hint: the greeting in all three languages, with the languages as buttons.
    const ask = fakeTelegram.sent(7100000005)[0];
    expect(ask?.text).toContain("Pick a language");
    // Option buttons carry the conversation version they answer (1: the first question).
    expect(ask?.reply_markup).toEqual({
      inline_keyboard: [
        [{ text: "English", callback_data: "o:1:1" }],
        [{ text: "Polski", callback_data: "o:2:1" }],
        [{ text: "Latviešu", callback_data: "o:3:1" }],
      ],
    });
  });

  test("with no Telegram settings the channel is off: 503 naming the setting, nothing recorded", async () => {
    const off = await createHarness();
    const res = await postUpdate(off, fixture<Update>("telegram-update-text.json"));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain("TELEGRAM_BOT_TOKEN");
    expect(await count(off, "inbound_messages")).toBe(0);

    const half = await createHarness({ env: { TELEGRAM_BOT_TOKEN: BOT_TOKEN } });
    const res2 = await postUpdate(half, fixture<Update>("telegram-update-text.json"));
    expect(res2.status).toBe(503);
    expect(await res2.text()).toContain("TELEGRAM_WEBHOOK_SECRET");
    expect(await count(half, "inbound_messages")).toBe(0);
  });
});

describe("group chats", () => {
  test("a message in a group is ignored: 200, nothing recorded, no reply", async () => {
    const h = await harness();
    const inGroup = textUpdate(JANIS, "SALDO") as Update & { message: { chat: Record<string, unknown> } };
    inGroup.message.chat = { id: -100200300, title: "Volunteers", type: "group" };
    const res = await postUpdate(h, inGroup);
    expect(res.status).toBe(200);
    await h.flush();
    expect(await count(h, "inbound_messages")).toBe(0);
    expect(fakeTelegram.sent(-100200300)).toEqual([]);
  });
});
