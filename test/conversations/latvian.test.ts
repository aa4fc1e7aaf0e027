// Whole conversations in Latvian through POST /sms, with the ledger checked after each.
import { describe, expect, test } from "vitest";
import { createHarness } from "../support/harness.ts";
import { matchGolden, play } from "../support/transcript.ts";

const NEW = "+447700900503";
const JANIS = "+447700900102"; // a Latvian-speaking member registered by the coordinator

describe("Latvian conversations", () => {
  test("a newcomer picks Latvian, joins, logs in one line and step by step", async () => {
    const h = await createHarness();
    const say = (text: string) => ({ from: NEW, text });
    const transcript = await play(h, [
      say("Labdien"),
      say("3"),
      say("Līga"),
      say("ja"),
      say("STUNDAS 1h30 staithe vakar"),
      say("atlikums"),
      say("STUNDAS"),
      say("rainbow"),
      say("2"),
      say("1"),
      say("1"),
      say("vesture"),
      say("PALIDZIBA"),
      say("VALODA"),
      say("1"),
    ]);
    matchGolden("lv-join-and-log", transcript);
    expect(await h.rows("SELECT name, locale FROM members WHERE phone = ?", NEW)).toEqual([
      { name: "Līga", locale: "en" },
    ]);
    expect(await h.rows("SELECT minutes, partner_id, activity, day FROM ledger_entries ORDER BY id")).toEqual(
      [
        { minutes: 90, partner_id: "staithe", activity: null, day: "2026-11-27" },
        { minutes: 120, partner_id: "childrens-centre", activity: "playgroup", day: "2026-11-28" },
      ],
    );
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
