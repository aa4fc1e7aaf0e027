// Renders a channel-neutral reply as one Telegram message: header, lines and further parts as text;
// numbered options and quick answers as inline buttons; a "share my number" reply keyboard on request.
import type { InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardMarkup } from "grammy/types";
import type { Locale, Reply } from "../../core/types.ts";
import type { Translate } from "../../i18n/index.ts";
import { optionLabel } from "../render-text.ts";

export interface TelegramMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup | ReplyKeyboardMarkup;
}

/** Telegram refuses texts over 4096 characters; stay well below (counted in UTF-16 units, which is stricter). */
export const TELEGRAM_TEXT_LIMIT = 4000;
/** Telegram refuses callback_data over 64 bytes (UTF-8). */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** Invisible direction marks (i18n libraries insert some) that add nothing in a chat. Keeps ZWJ for emoji. */
const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function clean(text: string): string {
  return text.replace(BIDI_MARKS, "");
}

/** Cuts `text` to at most `limit` UTF-16 units, at a line or word break when one is near, with "…". */
export function cutText(text: string, limit = TELEGRAM_TEXT_LIMIT): string {
  if (text.length <= limit) return text;
  let head = text.slice(0, limit - 1);
  const lineBreak = head.lastIndexOf("\n");
  const space = head.lastIndexOf(" ");
  if (lineBreak > limit / 2) head = head.slice(0, lineBreak);
  else if (space > limit / 2) head = head.slice(0, space);
  // Never leave half of a surrogate pair (an emoji) at the end.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return `${head.trimEnd()}…`;
}

/** Menu titles that ask for a typed number; above buttons they say "Choose:" instead. */
const BUTTON_TITLES: Record<string, string> = {
  "menu.title": "telegram.menu.title",
  "menu.unknown": "telegram.menu.unknown",
  "menu.expired": "telegram.menu.expired",
};

function fitsCallbackData(data: string): boolean {
  const bytes = new TextEncoder().encode(data).length;
  return bytes >= 1 && bytes <= CALLBACK_DATA_MAX_BYTES;
}

function button(label: string, data: string, fallback: string): InlineKeyboardButton.CallbackButton {
  const text = clean(label).trim();
  return { text: text || fallback, callback_data: data };
}

/**
 * A reply as the Telegram messages it needs: one, unless it offers the "share my number" keyboard and a
 * later part has buttons (a message carries one kind of keyboard), e.g. the welcome and then "Have you
 * volunteered before?" with Yes/No buttons. Then the parts before the buttons go first, with the keyboard.
 */
export function renderTelegramMessages(t: Translate, locale: Locale, reply: Reply): TelegramMessage[] {
  const parts = [reply, ...(reply.also ?? [])];
  const at = reply.askContact ? parts.findIndex((p, i) => i > 0 && (p.options?.length ?? 0) > 0) : -1;
  const buttons = parts[at];
  if (at < 1 || !buttons) return [renderTelegram(t, locale, reply)];
  const { actions, ...first } = reply;
  const second: Reply = { ...buttons, also: parts.slice(at + 1), ...(actions ? { actions } : {}) };
  return [
    renderTelegram(t, locale, { ...first, also: parts.slice(1, at) }),
    renderTelegram(t, locale, second),
  ];
}

export function renderTelegram(t: Translate, locale: Locale, reply: Reply): TelegramMessage {
  const parts = [reply, ...(reply.also ?? [])];
  const lines: string[] = [];
  const rows: InlineKeyboardButton[][] = [];
  const seen = new Set<number>();

  for (const part of parts) {
    const partLocale = part.locale ?? locale;
    const title = (part.options?.length ?? 0) > 0 ? BUTTON_TITLES[part.key] : undefined;
    lines.push(t(partLocale, title ?? part.key, part.params));
    for (const line of part.lines ?? []) lines.push(t(partLocale, line.key, line.params));
    for (const option of part.options ?? []) {
      // The same number twice (in two parts) would be one choice; keep the first label.
      if (seen.has(option.n)) continue;
      seen.add(option.n);
      const data = `o:${option.n}`;
      if (!fitsCallbackData(data)) continue;
      rows.push([button(optionLabel(t, partLocale, option), data, String(option.n))]);
    }
  }

  // Quick answers sit side by side in one row (✅ YES  ❌ NO); data Telegram would refuse is left out.
  const own = reply.locale ?? locale;
  const actions = (reply.actions ?? [])
    .filter((action) => fitsCallbackData(action.data))
    .map((action) => button(t(own, action.key, action.params), action.data, action.data));
  if (actions.length > 0) rows.push(actions);

  const text = cutText(clean(lines.join("\n")).trim()) || "…";
  if (rows.length > 0) return { text, reply_markup: { inline_keyboard: rows } };
  if (reply.askContact) {
    const label = clean(t(own, "telegram.shareNumber")).trim();
    return {
      text,
      reply_markup: {
        keyboard: [[{ text: label, request_contact: true }]],
        one_time_keyboard: true,
        resize_keyboard: true,
      },
    };
  }
  return { text };
}
