// A reply for someone on a given channel, as the outbox stores it: SMS text within the segment
// budget, or a Telegram message with its buttons.
import type { Channel, Locale, Reply } from "../core/types.ts";
import type { Translate } from "../i18n/index.ts";
import { renderMessages, SMS_SEGMENT_BUDGET, type TextOptions } from "./render-text.ts";
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
  return renderMessages(t, locale, reply, SMS_SEGMENT_BUDGET, options).map((body) => ({ body }));
}
