import { describe, expect, test } from "vitest";
import { parseHours, takeHours } from "../../src/core/hours.ts";

// Amounts of time as people text them, in minutes; null when it is not an amount at all.
const amounts: [string, number | null][] = [
  ["3", 180],
  ["3h", 180],
  ["3H", 180],
  ["3 h", 180],
  ["3 hrs", 180],
  ["3 hours", 180],
  ["3hrs.", 180],
  ["2.5", 150],
  ["2,5", 150],
  ["2,5h", 150],
  ["1.25", 75],
  ["0.01", 1],
  ["1h30", 90],
  ["1h30m", 90],
  ["1h 30m", 90],
  ["1h 30", 90],
  ["1 h 30 min", 90],
  ["1 hour 30 minutes", 90],
  ["1:30", 90],
  ["0:45", 45],
  ["90 min", 90],
  ["90m", 90],
  ["90min", 90],
  ["45 minut", 45],
  ["20 minūtes", 20],
  ["3 godz", 180],
  ["3 godz.", 180],
  ["3 godziny", 180],
  ["5 godzin", 300],
  ["1 godzina 30 minut", 90],
  ["2 st", 120],
  ["2 stundas", 120],
  ["2st", 120],
  ["pół", 30],
  ["pol", 30],
  ["pół godziny", 30],
  ["półtorej", 90],
  ["poltorej godziny", 90],
  ["półtora", 90],
  ["pusotra", 90],
  ["pusotras stundas", 90],
  ["pusstunda", 30],
  ["pusstundu", 30],
  ["half an hour", 30],
  ["an hour", 60],
  ["one", 60],
  ["Two hours", 120],
  ["three", 180],
  ["jedna godzina", 60],
  ["dwie", 120],
  ["trzy godziny", 180],
  ["viena stunda", 60],
  ["divas stundas", 120],
  ["trīs", 180],
  ["0", 0],
  ["0h", 0],
  ["-2", -120],
  ["-1,5h", -90],
  ["\u200E3h", 180],
  // not amounts
  ["", null],
  ["   ", null],
  ["1e9", null],
  ["NaN", null],
  ["Infinity", null],
  ["٣", null],
  ["3.5.5", null],
  ["0x1", null],
  ["1h75", null],
  ["1:75", null],
  ["a", null],
  ["3 apples", null],
  ["staithe", null],
  ["12/11", null],
  ["3 h staithe", null],
];

describe("parseHours", () => {
  test.each(amounts)("%j → %j", (text, minutes) => {
    expect(parseHours(text)).toBe(minutes);
  });
});

const starts: [string[], { minutes: number; used: number } | null][] = [
  [["3", "h", "staithe"], { minutes: 180, used: 2 }],
  [["1h30", "staithe"], { minutes: 90, used: 1 }],
  [["90", "min", "x"], { minutes: 90, used: 2 }],
  [["3", "staithe"], { minutes: 180, used: 1 }],
  [["2,5", "staithe", "wczoraj"], { minutes: 150, used: 1 }],
  [["1", "h", "30", "m", "ferry"], { minutes: 90, used: 4 }],
  [["pół", "godziny", "oasis"], { minutes: 30, used: 2 }],
  [["staithe", "3"], null],
  [["a", "staithe"], null],
  [[], null],
];

describe("takeHours", () => {
  test.each(starts)("%j → %j", (words, taken) => {
    expect(takeHours(words)).toEqual(taken);
  });
});
