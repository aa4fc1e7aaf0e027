// Segment budget: every reply template, filled with long but realistic values, fits in 2 SMS
// segments in every language; English stays in GSM-7 (UCS-2 would halve what a segment holds).
import { describe, expect, test } from "vitest";
import { renderMessages } from "../../src/channels/render-text.ts";
import { dayText, hoursText } from "../../src/core/format.ts";
import { LOCALES, type Locale, type MessageKey, type Reply } from "../../src/core/types.ts";
import { createI18n, resources } from "../../src/i18n/index.ts";
import { countSegments } from "../../src/lib/segments.ts";

const { t } = createI18n();

function keys(value: unknown, prefix = ""): string[] {
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v, prefix ? `${prefix}.${k}` : k) : [prefix ? `${prefix}.${k}` : k],
  );
}

/** Every template key of the bot, without plural suffixes. */
// telegram.* are Telegram button labels, never sent by SMS.
const TEMPLATES = [
  ...new Set(
    keys(resources.en.bot)
      .filter((k) => !k.startsWith("telegram."))
      .map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "") as MessageKey),
  ),
];

/** Long values as they really occur: a double-barrelled name, the longest partner name, a wordy activity. */
function longParams(locale: Locale): Record<string, string | number> {
  return {
    name: "Aleksandra-Magdalena",
    scheme: "Wisbech & Fenland Time Credits",
    text: "the community house by the church",
    what: "Pomoc w kuchni i sprzątanie",
    hours: hoursText(11.5 * 60, locale),
    credits: hoursText(123.5 * 60, locale),
    day: dayText("2026-11-25", locale),
    time: "10:05",
    alias: "playground",
    date: "25/11",
    code: "4821",
    codes: "482, 483, 484, 485, 486",
    member: "Aleksandra-Magdalena",
    names: "Aleksandra, Magdalena, Katarzyna, Jānis, Sharon",
    numbers: "+447700900555, +447700900556",
    reason: "she left at lunchtime, so only two hours",
    who: "Mr Hughes-Whitaker",
    minutes: 15,
  };
}

const COUNTS = [0, 1, 2, 5, 22, 2.5];

describe("every reply fits in 2 SMS segments", () => {
  test.each(LOCALES)("each template alone, in %s", (locale) => {
    for (const key of TEMPLATES) {
      for (const count of COUNTS) {
        const reply: Reply = { key, params: { ...longParams(locale), count } };
        for (const message of renderMessages(t, locale, reply)) {
          const { segments, encoding } = countSegments(message);
          expect(segments, `${locale}:${key} (${encoding}) "${message}"`).toBeLessThanOrEqual(2);
          expect(message, `${locale}:${key} was cut`).toBe(t(locale, key, reply.params));
        }
      }
    }
  });

  test.each(LOCALES)("the longest composite replies, in %s", (locale) => {
    const p = longParams(locale);
    const partners = [
      "The Staithe",
      "Oasis Community Centre",
      "Rainbow Children's Centre",
      "Clarkson Adventure Playground",
      "Thomas Clarkson Academy",
    ];
    const replies: Reply[] = [
      {
        key: "log.unknownPartner",
        params: p,
        also: [{ key: "log.askPartner", options: partners.map((text, i) => ({ n: i + 1, text })) }],
      },
      {
        key: "balance.withPending",
        params: { ...p, count: 123.5 },
        lines: partners.map((name) => ({ key: "balance.pendingLine", params: { ...p, name } })),
      },
      {
        key: "history.title",
        lines: partners.map((name) => ({ key: "history.earning.confirmed", params: { ...p, name } })),
      },
      {
        key: "greet.known",
        params: p,
        also: [
          {
            key: "menu.title",
            options: (["balance", "log", "history", "lang", "help"] as const).map((k, i) => ({
              n: i + 1,
              key: `menu.${k}`,
            })),
          },
        ],
      },
      { key: "join.welcome", params: p, also: [{ key: "log.recordedWhat", params: p }] },
    ];
    for (const reply of replies) {
      const messages = renderMessages(t, locale, reply);
      for (const message of messages) {
        expect(countSegments(message).segments, `${locale}:${reply.key} "${message}"`).toBeLessThanOrEqual(2);
      }
      // Nothing is dropped: every option number is still there to be typed.
      for (const option of reply.also?.flatMap((a) => a.options ?? []) ?? []) {
        expect(messages.join("\n")).toMatch(new RegExp(`^${option.n} `, "m"));
      }
    }
  });

  test("English replies with plain values stay in GSM-7", () => {
    for (const key of TEMPLATES) {
      const text = t("en", key, {
        ...longParams("en"),
        what: "kitchen help",
        names: "Anna, Sharon",
        count: 2,
      });
      expect(countSegments(text).encoding, `en:${key} "${text}"`).toBe("GSM-7");
    }
  });
});
