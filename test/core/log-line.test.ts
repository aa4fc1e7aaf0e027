import { describe, expect, test } from "vitest";
import { parseLogLine } from "../../src/core/log-line.ts";
import { matchPartner } from "../../src/core/match-partner.ts";
import type { Partner } from "../../src/core/types.ts";

const staithe: Partner = {
  id: "staithe",
  name: "The Staithe",
  earn: true,
  spend: false,
  aliases: ["staithe", "hostel"],
  activities: [
    { id: "gardening", title: { en: "Gardening", pl: "Ogrodnictwo", lv: "Dārzkopība" } },
    { id: "kitchen", title: { en: "kitchen" } },
  ],
};
const ferry: Partner = {
  id: "ferry",
  name: "Ferry Project",
  earn: true,
  spend: true,
  aliases: ["prom", "prāmis"],
  activities: [
    { id: "kitchen", title: { en: "Kitchen help", pl: "Kuchnia", lv: "Virtuve" } },
    { id: "reception", title: { en: "Reception", pl: "Recepcja", lv: "Reģistratūra" } },
  ],
};
const oasis: Partner = {
  id: "oasis",
  name: "Oasis Community Centre",
  earn: true,
  spend: false,
  aliases: ["oaza", "oāze"],
  activities: [{ id: "cafe", title: { en: "Community café", pl: "Kawiarnia" } }],
};
const cinema: Partner = {
  id: "cinema",
  name: "Light Cinema",
  earn: false,
  spend: true,
  aliases: ["kino"],
  activities: [],
};
const partners = [staithe, ferry, oasis, cinema];
const today = "2026-11-28";

type Expected = {
  minutes?: number | null;
  partner?: string | null;
  partnerText?: string | null;
  activity?: { id: string } | { text: string } | null;
  day?: string | null;
};

const lines: [string, Expected][] = [
  ["3 staithe gardening", { minutes: 180, partner: "staithe", activity: { id: "gardening" } }],
  ["2,5 staithe wczoraj", { minutes: 150, partner: "staithe", day: "2026-11-27" }],
  ["1h30 staithe vakar", { minutes: 90, partner: "staithe", day: "2026-11-27" }],
  ["3h at the staithe yesterday", { minutes: 180, partner: "staithe", day: "2026-11-27" }],
  ["3h at The Staithe day before yesterday", { minutes: 180, partner: "staithe", day: "2026-11-26" }],
  ["staithe 3", { minutes: 180, partner: "staithe" }],
  ["Staithe 2h gardening", { minutes: 120, partner: "staithe", activity: { id: "gardening" } }],
  [
    "3 ferry kitchen 12/11",
    { minutes: 180, partner: "ferry", activity: { id: "kitchen" }, day: "2026-11-12" },
  ],
  ["2 w staithe ogrodnictwo", { minutes: 120, partner: "staithe", activity: { id: "gardening" } }],
  ["2 pie staithe dārzkopība", { minutes: 120, partner: "staithe", activity: { id: "gardening" } }],
  [
    "2 staithe darzkopiba aizvakar",
    { minutes: 120, partner: "staithe", activity: { id: "gardening" }, day: "2026-11-26" },
  ],
  ["3 staithe garden", { minutes: 180, partner: "staithe", activity: { id: "gardening" } }],
  ["3 staithe gardning", { minutes: 180, partner: "staithe", activity: { id: "gardening" } }],
  ["3 hostel KITCHEN", { minutes: 180, partner: "staithe", activity: { id: "kitchen" } }],
  [
    "3 staithe painting the fence",
    { minutes: 180, partner: "staithe", activity: { text: "painting the fence" } },
  ],
  ["3 stathe", { minutes: 180, partner: "staithe" }],
  ["3 the ferry", { minutes: 180, partner: "ferry" }],
  ["3 ferry project recepcja", { minutes: 180, partner: "ferry", activity: { id: "reception" } }],
  ["3 prāmis virtuve", { minutes: 180, partner: "ferry", activity: { id: "kitchen" } }],
  ["3 pramis", { minutes: 180, partner: "ferry" }],
  ["4 Oasis Community Centre", { minutes: 240, partner: "oasis" }],
  ["4 oasis centre kawiarnia", { minutes: 240, partner: "oasis", activity: { id: "cafe" } }],
  ["2 oaza w poniedziałek", { minutes: 120, partner: "oasis", day: "2026-11-23" }],
  ["2 oasi", { minutes: 120, partner: "oasis" }],
  ["pół oaza", { minutes: 30, partner: "oasis" }],
  ["półtorej godziny oaza wczoraj", { minutes: 90, partner: "oasis", day: "2026-11-27" }],
  ["2 stundas staithe vakar", { minutes: 120, partner: "staithe", day: "2026-11-27" }],
  ["wczoraj 3 staithe", { minutes: 180, partner: "staithe", day: "2026-11-27" }],
  ["12.11 3 staithe", { minutes: 180, partner: "staithe", day: "2026-11-12" }],
  ["staithe gardening 3h", { minutes: 180, partner: "staithe", activity: { id: "gardening" } }],
  ["3 gardening at staithe", { minutes: 180, partner: "staithe", activity: { id: "gardening" } }],
  ["3 kino", { minutes: 180, partner: "cinema" }],
  ["-2 staithe", { minutes: -120, partner: "staithe" }],
  ["0 staithe", { minutes: 0, partner: "staithe" }],
  ["3 xyzcafe", { minutes: 180, partner: null, partnerText: "xyzcafe" }],
  ["3 Blue Café wczoraj", { minutes: 180, partner: null, partnerText: "Blue Café", day: "2026-11-27" }],
  ["3", { minutes: 180, partner: null, partnerText: null }],
  ["staithe", { minutes: null, partner: "staithe" }],
  ["wczoraj", { minutes: null, partner: null, partnerText: null, day: "2026-11-27" }],
  ["", { minutes: null, partner: null, partnerText: null, activity: null, day: null }],
  ["lots of hours", { minutes: null, partner: null, partnerText: "lots of hours" }],
];

describe("parseLogLine", () => {
  test.each(lines)("%j", (rest, expected) => {
    const line = parseLogLine(rest, partners, today);
    const actual = {
      minutes: line.minutes,
      partner: line.partner?.id ?? null,
      partnerText: line.partnerText,
      activity: line.activity,
      day: line.day,
    };
    const defaults = { minutes: null, partner: null, partnerText: null, activity: null, day: null };
    expect(actual).toEqual({ ...defaults, ...expected });
  });

  test("a long free-text activity is cut to 60 characters", () => {
    const line = parseLogLine(`3 staithe ${"sorting donated clothes ".repeat(5)}`, partners, today);
    expect(line.activity && "text" in line.activity && line.activity.text.length).toBeLessThanOrEqual(60);
  });
});

describe("matchPartner", () => {
  test.each([
    [["the", "staithe", "x"], "staithe", 2],
    [["Staithe"], "staithe", 1],
    [["ferry", "project", "kitchen"], "ferry", 2],
    [["light", "cinema"], "cinema", 2],
    [["cinma"], "cinema", 1],
    [["oasis", "comunity", "centre"], "oasis", 3],
  ] as const)("%j → %s", (words, id, used) => {
    expect(matchPartner([...words], partners)).toEqual({ partner: partners.find((p) => p.id === id), used });
  });

  test.each([[["xyz"]], [["the"]], [[]], [["st"]]])("%j → null", (words) => {
    expect(matchPartner(words, partners)).toBeNull();
  });

  test("an ambiguous guess is not a match", () => {
    const staines: Partner = { ...staithe, id: "staines", name: "Staines Hall", aliases: [] };
    const centre: Partner = { ...oasis, id: "arts", name: "Arts Centre", aliases: [] };
    const more = [...partners, staines, centre];
    expect(matchPartner(["stai"], more)).toBeNull();
    expect(matchPartner(["centre"], more)).toBeNull();
    expect(matchPartner(["centre"], partners)?.partner.id).toBe("oasis");
  });
});
