// What Twilio and Telegram send, built for the bench without the test fixtures' disk reads:
// a Twilio webhook form signed with HMAC-SHA1 exactly as Twilio signs it, and Telegram Update JSON.
import { createHmac } from "node:crypto";
import { inboundSmsForm } from "../test/support/twilio-form.ts";

export const AUTH_TOKEN = "bench_auth_token_0123456789";
export const ACCOUNT_SID = `AC${"0".repeat(32)}`;
export const SCHEME_NUMBER = "+447700900999";
export const PUBLIC_URL = "https://bot.example.org";
export const BOT_TOKEN = "123456:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0";
export const WEBHOOK_SECRET = "bench-secret-0123456789";

/**
 * Twilio's signature: base64(HMAC-SHA1(auth token, URL + each parameter name and value, sorted by
 * name, with no separators)). See /work/shared/fixtures/README.md.
 */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return createHmac("sha1", authToken).update(data, "utf8").digest("base64");
}

let sid = 0;

/** A unique MessageSid of Twilio's shape (SM + 32 hex digits). */
export function nextSid(): string {
  return `SM${(++sid).toString(16).padStart(32, "0")}`;
}

/** The body and headers of a signed POST /sms, shaped like test/fixtures/wire/twilio-inbound-sms.form.txt. */
export function smsRequest(from: string, body: string, messageSid = nextSid()): RequestInit {
  const params = inboundSmsForm({ from, body, sid: messageSid, to: SCHEME_NUMBER, accountSid: ACCOUNT_SID });
  const form = new URLSearchParams(params).toString();
  return {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": contentLength(form),
      "x-twilio-signature": twilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/sms`, params),
    },
    body: form,
  };
}

export interface TgUser {
  id: number;
  first_name: string;
}

let updateId = 600_000_000;
let messageId = 1;
let date = 1_795_975_200;

/** A text message Update, shaped like test/fixtures/wire/telegram-update-text.json. */
export function textUpdate(user: TgUser, text: string): Record<string, unknown> {
  return {
    update_id: ++updateId,
    message: {
      message_id: ++messageId,
      from: { id: user.id, is_bot: false, first_name: user.first_name, language_code: "en" },
      chat: { id: user.id, first_name: user.first_name, type: "private" },
      date: ++date,
      text,
    },
  };
}

/** A button press Update, shaped like test/fixtures/wire/telegram-update-callback.json. */
export function pressUpdate(user: TgUser, data: string, onMessage: number): Record<string, unknown> {
  const id = ++updateId;
  return {
    update_id: id,
    callback_query: {
      id: `${user.id}-${id}`,
      from: { id: user.id, is_bot: false, first_name: user.first_name, language_code: "en" },
      message: {
        message_id: onMessage,
        from: { id: 123456, is_bot: true, first_name: "Time Credits", username: "timecredits_bot" },
        chat: { id: user.id, first_name: user.first_name, type: "private" },
        date: ++date,
        text: "…",
      },
      chat_instance: "-3520847159233140922",
      data,
    },
  };
}

export function telegramRequest(update: Record<string, unknown>): RequestInit {
  const json = JSON.stringify(update);
  return {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "content-length": contentLength(json),
      "x-telegram-bot-api-secret-token": WEBHOOK_SECRET,
    },
    body: json,
  };
}

/**
 * Twilio and Telegram send a Content-Length, as does every request reaching the app through a server
 * (@hono/node-server, workerd): a Request built in process has none unless it is given one, and
 * hono/body-limit then counts the body as a stream instead of reading the header.
 */
function contentLength(body: string): string {
  return String(new TextEncoder().encode(body).length);
}
