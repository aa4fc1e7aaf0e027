// Whole conversations in Latvian through POST /sms, with the ledger checked after each.
import { describe, expect, test } from "vitest";
import { createHarness } from "../support/harness.ts";
import { matchGolden, play } from "../support/transcript.ts";
import { GOLDEN_DAYS, LATVIAN_NEWCOMER, turnsOf } from "./newcomers.ts";

const JANIS = "+447700900102"; // a Latvian-speaking member registered by the coordinator

describe("Latvian conversations", () => {
  test(LATVIAN_NEWCOMER.title, async () => {
    const h = await createHarness();
    const transcript = await play(h, turnsOf(LATVIAN_NEWCOMER));
    matchGolden(LATVIAN_NEWCOMER.golden, transcript);
    await LATVIAN_NEWCOMER.check(h.rows, GOLDEN_DAYS);
  });

  test("a Latvian member uses a Polish command and gets Latvian answers; refusals and STOP", async () => {
    const h = await createHarness();
    const say = (text: string) => ({ from: JANIS, text });
    const transcript = await play(h, [
      say("GODZINY 2,5 staithe wczoraj"),
      say("STUNDAS -2 staithe"),
      say("STUNDAS 3 kino"),
      say("STUNDAS 3 staithe 1.1.2026"),
      say("šodien"),
      say("ATLIKUMS"),
      say("STOP"),
      say("atlikums"),
      say("start"),
    ]);
    matchGolden("lv-member", transcript);
    expect(await h.rows("SELECT minutes, day FROM ledger_entries ORDER BY id")).toEqual([
      { minutes: 150, day: "2026-11-27" },
      { minutes: 180, day: "2026-11-28" },
    ]);
    expect(transcript).toContain("neuzņem brīvprātīgos");
  });
});
