import { addDays, format, parseISO } from "date-fns";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addDaysTo, parseDay, takeDay } from "../../src/core/days.ts";
import { dayText } from "../../src/core/format.ts";

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
  // dates with a month name, as the bot prints them and people write them
  ["28 lis", "2026-11-28"],
  ["28 lis.", "2026-11-28"],
  ["28 listopada", "2026-11-28"],
  ["sob. 28 lis", "2026-11-28"],
  ["sob., 28 lis", "2026-11-28"],
  ["w sobotę 28 listopada", "2026-11-28"],
  ["12 listopad", "2026-11-12"],
  ["28. nov.", "2026-11-28"],
  ["28. nov", "2026-11-28"],
  ["28.nov.", "2026-11-28"],
  ["28. novembrī", "2026-11-28"],
  ["28 novembris", "2026-11-28"],
  ["sestd. 28. nov.", "2026-11-28"],
  ["sestd., 28. nov", "2026-11-28"],
  ["28 Nov", "2026-11-28"],
  ["Sat 28 Nov", "2026-11-28"],
  ["28th November", "2026-11-28"],
  ["the 28th of November", "2026-11-28"],
  ["November 28", "2026-11-28"],
  ["Nov 28th", "2026-11-28"],
  ["on 3rd Nov", "2026-11-03"],
  ["28 Nov 2025", "2025-11-28"],
  ["28. nov. 2025", "2025-11-28"],
  ["pt 27.11", "2026-11-27"],
  ["24 gru", "2026-12-24"],
  ["31 grudnia", "2025-12-31"],
  ["31 Dec", "2025-12-31"],
  ["15 sty", "2026-01-15"],
  ["30 lut", null],
  ["32 Nov", null],
  // Latvian short weekdays as Intl prints them
  ["pirmd", "2026-11-23"],
  ["otrd", "2026-11-24"],
  ["trešd", "2026-11-25"],
  ["ceturtd", "2026-11-26"],
  ["piektd", "2026-11-27"],
  ["sestd", "2026-11-28"],
  ["sestd.", "2026-11-28"],
  ["svētd", "2026-11-22"],
  // parts of a day
  ["this morning", "2026-11-28"],
  ["this afternoon", "2026-11-28"],
  ["this evening", "2026-11-28"],
  ["tonight", "2026-11-28"],
  ["dziś rano", "2026-11-28"],
  ["dzisiaj rano", "2026-11-28"],
  ["dziś po południu", "2026-11-28"],
  ["rano", "2026-11-28"],
  ["šorīt", "2026-11-28"],
  ["šovakar", "2026-11-28"],
  ["šodien no rīta", "2026-11-28"],
  ["last night", "2026-11-27"],
  ["yesterday evening", "2026-11-27"],
  ["wczoraj wieczorem", "2026-11-27"],
  ["wczoraj w nocy", "2026-11-27"],
  ["vakar vakarā", "2026-11-27"],
  ["vakar no rīta", "2026-11-27"],
  ["friday afternoon", "2026-11-27"],
  ["w piątek wieczorem", "2026-11-27"],
  ["piektdien vakarā", "2026-11-27"],
  // not days
  ["", null],
  ["P", null],
  ["T", null],
  ["staithe", null],
  ["3", null],
  ["tomorrow", null],
  ["may", null],
  ["maj", null],
  ["marts", null],
  ["November", null],
  ["28", null],
  ["28th", null],
  ["sie 3", null],
  ["evening", null],
  ["morning", null],
];

describe("parseDay", () => {
  test.each(days)("%j → %j", (text, day) => {
    expect(parseDay(text, today)).toBe(day);
  });

  test("a date without a year in early January may be last December", () => {
    expect(parseDay("28/12", "2027-01-05")).toBe("2026-12-28");
    expect(parseDay("29/02", "2029-01-10")).toBe("2028-02-29");
  });

  test("a date with a month name and no year in early January may be last December", () => {
    expect(parseDay("28 gru", "2027-01-05")).toBe("2026-12-28");
    expect(parseDay("28. dec.", "2027-01-05")).toBe("2026-12-28");
    expect(parseDay("3 Jan", "2027-01-05")).toBe("2027-01-03");
  });

  test("a malformed today gives null rather than a guess", () => {
    expect(parseDay("wczoraj", "28/11/2026")).toBeNull();
  });
});

// Every month name, as written with "15" before it: English full and short, Polish nominative, genitive
// and short, Latvian nominative, locative and short (as Intl prints it, dot and all).
const months: [string, string[]][] = [
  ["01", ["January", "Jan", "styczeń", "stycznia", "sty", "janvāris", "janvārī", "janv."]],
  ["02", ["February", "Feb", "luty", "lutego", "lut", "februāris", "februārī", "febr."]],
  ["03", ["March", "Mar", "marzec", "marca", "mar", "marts", "martā"]],
  ["04", ["April", "Apr", "kwiecień", "kwietnia", "kwi", "aprīlis", "aprīlī", "apr."]],
  ["05", ["May", "maj", "maja", "maijs", "maijā"]],
  ["06", ["June", "Jun", "czerwiec", "czerwca", "cze", "jūnijs", "jūnijā", "jūn."]],
  ["07", ["July", "Jul", "lipiec", "lipca", "lip", "jūlijs", "jūlijā", "jūl."]],
  ["08", ["August", "Aug", "sierpień", "sierpnia", "sie", "augusts", "augustā", "aug."]],
  ["09", ["September", "Sep", "Sept", "wrzesień", "września", "wrz", "septembris", "septembrī", "sept."]],
  ["10", ["October", "Oct", "październik", "października", "paź", "oktobris", "oktobrī", "okt."]],
  ["11", ["November", "Nov", "listopad", "listopada", "lis", "novembris", "novembrī", "nov."]],
  ["12", ["December", "Dec", "grudzień", "grudnia", "gru", "decembris", "decembrī", "dec."]],
];

describe("month names", () => {
  test.each(months.flatMap(([month, names]) => names.map((name) => [name, month])))(
    "15 %s",
    (name, month) => {
      expect(parseDay(`15 ${name}`, today)).toBe(`2026-${month}-15`);
      expect(parseDay(`15. ${name}`, today)).toBe(`2026-${month}-15`);
      expect(parseDay(name, today)).toBeNull();
    },
  );

  test.each(["January", "Sept", "may", "Dec"])("English puts the month first too: %s 15", (name) => {
    expect(parseDay(`${name} 15`, today)).toMatch(/^2026-\d\d-15$/);
  });
});

describe("the days the bot prints read back as the same day", () => {
  // Every day a year back from a month ahead of today: "Sat 28 Nov", "sob. 28 lis", "sestd. 28. nov.".
  const shown = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2026, 11, 29) - i * 86_400_000));
  test.each(["en", "pl", "lv"] as const)("%s", (locale) => {
    for (const date of shown) {
      const day = date.toISOString().slice(0, 10);
      expect(parseDay(dayText(day, locale), today), dayText(day, locale)).toBe(day);
    }
  });
});

const found: [string[], { day: string; index: number; used: number } | null][] = [
  [["3", "staithe", "wczoraj"], { day: "2026-11-27", index: 2, used: 1 }],
  [["3h", "at", "the", "staithe", "day", "before", "yesterday"], { day: "2026-11-26", index: 4, used: 3 }],
  [["3", "staithe", "w", "piątek"], { day: "2026-11-27", index: 2, used: 2 }],
  [["3", "ferry", "kitchen", "12/11"], { day: "2026-11-12", index: 3, used: 1 }],
  [["vakar", "2", "staithe"], { day: "2026-11-27", index: 0, used: 1 }],
  [["3", "staithe", "28", "lis"], { day: "2026-11-28", index: 2, used: 2 }],
  [["sob.", "28", "lis", "3", "staithe"], { day: "2026-11-28", index: 0, used: 3 }],
  [["3h", "staithe", "on", "Sat", "28", "Nov"], { day: "2026-11-28", index: 2, used: 4 }],
  [["2", "stundas", "staithe", "28.", "novembrī"], { day: "2026-11-28", index: 3, used: 2 }],
  [["3", "staithe", "November", "28th"], { day: "2026-11-28", index: 2, used: 2 }],
  [["3", "staithe", "wczoraj", "wieczorem"], { day: "2026-11-27", index: 2, used: 2 }],
  [["3", "staithe", "last", "night"], { day: "2026-11-27", index: 2, used: 2 }],
  [["2", "oaza", "rano"], { day: "2026-11-28", index: 2, used: 1 }],
  // a month name is a date only with a day number beside it
  [["i", "may", "be", "late"], null],
  [["3", "staithe", "maj", "cafe"], null],
  [["marts", "staithe"], null],
  [["udało", "się", "3", "staithe"], null],
  // "sun" and "sat" are ordinary words inside a sentence
  [["gardening", "in", "the", "sun"], null],
  [["3", "staithe"], null],
  [["good", "morning", "3", "staithe"], null],
];

describe("takeDay", () => {
  test.each(found)("%j → %j", (words, day) => {
    expect(takeDay(words, today)).toEqual(day);
  });
});

test("addDaysTo is date-fns' calendar arithmetic on local days, across month, year and leap days", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }),
      fc.integer({ min: -400, max: 400 }),
      (t, n) => {
        const day = new Date(t).toISOString().slice(0, 10);
        expect(addDaysTo(day, n)).toBe(format(addDays(parseISO(day), n), "yyyy-MM-dd"));
      },
    ),
    { numRuns: 2000 },
  );
  expect(addDaysTo("2028-03-01", -1)).toBe("2028-02-29");
  expect(() => addDaysTo("28/11/2026", 1)).toThrow(RangeError);
});
