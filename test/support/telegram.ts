// Telegram for tests: Update JSON built from the real payloads in test/fixtures/wire, posted to
// POST /telegram with the secret-token header, and a transcript player (like transcript.ts `play`)
// that prints what the (fake) Bot API and the (fake) Twilio API received after every update.
import { readFileSync } from "node:fs";
import type { Update } from "grammy/types";
import type { FakeTelegram } from "./fake-telegram.ts";
import type { FakeTwilio } from "./fake-twilio.ts";
import { createHarness, type Harness } from "./harness.ts";

/** A bot token of the shape Telegram issues: bot id, colon, 35 characters. */
export const BOT_TOKEN = "123456:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0";
export const WEBHOOK_SECRET = "s3cret-webhook-0123456789";
const BOT_ID = 123456;

export function fixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/wire/${name}`, import.meta.url), "utf8")) as T;
}

/** A Telegram user as updates carry it in `from`. */
export interface TgUser {
  id: number;
  first_name: string;
  language_code?: string;
}

/** Kasia, the user of the fixtures: her app is in Polish. */
export const KASIA: TgUser = (() => {
  const from = fixture<{ message: { from: TgUser & { is_bot: boolean } } }>("telegram-update-start.json")
    .message.from;
  return {
    id: from.id,
    first_name: from.first_name,
    ...(from.language_code ? { language_code: from.language_code } : {}),
  };
})();

const BOT_USER = { id: BOT_ID, is_bot: true, first_name: "Time Credits", username: "timecredits_bot" };

let updateCounter = 874_214_000;
let messageCounter = 1000;
/** Seconds since the epoch for the `date` fields; only needs to move forward. */
let dateCounter = 1_795_975_200;

function nextIds(): { update_id: number; message_id: number; date: number } {
  return { update_id: ++updateCounter, message_id: ++messageCounter, date: ++dateCounter };
}

function fromOf(user: TgUser) {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.first_name,
    ...(user.language_code ? { language_code: user.language_code } : {}),
  };
}

function chatOf(user: TgUser) {
  return { id: user.id, first_name: user.first_name, type: "private" as const };
}

/** A text message, shaped like telegram-update-text.json (a leading /command gets its entity). */
export function textUpdate(user: TgUser, text: string): Update {
  const base = fixture<{ message: Record<string, unknown> }>("telegram-update-text.json");
  const ids = nextIds();
  const command = /^\/\w+/.exec(text);
  return {
    update_id: ids.update_id,
    message: {
      ...base.message,
      message_id: ids.message_id,
      from: fromOf(user),
      chat: chatOf(user),
      date: ids.date,
      text,
      ...(command ? { entities: [{ offset: 0, length: command[0].length, type: "bot_command" }] } : {}),
    },
  } as Update;
}

/** A press on an inline button with `data`, on the bot's message `message` (as the chat shows it). */
export function callbackUpdate(
  user: TgUser,
  data: string,
  message: { message_id: number; text?: string; reply_markup?: unknown },
): Update {
  const base = fixture<{ callback_query: Record<string, unknown> }>("telegram-update-callback.json");
  const ids = nextIds();
  return {
    update_id: ids.update_id,
    callback_query: {
      ...base.callback_query,
      id: `${user.id}-${ids.update_id}`,
      from: fromOf(user),
      message: {
        message_id: message.message_id,
        from: BOT_USER,
        chat: chatOf(user),
        date: ids.date,
        text: message.text ?? "…",
        ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}),
      },
      data,
    },
  } as Update;
}

/** A shared contact, shaped like telegram-update-contact.json; `userId` other than the sender's = someone else's. */
export function contactUpdate(user: TgUser, phone: string, userId: number | null = user.id): Update {
  const base = fixture<{ message: Record<string, unknown> }>("telegram-update-contact.json");
  const ids = nextIds();
  return {
    update_id: ids.update_id,
    message: {
      ...base.message,
      message_id: ids.message_id,
      from: fromOf(user),
      chat: chatOf(user),
      date: ids.date,
      contact: {
        phone_number: phone,
        first_name: user.first_name,
        ...(userId === null ? {} : { user_id: userId }),
      },
    },
  } as Update;
}

/** Posts an update (or any raw body) to /telegram; `secret: null` leaves the header out. */
export async function postUpdate(
  h: Harness,
  update: Update | string,
  opts: { secret?: string | null } = {},
): Promise<Response> {
  const secret = opts.secret === undefined ? WEBHOOK_SECRET : opts.secret;
  return h.app.request("/telegram", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === null ? {} : { "x-telegram-bot-api-secret-token": secret }),
    },
    body: typeof update === "string" ? update : JSON.stringify(update),
  });
}

/** One call the app made to the Bot API or to Twilio, with the answer it got. */
export interface Exchange {
  api: "telegram" | "twilio";
  method: string;
  body: Record<string, unknown>;
  status: number;
  response: Record<string, unknown> | null;
}

/** A fetch that passes every call through and remembers the Bot API and Twilio ones in order. */
export interface Recorder {
  fetch: typeof fetch;
  exchanges: Exchange[];
}

export function recorder(telegramUrl: string, twilioUrl?: string): Recorder {
  const exchanges: Exchange[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const api = url.startsWith(telegramUrl)
      ? "telegram"
      : twilioUrl && url.startsWith(twilioUrl)
        ? "twilio"
        : null;
    if (!api) return fetch(input, init);
    const raw = typeof init?.body === "string" ? init.body : "";
    const body: Record<string, unknown> =
      api === "telegram"
        ? raw
          ? (JSON.parse(raw) as Record<string, unknown>)
          : {}
        : Object.fromEntries(new URLSearchParams(raw));
    const method = api === "telegram" ? (url.split("/").at(-1) ?? "") : "Messages";
    // Recorded when the call starts, so the order is the order the app called in.
    const exchange: Exchange = { api, method, body, status: 0, response: null };
    exchanges.push(exchange);
    const res = await fetch(input, init);
    exchange.status = res.status;
    exchange.response = (await res
      .clone()
      .json()
      .catch(() => null)) as Record<string, unknown> | null;
    return res;
  };
  return { fetch: fetchFn, exchanges };
}

export interface TelegramHarness extends Harness {
  bot: Recorder;
}

/** A harness with the Telegram channel on (pointed at `telegram`) and SMS at `twilio`, recording both. */
export async function createTelegramHarness(
  telegram: FakeTelegram,
  twilio?: FakeTwilio,
  options: { now?: string; scheme?: unknown; env?: Record<string, string> } = {},
): Promise<TelegramHarness> {
  const bot = recorder(telegram.url, twilio?.url);
  const h = await createHarness({
    ...(options.now ? { now: options.now } : {}),
    ...(options.scheme ? { scheme: options.scheme } : {}),
    env: {
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_ROOT: telegram.url,
      ...(twilio ? { TWILIO_API_URL: twilio.url } : {}),
      ...options.env,
    },
    fetch: bot.fetch,
  });
  return { ...h, bot };
}

type Lazy = string | (() => Promise<string>);

export type TgTurn =
  /** A text message from a Telegram user. */
  | { tg: TgUser; text: Lazy; at?: string }
  /**
   * A press on the newest message in the user's chat that shows a button with this data, or on
   * message `on` whatever it shows now (a second tap before the edit arrived, an old keyboard).
   */
  | { tg: TgUser; press: Lazy; on?: number; at?: string }
  /** A shared contact; `userId` defaults to the sender's own id. */
  | { tg: TgUser; contact: string; userId?: number | null; at?: string }
  /** The same update as the previous Telegram turn, delivered again. */
  | { again: true; at?: string }
  /** An SMS from a phone number, through POST /sms. */
  | { sms: string; text: Lazy; at?: string }
  /** The scheduled job. */
  | { tick: true; at?: string }
  /** Only the outbox (after moving the clock, e.g. past a retry_after). */
  | { deliver: true; at?: string };

interface Shown {
  chat: string;
  messageId: number;
  text: string;
  reply_markup?: unknown;
}

function indent(prefix: string, text: string): string {
  return text
    .split("\n")
    .map((line, i) => `${i ? "  " : prefix}${line}`)
    .join("\n");
}

/** Buttons as `[label → data]`, one keyboard row per line. */
function buttons(markup: unknown): string[] {
  const m = markup as
    | {
        inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>>;
        keyboard?: Array<Array<{ text: string; request_contact?: boolean }>>;
        one_time_keyboard?: boolean;
      }
    | undefined;
  if (m?.inline_keyboard)
    return m.inline_keyboard.map(
      (row) => `  ${row.map((b) => `[${b.text} → ${b.callback_data ?? "?"}]`).join(" ")}`,
    );
  if (m?.keyboard)
    return m.keyboard.map(
      (row) =>
        `  ${row.map((b) => `[${b.text} → ${b.request_contact ? "share contact" : "text"}]`).join(" ")} (keyboard)`,
    );
  return [];
}

function hasButton(markup: unknown, data: string): boolean {
  const rows = (markup as { inline_keyboard?: Array<Array<{ callback_data?: string }>> } | undefined)
    ?.inline_keyboard;
  return (rows ?? []).some((row) => row.some((b) => sameButton(b.callback_data, data)));
}

/** "o:1" names the first option whatever question version the button is stamped with ("o:1:7"). */
function sameButton(actual: string | undefined, data: string): boolean {
  return actual === data || (actual?.startsWith(`${data}:`) ?? false);
}

function speaker(user: TgUser): string {
  return `# tg ${user.id} ${user.first_name}${user.language_code ? ` (${user.language_code})` : ""}`;
}

/** A player for one harness: keeps what each chat shows, so a press finds its message. */
export function telegramPlayer(h: TelegramHarness) {
  const shown = new Map<string, Shown>();
  const callbackChats = new Map<string, string>();
  let printed = h.bot.exchanges.length;
  let lastUpdate: Update | null = null;
  /** Who spoke last, across `play` calls, so a transcript in parts reads as one. */
  let lastHeader = "";

  /** The newest message in the chat showing a button with `data` (what a person would press). */
  function findButton(chat: number, data: string): Shown {
    const candidates = [...shown.values()]
      .filter((m) => m.chat === String(chat) && hasButton(m.reply_markup, data))
      .sort((a, b) => b.messageId - a.messageId);
    const found = candidates[0];
    if (!found) throw new Error(`no message in chat ${chat} shows a button with data ${data}`);
    return found;
  }

  function shownMessage(chat: number, messageId: number): Shown {
    const found = shown.get(`${chat}/${messageId}`);
    if (!found) throw new Error(`chat ${chat} has no message #${messageId}`);
    return found;
  }

  function render(e: Exchange): string[] {
    if (e.api === "twilio") {
      const to = String(e.body.To ?? "");
      const failed = e.status >= 300 ? ` ! HTTP ${e.status}` : "";
      return [indent(`» sms ${to}${failed}: `, String(e.body.Body ?? ""))];
    }
    const ok = e.status === 200 && e.response?.ok === true;
    const failure = ok ? "" : ` ! ${e.status} ${String(e.response?.description ?? "")}`;
    if (e.method === "answerCallbackQuery") {
      const id = String(e.body.callback_query_id ?? "");
      const chat = callbackChats.get(id) ?? "?";
      const text = e.body.text ? `: ${String(e.body.text)}` : "";
      return [`» tg ${chat} answerCallbackQuery${text}${failure}`];
    }
    const chat = String(e.body.chat_id ?? "?");
    const text = String(e.body.text ?? "");
    if (e.method === "sendMessage" || e.method === "editMessageText") {
      const result = e.response?.result as { message_id?: number } | undefined;
      const id = e.method === "editMessageText" ? Number(e.body.message_id) : result?.message_id;
      if (ok && id !== undefined)
        shown.set(`${chat}/${id}`, {
          chat,
          messageId: id,
          text,
          ...(e.body.reply_markup ? { reply_markup: e.body.reply_markup } : {}),
        });
      const what = e.method === "sendMessage" ? `#${id ?? "?"}` : `edit #${String(e.body.message_id)}`;
      const head = ok ? `» tg ${chat} ${what}: ` : `» tg ${chat} ${e.method}${failure}: `;
      return [indent(head, text), ...buttons(e.body.reply_markup)];
    }
    return [`» tg ${chat} ${e.method}${failure}`];
  }

  async function outbound(out: string[]): Promise<void> {
    await h.flush();
    for (const e of h.bot.exchanges.slice(printed)) out.push(...render(e));
    printed = h.bot.exchanges.length;
  }

  async function post(update: Update, out: string[]): Promise<void> {
    lastUpdate = update;
    if (update.callback_query)
      callbackChats.set(update.callback_query.id, String(update.callback_query.from.id));
    const res = await postUpdate(h, update);
    if (res.status !== 200) out.push(`! HTTP ${res.status}`);
  }

  return {
    /** Plays the turns; returns the transcript. */
    async play(turns: TgTurn[]): Promise<string> {
      const out: string[] = [];
      const header = (line: string) => {
        if (line !== lastHeader) out.push(line);
        lastHeader = line;
      };
      try {
        for (const turn of turns) await playTurn(turn);
      } catch (error) {
        // A turn that cannot be played (no such button) shows where the conversation had got to.
        throw new Error(`${(error as Error).message}\n--- transcript so far ---\n${out.join("\n")}`);
      }
      return `${out.join("\n")}\n`;

      async function playTurn(turn: TgTurn): Promise<void> {
        if (turn.at) {
          h.setNow(turn.at);
          out.push(`@ ${turn.at}`);
        }
        if ("tick" in turn) {
          const { tick } = await import("../../src/jobs/tick.ts");
          const report = await tick(h.deps);
          out.push(
            `~ tick: reminded ${report.reminded}, expired ${report.expired}, asked ${report.askedCheckouts}`,
          );
          lastHeader = "";
        } else if ("deliver" in turn) {
          const { deliverDue } = await import("../../src/jobs/outbox.ts");
          const counts = await deliverDue(h.deps);
          out.push(`~ outbox: sent ${counts.sent}, failed ${counts.failed}, retrying ${counts.retrying}`);
          lastHeader = "";
        } else if ("again" in turn) {
          if (!lastUpdate) throw new Error("no update to deliver again");
          out.push("~ the same update delivered again");
          await post(lastUpdate, out);
        } else if ("sms" in turn) {
          header(`# sms ${turn.sms}`);
          const text = typeof turn.text === "string" ? turn.text : await turn.text();
          const { status, messages } = await h.sms(turn.sms, text);
          out.push(`> ${text}`);
          if (status !== 200) out.push(`! HTTP ${status}`);
          if (!messages.length) out.push("(no reply)");
          for (const m of messages) out.push(...m.split("\n").map((line) => `< ${line}`));
        } else {
          header(speaker(turn.tg));
          if ("press" in turn) {
            const data = typeof turn.press === "string" ? turn.press : await turn.press();
            const message =
              turn.on === undefined ? findButton(turn.tg.id, data) : shownMessage(turn.tg.id, turn.on);
            const rows =
              (
                message.reply_markup as {
                  inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>>;
                }
              )?.inline_keyboard ?? [];
            const button = rows.flat().find((b) => sameButton(b.callback_data, data));
            const label = button?.text ?? data;
            out.push(`> [${label}] (${data} on #${message.messageId})`);
            await post(
              callbackUpdate(turn.tg, button?.callback_data ?? data, {
                message_id: message.messageId,
                text: message.text,
                reply_markup: message.reply_markup,
              }),
              out,
            );
          } else if ("contact" in turn) {
            const userId = turn.userId === undefined ? turn.tg.id : turn.userId;
            const whose = userId === turn.tg.id ? "own" : `user_id ${userId ?? "none"}`;
            out.push(`> (shares contact ${turn.contact}, ${whose})`);
            await post(contactUpdate(turn.tg, turn.contact, userId), out);
          } else {
            const text = typeof turn.text === "string" ? turn.text : await turn.text();
            out.push(`> ${text}`);
            await post(textUpdate(turn.tg, text), out);
          }
        }
        await outbound(out);
      }
    },
  };
}
