import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseDay } from "../../src/core/days.ts";
import { parseHours } from "../../src/core/hours.ts";
import { parseLogLine } from "../../src/core/log-line.ts";
import { parseChoice, parseCommand } from "../../src/core/parse.ts";
import { fold } from "../../src/core/text.ts";
import type { Partner } from "../../src/core/types.ts";

const partners: Partner[] = [
  { id: "staithe", name: "The Staithe", earn: true, spend: false, aliases: ["hostel"], activities: [] },
  { id: "ferry", name: "Ferry Project", earn: true, spend: true, aliases: [], activities: [] },
];

// Whatever arrives over SMS or Telegram: any Unicode, lone surrogates, bidi marks, and
// messages built from the words the parsers look for, in odd orders.
const pieces = [
  "LOG",
  "saldo",
  "JĘZYK",
  "3",
  "2,5",
  "1h30",
  "-2",
  "pół",
  "staithe",
  "the",
  "wczoraj",
  "vakar",
  "12/11",
  "31/02",
  "day",
  "before",
  "yesterday",
  "\u200E",
  "\u2066",
  "٣",
  "1e9",
  "?",
  "#4",
  "MY",
  "DATA",
];
const anyText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 1600 }),
  fc.string({ unit: "binary", maxLength: 1600 }),
  fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((words) => words.join(" ")),
);

describe("the text parsers never throw, whatever a person sends", () => {
  test("fold gives back text with no surrounding spaces, that folding again leaves alone", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const folded = fold(text);
        expect(folded).toBe(folded.trim());
        expect(fold(folded)).toBe(folded);
      }),
    );
  });

  test("parseCommand gives a known intent whose rest was in the message", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const command = parseCommand(text);
        if (command) expect(text.replace(/\p{Cf}/gu, "")).toContain(command.rest);
      }),
    );
  });

  test("parseChoice gives 1 to 99 or nothing", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const n = parseChoice(text);
        expect(n === null || (Number.isInteger(n) && n >= 1 && n <= 99)).toBe(true);
      }),
    );
  });

  test("parseHours gives whole minutes or nothing", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const minutes = parseHours(text);
        expect(minutes === null || Number.isSafeInteger(minutes)).toBe(true);
      }),
    );
  });

  test("parseDay gives a YYYY-MM-DD date or nothing", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const day = parseDay(text, "2026-11-28");
        expect(day === null || /^\d{4}-\d{2}-\d{2}$/.test(day)).toBe(true);
      }),
    );
  });

  test("parseLogLine reads any text into parts, keeping free text short", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = parseLogLine(text, partners, "2026-11-28");
        expect([...(line.partnerText ?? "")].length).toBeLessThanOrEqual(60);
        if (line.activity && "text" in line.activity)
          expect([...line.activity.text].length).toBeLessThanOrEqual(60);
      }),
    );
  });
});
