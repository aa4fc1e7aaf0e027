// A reply for someone on a given channel, as the outbox stores it: SMS text within the segment
// budget, a WhatsApp text (longer, numbered options, with the message's key and parameters for a
// template outside the 24-hour window), or a Telegram message with its buttons.
import type { Channel, Locale, Reply } from "../core/types.ts";
import type { Translate } from "../i18n/index.ts";
import { renderMessages, SMS_SEGMENT_BUDGET, type TextOptions, WHATSAPP_BUDGET } from "./render-text.ts";
import { renderTelegram } from "./telegram/render.ts";

export interface Rendered {
  body: string;
  /** Channel-specific extras (Telegram buttons, an edit of an earlier message). */
  payload?: Record<string, unknown>;
}

/** `options.plainLetters` applies to SMS only: Telegram shows every letter. */
export function renderFor(
  t: Translate,
  channel: Channel,
  locale: Locale,
  reply: Reply,
  options: TextOptions = {},
): Rendered[] {
  if (channel === "telegram") {
    const message = renderTelegram(t, locale, reply);
    return [
      {
        body: message.text,
        payload: { kind: "send", ...(message.reply_markup ? { reply_markup: message.reply_markup } : {}) },
      },
    ];
  }
  if (channel === "whatsapp") {
    // Diacritics always: plain letters save SMS segments only. The template needs the first part's key.
    const template = { key: reply.key, locale: reply.locale ?? locale, params: reply.params ?? {} };
    return renderMessages(t, locale, reply, WHATSAPP_BUDGET).map((body, i) => ({
      body,
      ...(i === 0 ? { payload: { template } } : {}),
    }));
  }
  return renderMessages(t, locale, reply, SMS_SEGMENT_BUDGET, options).map((body) => ({ body }));
}
