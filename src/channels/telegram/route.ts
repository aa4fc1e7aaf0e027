// POST /telegram: Telegram updates through grammY's webhook adapter for Hono. Texts, button presses
// and shared contacts become InboundMessages for the same engine as SMS; replies go out through the
// outbox (recorded in the same write, retried, never lost), a pressed menu is edited in place.

import type { Update, UserFromGetMe } from "grammy/types";
import { Bot, webhookCallback } from "grammy/web";
import { type Context, Hono } from "hono";
import type { Config } from "../../config.ts";
import type { InboundMessage, Locale, Reply } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { toE164 } from "../../lib/phone.ts";
import { sameSecret } from "../../lib/secrets.ts";
import { handleMessage } from "../../services/handle-message.ts";
import type { OutboxMessage } from "../../store/outbox.ts";
import { callbackText, questionOf } from "../buttons.ts";
import { MAX_WEBHOOK_BYTES } from "../sms/route.ts";
import { renderTelegramMessages, type TelegramMessage } from "./render.ts";

/** The bot's identity from its token, so no update needs a getMe call. */
export function botInfoFor(token: string, username: string): UserFromGetMe {
  return {
    id: Number(token.split(":")[0]),
    is_bot: true,
    first_name: "Time Credits",
    username,
    can_join_groups: false,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}

export function languageOf(code: string | undefined): Locale | undefined {
  const base = code?.toLowerCase().split("-")[0];
  return base === "pl" || base === "lv" ? base : base ? "en" : undefined;
}

/** Option buttons carry the conversation version they answer, so an old button cannot answer a new question. */
function stampOptions(m: TelegramMessage, version: number): TelegramMessage {
  const markup = m.reply_markup;
  if (!markup || !("inline_keyboard" in markup)) return m;
  const inline_keyboard = markup.inline_keyboard.map((row) =>
    row.map((b) =>
      "callback_data" in b && b.callback_data?.startsWith("o:")
        ? { ...b, callback_data: `${b.callback_data}:${version}` }
        : b,
    ),
  );
  return { ...m, reply_markup: { inline_keyboard } };
}

interface Pressed {
  callbackId: string;
  messageId?: number;
}

export function telegramRoutes(deps: Deps): Hono {
  const app = new Hono();
  // The bot and its handlers depend only on deps: built on the first update, not on every one.
  let answer: ((c: Context) => Promise<Response>) | undefined;
  app.post("/", async (c) => {
    const telegram = deps.config.telegram;
    if ("missing" in telegram) return c.text(`Telegram channel is off: ${telegram.missing} is not set`, 503);
    if (!(await sameSecret(c.req.header("x-telegram-bot-api-secret-token"), telegram.secret)))
      return c.text("", 401);
    const raw = await c.req.text();
    // The limit is in bytes: a text of 40 000 "ż" is 40 000 characters but 80 000 bytes.
    if (raw.length > MAX_WEBHOOK_BYTES || new TextEncoder().encode(raw).length > MAX_WEBHOOK_BYTES)
      return c.text("payload too large", 400);
    let update: Update;
    try {
      update = JSON.parse(raw);
    } catch {
      return c.text("not JSON", 400);
    }
    if (typeof update !== "object" || update === null || !Number.isSafeInteger(update.update_id)) {
      return c.text("update_id is required", 400);
    }
    // A message or button press of the wrong shape would throw inside the handlers (503, and
    // Telegram would redeliver it forever): it is refused before anything is read or recorded.
    if (!wellFormed(update)) return c.text("malformed update", 400);
    answer ??= telegramWebhook(deps, telegram);
    return answer(c);
  });
  return app;
}

/** grammY's webhook handler for our bot: messages and button presses go to the engine. */
function telegramWebhook(
  deps: Deps,
  telegram: Exclude<Config["telegram"], { missing: string }>,
): (c: Context) => Promise<Response> {
  const bot = new Bot(telegram.token, {
    botInfo: botInfoFor(telegram.token, deps.config.telegramUsername),
    client: { apiRoot: telegram.apiRoot },
  });
  // The bot talks to people one to one: group chats are ignored (answered 200, nothing recorded).
  bot.chatType(["group", "supergroup", "channel"]).use(() => undefined);
  bot.on("message", async (ctx) => {
    const from = ctx.from;
    const contact = ctx.message.contact;
    const phone = contact ? toE164(contact.phone_number, { bareInternational: true }) : null;
    await handle(deps, {
      channel: "telegram",
      address: String(from.id),
      text: ctx.message.text ?? "",
      externalId: String(ctx.update.update_id),
      locale: languageOf(from.language_code),
      profileName: from.first_name,
      ...(contact ? { contact: { phone, own: contact.user_id === from.id } } : {}),
    });
  });
  bot.on("callback_query", async (ctx) => {
    const from = ctx.callbackQuery.from;
    const pressed: Pressed = {
      callbackId: ctx.callbackQuery.id,
      messageId: ctx.callbackQuery.message?.message_id,
    };
    const message: InboundMessage = {
      channel: "telegram",
      address: String(from.id),
      text: callbackText(ctx.callbackQuery.data ?? ""),
      ...questionOf(ctx.callbackQuery.data ?? ""),
      externalId: String(ctx.update.update_id),
      locale: languageOf(from.language_code),
      profileName: from.first_name,
    };
    await handle(deps, message, pressed);
  });
  return webhookCallback(bot, "hono", { secretToken: telegram.secret, onTimeout: "throw" });
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const optionalString = (v: unknown) => v === undefined || typeof v === "string";
const isUser = (v: unknown) =>
  isObject(v) &&
  Number.isSafeInteger(v.id) &&
  typeof v.first_name === "string" &&
  optionalString(v.language_code);
const isChat = (v: unknown) => isObject(v) && Number.isSafeInteger(v.id) && typeof v.type === "string";

/** The fields the handlers read, of the types the Bot API gives them (other update kinds are ignored). */
export function wellFormed(update: unknown): boolean {
  if (!isObject(update)) return false;
  const { message, callback_query: query } = update;
  if (message !== undefined) {
    if (!isObject(message) || !Number.isSafeInteger(message.message_id) || !isChat(message.chat))
      return false;
    const chat = message.chat as Record<string, unknown>;
    if (message.from === undefined ? chat.type === "private" : !isUser(message.from)) return false;
    if (!optionalString(message.text)) return false;
    const contact = message.contact;
    if (
      contact !== undefined &&
      !(
        isObject(contact) &&
        typeof contact.phone_number === "string" &&
        (contact.user_id === undefined || Number.isSafeInteger(contact.user_id))
      )
    )
      return false;
  }
  if (query !== undefined) {
    if (
      !isObject(query) ||
      typeof query.id !== "string" ||
      !isUser(query.from) ||
      !optionalString(query.data)
    )
      return false;
    const pressed = query.message;
    if (
      pressed !== undefined &&
      !(isObject(pressed) && Number.isSafeInteger(pressed.message_id) && isChat(pressed.chat))
    )
      return false;
  }
  return true;
}

async function handle(deps: Deps, message: InboundMessage, pressed?: Pressed): Promise<void> {
  await handleMessage(deps, message, {
    replyOutbox: (locale, replies, version) =>
      repliesFor(deps, message.address, locale, replies, version, pressed),
  });
}

/** The sender's replies as outbox rows: a button press answers its callback and edits the pressed message. */
function repliesFor(
  deps: Deps,
  chat: string,
  locale: Locale,
  replies: Reply[],
  version: number,
  pressed?: Pressed,
): OutboxMessage[] {
  const out: OutboxMessage[] = [];
  if (pressed)
    out.push({
      channel: "telegram",
      address: chat,
      body: "",
      payload: { kind: "answer", callbackId: pressed.callbackId },
    });
  const messages = replies.flatMap((reply) => renderTelegramMessages(deps.i18n.t, locale, reply));
  messages.forEach((message, i) => {
    const m = stampOptions(message, version);
    const markup = m.reply_markup ? { reply_markup: m.reply_markup } : {};
    // A reply keyboard (share my number) cannot go on an edited message: send those anew.
    const editable =
      pressed?.messageId !== undefined && i === 0 && !(m.reply_markup && "keyboard" in m.reply_markup);
    out.push({
      channel: "telegram",
      address: chat,
      body: m.text,
      payload: editable
        ? { kind: "edit", messageId: pressed.messageId, ...markup }
        : { kind: "send", ...markup },
    });
  });
  return out;
}
