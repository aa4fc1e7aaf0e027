// Whole conversations in Polish through POST /sms, with the ledger checked after each.
import { describe, expect, test } from "vitest";
import { createHarness } from "../support/harness.ts";
import { matchGolden, play } from "../support/transcript.ts";

const NEW = "+447700900502";
const ANNA = "+447700900100"; // a Polish-speaking member registered by the coordinator

describe("Polish conversations", () => {
  test("a newcomer's first message is a Polish one-line log: it is kept until they join, then recorded", async () => {
    const h = await createHarness();
    const say = (text: string) => ({ from: NEW, text });
    const transcript = await play(h, [
      say("GODZINY 2,5 staithe wczoraj"),
      say("Kasia"),
      say("TAK"),
      say("saldo"),
      say("godziny"),
      say("oasis"),
      say("1h30"),
      say("sprzatanie"),
      say("wczoraj"),
      say("Historia"),
      say("pomoc"),
      say("menu"),
      say("6"),
      say("1"),
    ]);
    matchGolden("pl-join-and-log", transcript);
    expect(await h.rows("SELECT name, locale FROM members WHERE phone = ?", NEW)).toEqual([
      { name: "Kasia", locale: "en" },
    ]);
    expect(
      await h.rows("SELECT minutes, partner_id, activity, day, status FROM ledger_entries ORDER BY id"),
    ).toEqual([
      { minutes: 150, partner_id: "staithe", activity: null, day: "2026-11-27", status: "pending" },
      // "cleaning" has no Polish title in the demo scheme, so the member's own words are kept.
      { minutes: 90, partner_id: "oasis", activity: "sprzatanie", day: "2026-11-27", status: "pending" },
    ]);
    // Nothing but the conversation was stored before consent: the first body is not kept.
    const bodies = await h.rows("SELECT body FROM inbound_messages ORDER BY id LIMIT 3");
    expect(bodies.map((b) => b.body)).toEqual([null, null, "TAK"]);
  });

  test("refusals in Polish, with and without diacritics", async () => {
    const h = await createHarness();
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
