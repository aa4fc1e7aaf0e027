// Rendering a channel-neutral reply for Telegram: text, inline buttons, quick answers, contact keyboard.
import type { InlineKeyboardMarkup, ReplyKeyboardMarkup } from "grammy/types";
import { describe, expect, it } from "vitest";
import { CALLBACK_DATA_MAX_BYTES, cutText, renderTelegram } from "../../../src/channels/telegram/render.ts";
import type { MessageKey, Reply } from "../../../src/core/types.ts";
import { createI18n } from "../../../src/i18n/index.ts";

const { t } = createI18n();

function inline(markup: unknown): InlineKeyboardMarkup["inline_keyboard"] {
  return (markup as InlineKeyboardMarkup).inline_keyboard;
}

describe("renderTelegram", () => {
  it('turns the menu\'s numbered options into one inline button per row, under "Choose:"', () => {
    const keys = ["balance", "log", "history"] as const;
    const reply: Reply = { key: "menu.title", options: keys.map((k, i) => ({ n: i + 1, key: `menu.${k}` })) };
    const message = renderTelegram(t, "pl", reply);
    // Above buttons the menu says "Wybierz:", not "Odpisz numerem:".
    expect(message.text).toBe(t("pl", "telegram.menu.title"));
    expect(message.text).toBe("Wybierz:");
    expect(inline(message.reply_markup)).toEqual([
      [{ text: t("pl", "menu.balance"), callback_data: "o:1" }],
      [{ text: t("pl", "menu.log"), callback_data: "o:2" }],
      [{ text: t("pl", "menu.history"), callback_data: "o:3" }],
    ]);
  });

  it("uses literal option texts and puts quick answers side by side in one row", () => {
    const reply: Reply = {
      key: "menu.title",
      options: [{ n: 1, text: "The Staithe" }],
      actions: [
        { key: "menu.balance", data: "c:482:y" },
        { key: "menu.help", data: "c:482:n" },
      ],
    };
    expect(inline(renderTelegram(t, "en", reply).reply_markup)).toEqual([
      [{ text: "The Staithe", callback_data: "o:1" }],
      [
        { text: "Balance", callback_data: "c:482:y" },
        { text: "Help", callback_data: "c:482:n" },
      ],
    ]);
  });

  it("offers the share-my-number keyboard in the reader's language", () => {
    const message = renderTelegram(t, "lv", { key: "join.askName", askContact: true });
    const markup = message.reply_markup as ReplyKeyboardMarkup;
    expect(markup).toEqual({
      keyboard: [[{ text: "📱 Kopīgot manu numuru", request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
    expect(renderTelegram(t, "en", { key: "join.askName" }).reply_markup).toBeUndefined();
  });

  it("leaves the contact keyboard out when there are inline buttons", () => {
    const reply: Reply = { key: "menu.title", askContact: true, options: [{ n: 1, key: "menu.help" }] };
    expect(inline(renderTelegram(t, "en", reply).reply_markup)).toHaveLength(1);
  });

  it("puts the header, lines and every also-part (each in its own language) in the text", () => {
    const line = (name: string) => ({
      key: "history.earning.confirmed" as const,
      params: { day: "Mon 3 Nov", hours: "2", name },
    });
    const reply: Reply = {
      key: "join.greet",
      locale: "en",
      lines: [line("Staithe"), line("Library")],
      also: [
        { key: "join.greet", locale: "pl" },
        { key: "join.greet", locale: "lv", options: [{ n: 1, text: "English" }] },
      ],
    };
    const message = renderTelegram(t, "pl", reply);
    expect(message.text.split("\n")).toEqual([
      t("en", "join.greet"),
      "Mon 3 Nov 2 h Staithe - confirmed",
      "Mon 3 Nov 2 h Library - confirmed",
      t("pl", "join.greet"),
      t("lv", "join.greet"),
    ]);
    expect(inline(message.reply_markup)).toEqual([[{ text: "English", callback_data: "o:1" }]]);
  });

  it("strips invisible direction marks from text and labels", () => {
    const marked = (_l: string, key: string) => `\u2068${key}\u2069\u200f`;
    const message = renderTelegram(marked, "en", {
      key: "a" as MessageKey,
      options: [{ n: 1, key: "b" as MessageKey }],
    });
    expect(message).toEqual({
      text: "a",
      reply_markup: { inline_keyboard: [[{ text: "b", callback_data: "o:1" }]] },
    });
  });

  it("cuts a long text safely under Telegram's 4096 characters", () => {
    const lines = Array.from({ length: 400 }, (_, i) => ({
      key: "history.earning.pending" as const,
      params: { day: `Day ${i}`, hours: "1", name: "Ogrodnictwo przy kościele 👩‍🌾" },
    }));
    const text = renderTelegram(t, "pl", { key: "history.title", lines }).text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text.endsWith("…")).toBe(true);
    expect(text.startsWith(t("pl", "history.title"))).toBe(true);
    // No broken surrogate pair anywhere, even when there is no break to cut at.
    const emoji = cutText("👍".repeat(5000));
    expect(emoji.length).toBeLessThanOrEqual(4096);
    expect(emoji).toMatch(/^(👍)+…$/u);
  });

  it("keeps every callback_data within 64 bytes, leaving out actions Telegram would refuse", () => {
    const reply: Reply = {
      key: "menu.title",
      options: Array.from({ length: 12 }, (_, i) => ({ n: 10 ** i, text: `Option ${i}` })),
      actions: [
        { key: "menu.help", data: "c:482:y" },
        { key: "menu.help", data: "ż".repeat(40) },
        { key: "menu.help", data: "" },
      ],
    };
    const rows = inline(renderTelegram(t, "en", reply).reply_markup);
    const data = rows.flat().map((b) => ("callback_data" in b ? b.callback_data : ""));
    expect(data).toContain("o:100000000000");
    expect(data).toContain("c:482:y");
    expect(data).not.toContain("");
    for (const d of data)
      expect(new TextEncoder().encode(d).length).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
  });
});
