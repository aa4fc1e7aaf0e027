import { describe, expect, test } from "vitest";
import { parseDay, takeDay } from "../../src/core/days.ts";

// Today is Saturday 28 November 2026 in every row.
const today = "2026-11-28";

const days: [string, string | null][] = [
  ["today", "2026-11-28"],
  ["dziś", "2026-11-28"],
  ["dzis", "2026-11-28"],
  ["Dzisiaj", "2026-11-28"],
  ["šodien", "2026-11-28"],
  ["sodien", "2026-11-28"],
  ["yesterday", "2026-11-27"],
  ["Yesterday.", "2026-11-27"],
  ["wczoraj", "2026-11-27"],
  ["WCZORAJ", "2026-11-27"],
  ["vakar", "2026-11-27"],
  ["day before yesterday", "2026-11-26"],
  ["the day before yesterday", "2026-11-26"],
  ["przedwczoraj", "2026-11-26"],
  ["aizvakar", "2026-11-26"],
  // weekdays: the most recent one, today if today is that day
  ["saturday", "2026-11-28"],
  ["sobota", "2026-11-28"],
  ["sob", "2026-11-28"],
  ["sestdiena", "2026-11-28"],
  ["friday", "2026-11-27"],
  ["fri", "2026-11-27"],
  ["piątek", "2026-11-27"],
  ["pt", "2026-11-27"],
  ["w piątek", "2026-11-27"],
  ["piektdien", "2026-11-27"],
  ["Pk", "2026-11-27"],
  ["thursday", "2026-11-26"],
  ["czwartek", "2026-11-26"],
  ["ceturtdiena", "2026-11-26"],
  ["wednesday", "2026-11-25"],
  ["środa", "2026-11-25"],
  ["w środę", "2026-11-25"],
  ["sr", "2026-11-25"],
  ["trešdiena", "2026-11-25"],
  ["tuesday", "2026-11-24"],
  ["we wtorek", "2026-11-24"],
  ["wt", "2026-11-24"],
  ["otrdien", "2026-11-24"],
  ["monday", "2026-11-23"],
  ["on Monday", "2026-11-23"],
  ["mon", "2026-11-23"],
  ["pon", "2026-11-23"],
  ["poniedziałek", "2026-11-23"],
  ["pirmdiena", "2026-11-23"],
  ["sunday", "2026-11-22"],
  ["sun", "2026-11-22"],
  ["niedziela", "2026-11-22"],
  ["nd", "2026-11-22"],
  ["svētdiena", "2026-11-22"],
  ["Sv", "2026-11-22"],
  // dates, day first
  ["12/11", "2026-11-12"],
  ["12.11", "2026-11-12"],
  ["12.11.", "2026-11-12"],
  ["12-11", "2026-11-12"],
  ["1/11", "2026-11-01"],
  ["12/11/2026", "2026-11-12"],
  ["12.11.26", "2026-11-12"],
  ["2026-11-12", "2026-11-12"],
  ["28/11", "2026-11-28"],
  ["24/12", "2026-12-24"],
  ["15/01", "2026-01-15"],
  ["31/12", "2025-12-31"],
  ["29/02", null],
  ["31/02", null],
  ["31/04", null],
  ["12/13", null],
  ["00/11", null],
  ["2026-02-30", null],
  ["12/11.2026", null],
  // not days
  ["", null],
  ["P", null],
  ["T", null],
  ["staithe", null],
  ["3", null],
  ["tomorrow", null],
];

describe("parseDay", () => {
  test.each(days)("%j → %j", (text, day) => {
    expect(parseDay(text, today)).toBe(day);
  });

  test("a date without a year in early January may be last December", () => {
    expect(parseDay("28/12", "2027-01-05")).toBe("2026-12-28");
    expect(parseDay("29/02", "2029-01-10")).toBe("2028-02-29");
  });

  test("a malformed today gives null rather than a guess", () => {
    expect(parseDay("wczoraj", "28/11/2026")).toBeNull();
  });
});

const found: [string[], { day: string; index: number; used: number } | null][] = [
  [["3", "staithe", "wczoraj"], { day: "2026-11-27", index: 2, used: 1 }],
  [["3h", "at", "the", "staithe", "day", "before", "yesterday"], { day: "2026-11-26", index: 4, used: 3 }],
  [["3", "staithe", "w", "piątek"], { day: "2026-11-27", index: 2, used: 2 }],
  [["3", "ferry", "kitchen", "12/11"], { day: "2026-11-12", index: 3, used: 1 }],
  [["vakar", "2", "staithe"], { day: "2026-11-27", index: 0, used: 1 }],
  // "sun" and "sat" are ordinary words inside a sentence
  [["gardening", "in", "the", "sun"], null],
  [["3", "staithe"], null],
];

describe("takeDay", () => {
  test.each(found)("%j → %j", (words, day) => {
    expect(takeDay(words, today)).toEqual(day);
  });
});
