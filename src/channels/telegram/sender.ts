// Sends, edits and acknowledges through the Telegram Bot API with grammY's Api client, and sorts
// failures into "try again later", "give up" and "the person blocked the bot". Never throws.

import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from "grammy/types";
import { Api, GrammyError, HttpError, InputFile } from "grammy/web";

export interface TelegramSettings {
  token: string;
  /** Base of the Bot API, `https://api.telegram.org` in production, a local fake in tests. */
  apiRoot: string;
}

export type TelegramPayload =
  | { kind: "send"; reply_markup?: unknown }
  | { kind: "edit"; messageId: number; reply_markup?: unknown }
  | { kind: "answer"; callbackId: string }
  /** The text is sent as a file with this name (MY DATA's JSON), not as a message. */
  | { kind: "document"; filename: string };

/**
 * Outcome of one call. `permanent` failures will fail again the same way; `blocked` means the person
 * blocked the bot or deleted their account (403). `error` is safe to log: no token, chat id or text.
 */
export type TelegramResult =
  | { ok: true; providerId: string }
  | { ok: false; permanent: boolean; blocked: boolean; retryAfterSeconds?: number; error: string };

const TIMEOUT_SECONDS = 10;
const METHODS: Record<TelegramPayload["kind"], string> = {
  send: "sendMessage",
  edit: "editMessageText",
  answer: "answerCallbackQuery",
  document: "sendDocument",
};
const NOT_MODIFIED = /message is not modified/i;

/** Cuts out what must not reach logs: the token (also URL-encoded), the chat id and the text. */
function redact(message: string, secrets: string[]): string {
  let out = message;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out
    .replace(/\/bot[^/\s]+/g, "/bot[redacted]")
    .replace(/\d{5,}(:|%3A)[\w-]{20,}/gi, "[token]")
    .slice(0, 300);
}

function describeCause(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner = cause.cause as { code?: unknown; message?: unknown } | undefined;
  const why = typeof inner?.code === "string" ? inner.code : inner?.message;
  return `${cause.name}: ${cause.message}${typeof why === "string" ? ` (${why})` : ""}`;
}

function classify(err: unknown, method: string, secrets: string[]): TelegramResult {
  if (err instanceof GrammyError) {
    const code = err.error_code;
    const error = redact(`Telegram ${method} ${code}: ${err.description}`, secrets);
    if (code === 429) {
      const retry = err.parameters?.retry_after;
      return {
        ok: false,
        permanent: false,
        blocked: false,
        ...(typeof retry === "number" ? { retryAfterSeconds: retry } : {}),
        error,
      };
    }
    if (code === 403) return { ok: false, permanent: true, blocked: true, error };
    const permanent = typeof code === "number" && code >= 400 && code < 500;
    return { ok: false, permanent, blocked: false, error };
  }
  const detail = err instanceof HttpError ? `${err.message} ${describeCause(err.error)}` : describeCause(err);
  return {
    ok: false,
    permanent: false,
    blocked: false,
    error: redact(`Telegram ${method} unreachable: ${detail}`, secrets),
  };
}

export async function sendTelegram(
  settings: TelegramSettings,
  chatId: string,
  text: string,
  payload: TelegramPayload,
  fetchFn?: typeof fetch,
): Promise<TelegramResult> {
  const { token } = settings;
  const secrets = [token, encodeURIComponent(token), token.split(":")[1] ?? "", chatId, text];
  const method = METHODS[payload.kind];
  try {
    const api = new Api(token, {
      apiRoot: settings.apiRoot.replace(/\/+$/, ""),
      timeoutSeconds: TIMEOUT_SECONDS,
      ...(fetchFn ? { fetch: fetchFn } : {}),
    });
    if (payload.kind === "send") {
      const markup = payload.reply_markup as InlineKeyboardMarkup | ReplyKeyboardMarkup | undefined;
      const message = await api.sendMessage(chatId, text, markup ? { reply_markup: markup } : {});
      return { ok: true, providerId: String(message?.message_id ?? "") };
    }
    if (payload.kind === "edit") {
      const markup = payload.reply_markup as InlineKeyboardMarkup | undefined;
      try {
        await api.editMessageText(chatId, payload.messageId, text, markup ? { reply_markup: markup } : {});
      } catch (err) {
        // Pressing the same button twice edits to the same content: that is success, not failure.
        if (!(err instanceof GrammyError && err.error_code === 400 && NOT_MODIFIED.test(err.description)))
          throw err;
      }
      return { ok: true, providerId: String(payload.messageId) };
    }
    if (payload.kind === "document") {
      const file = new InputFile(new TextEncoder().encode(text), payload.filename);
      const message = await api.sendDocument(chatId, file);
      return { ok: true, providerId: String(message?.message_id ?? "") };
    }
    await api.answerCallbackQuery(payload.callbackId);
    return { ok: true, providerId: "" };
  } catch (err) {
    return classify(err, method, secrets);
  }
}
