// Calling the Bot API through grammY, against a local fake Telegram: request shape and failure sorting.
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  sendTelegram,
  type TelegramResult,
  type TelegramSettings,
} from "../../../src/channels/telegram/sender.ts";
import { type FakeTelegram, startFakeTelegram } from "../../support/fake-telegram.ts";

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/wire/${name}`, import.meta.url), "utf8"));
const TOO_MANY = fixture("telegram-error-429.json");
const BLOCKED = fixture("telegram-error-403-blocked.json");

const TOKEN = "424242:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0";
const CHAT = "7001234567";
const TEXT = "Anna K: 2,5 h, wt. 24 lis. Potwierdzasz?";
const MARKUP = { inline_keyboard: [[{ text: "✅ TAK", callback_data: "c:482:y" }]] };

let fake: FakeTelegram;
let settings: TelegramSettings;

beforeAll(async () => {
  fake = await startFakeTelegram();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  settings = { token: TOKEN, apiRoot: fake.url };
});

function expectSafeError(result: TelegramResult): void {
  if (result.ok) throw new Error("expected a failure");
  for (const secret of [
    TOKEN,
    TOKEN.split(":")[1] ?? "?",
    encodeURIComponent(TOKEN),
    CHAT,
    TEXT,
    "Potwierdzasz",
  ])
    expect(result.error).not.toContain(secret);
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("sendTelegram", () => {
  it("sends a message with its keyboard to the right chat and returns the message id", async () => {
    const result = await sendTelegram(settings, CHAT, TEXT, { kind: "send", reply_markup: MARKUP });
    expect(result).toEqual({ ok: true, providerId: expect.stringMatching(/^\d+$/) });
    expect(fake.calls).toEqual([
      { method: "sendMessage", token: TOKEN, body: { chat_id: CHAT, text: TEXT, reply_markup: MARKUP } },
    ]);
    expect(fake.sent(CHAT).at(-1)).toMatchObject({ chat_id: CHAT, text: TEXT, reply_markup: MARKUP });
    expect(fake.sent(CHAT).at(-1)?.message_id).toBe(Number(result.ok && result.providerId));
  });

  it("edits a message, and counts 'message is not modified' as done", async () => {
    const sent = await sendTelegram(settings, CHAT, "Pick one", { kind: "send", reply_markup: MARKUP });
    const messageId = Number(sent.ok && sent.providerId);
    const edit = { kind: "edit", messageId } as const;
    expect(await sendTelegram(settings, CHAT, TEXT, edit)).toEqual({
      ok: true,
      providerId: String(messageId),
    });
    expect(fake.calls.at(-1)).toMatchObject({
      method: "editMessageText",
      body: { chat_id: CHAT, message_id: messageId, text: TEXT },
    });
    // The same edit again: the fake answers 400 "message is not modified", as Telegram does.
    expect(await sendTelegram(settings, CHAT, TEXT, edit)).toEqual({
      ok: true,
      providerId: String(messageId),
    });
    expect(fake.calls).toHaveLength(3);
  });

  it("answers a callback query", async () => {
    const result = await sendTelegram(settings, CHAT, "", {
      kind: "answer",
      callbackId: "4382bfdwdsb323b2d9",
    });
    expect(result.ok).toBe(true);
    expect(fake.calls).toEqual([
      { method: "answerCallbackQuery", token: TOKEN, body: { callback_query_id: "4382bfdwdsb323b2d9" } },
    ]);
  });

  it("reports 429 as retryable after the time Telegram names", async () => {
    fake.failNext("sendMessage", 429, TOO_MANY);
    const result = await sendTelegram(settings, CHAT, TEXT, { kind: "send" });
    expect(result).toEqual({
      ok: false,
      permanent: false,
      blocked: false,
      retryAfterSeconds: 5,
      error: expect.stringContaining("429"),
    });
    expectSafeError(result);
  });

  it("reports 403 'bot was blocked' as blocked and permanent", async () => {
    fake.failNext("sendMessage", 403, BLOCKED);
    const result = await sendTelegram(settings, CHAT, TEXT, { kind: "send" });
    expect(result).toEqual({
      ok: false,
      permanent: true,
      blocked: true,
      error: expect.stringContaining("blocked"),
    });
    expectSafeError(result);
  });

  it("sorts other 4xx as permanent and 5xx as retryable", async () => {
    fake.failNext("editMessageText", 400, {
      ok: false,
      error_code: 400,
      description: "Bad Request: message to edit not found",
    });
    const gone = await sendTelegram(settings, CHAT, TEXT, { kind: "edit", messageId: 999 });
    expect(gone).toMatchObject({ ok: false, permanent: true, blocked: false });
    fake.failNext("sendMessage", 502, { ok: false, error_code: 502, description: "Bad Gateway" });
    expect(await sendTelegram(settings, CHAT, TEXT, { kind: "send" })).toMatchObject({
      ok: false,
      permanent: false,
    });
    fake.failNext("sendMessage", 502, "<html>502 Bad Gateway</html>");
    const html = await sendTelegram(settings, CHAT, TEXT, { kind: "send" });
    expect(html).toMatchObject({ ok: false, permanent: false, blocked: false });
    expectSafeError(html);
  });

  it("reports an unreachable Bot API as retryable, without the token in the error", async () => {
    const apiRoot = `http://127.0.0.1:${await closedPort()}/`;
    const result = await sendTelegram({ ...settings, apiRoot }, CHAT, TEXT, { kind: "send" });
    expect(result).toMatchObject({ ok: false, permanent: false, blocked: false });
    expectSafeError(result);
  });

  it("scrubs the token, chat id and text from whatever an error says", async () => {
    const description = `Bad Request: /bot${TOKEN}/sendMessage chat ${CHAT} "${TEXT}"`;
    fake.failNext("sendMessage", 400, { ok: false, error_code: 400, description });
    expectSafeError(await sendTelegram(settings, CHAT, TEXT, { kind: "send" }));
    const throwing: typeof fetch = async (input) => {
      throw new Error(`connect failed for ${String(input)} (chat ${CHAT})`);
    };
    const result = await sendTelegram(settings, CHAT, TEXT, { kind: "send" }, throwing);
    expect(result).toMatchObject({ ok: false, permanent: false });
    expectSafeError(result);
  });
});
