// Whole conversations in Polish through POST /sms, with the ledger checked after each.
import { describe, expect, test } from "vitest";
import { createHarness } from "../support/harness.ts";
import { roomyDemoScheme } from "../support/roomy-scheme.ts";
import { matchGolden, play } from "../support/transcript.ts";
import { GOLDEN_DAYS, POLISH_NEWCOMER, turnsOf } from "./newcomers.ts";

const ANNA = "+447700900100"; // a Polish-speaking member registered by the coordinator

describe("Polish conversations", () => {
  test(POLISH_NEWCOMER.title, async () => {
    const h = await createHarness();
    const transcript = await play(h, turnsOf(POLISH_NEWCOMER));
    matchGolden(POLISH_NEWCOMER.golden, transcript);
    await POLISH_NEWCOMER.check(h.rows, GOLDEN_DAYS);
  });

  test("refusals in Polish, with and without diacritics", async () => {
    // Three requests before any is confirmed: the newcomer's cap would refuse the third before the
    // 16-hours-a-day rule this shows (the caps have their own test, test/abuse/request-caps.test.ts).
    const h = await createHarness({ scheme: roomyDemoScheme() });
    const say = (text: string) => ({ from: ANNA, text });
    const transcript = await play(h, [
      say("GODZINY 13 staithe"),
      say("0"),
      say("3"),
      say("GODZINY 2 kino"),
      say("GODZINY 2 staithe 15.12"),
      say("dzis"),
      say("godziny 12 oasis"),
      say("GODZINY 5 oasis"),
      say("Jezyk"),
      say("cos"),
      say("1"),
    ]);
    matchGolden("pl-refusals", transcript);
    // 3 + 2 h at the Staithe, then 12 h would pass 16 h that day and is refused; 5 h still fit.
    expect(await h.rows("SELECT minutes, partner_id FROM ledger_entries ORDER BY id")).toEqual([
      { minutes: 180, partner_id: "staithe" },
      { minutes: 120, partner_id: "staithe" },
      { minutes: 300, partner_id: "oasis" },
    ]);
    expect(transcript).toContain("nie przyjmuje wolontariuszy");
  });

  test("STOP and START in Polish keep the member's records", async () => {
    const h = await createHarness();
    const transcript = await play(h, [
      { from: ANNA, text: "GODZINY 1 oasis" },
      { from: ANNA, text: "stop" },
      { from: ANNA, text: "saldo" },
      { from: ANNA, text: "START" },
      { from: ANNA, text: "saldo" },
    ]);
    matchGolden("pl-stop-start", transcript);
    expect(await h.rows("SELECT COUNT(*) AS n FROM ledger_entries")).toEqual([{ n: 1 }]);
  });
});
