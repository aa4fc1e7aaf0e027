// Whole conversations in English through POST /sms, with the ledger checked after each.
import { describe, expect, test } from "vitest";
import { createHarness } from "../support/harness.ts";
import { matchGolden, play } from "../support/transcript.ts";
import { ENGLISH_NEWCOMER, GOLDEN_DAYS, turnsOf } from "./newcomers.ts";

const NEW = "+447700900501";
const SHARON = "+447700900101"; // registered by the coordinator in the demo scheme

describe("English conversations", () => {
  test(ENGLISH_NEWCOMER.title, async () => {
    const h = await createHarness();
    const transcript = await play(h, turnsOf(ENGLISH_NEWCOMER));
    matchGolden(ENGLISH_NEWCOMER.golden, transcript);
    await ENGLISH_NEWCOMER.check(h.rows, GOLDEN_DAYS);
    expect(await h.rows("SELECT consent_at FROM members WHERE phone = ?", NEW)).toEqual([
      { consent_at: "2026-11-28T12:00:00.000Z" },
    ]);
    expect(transcript).toContain("Recorded: 2.5 h");
  });

  test("a newcomer asking HELP hears what the scheme is; saying NO keeps nothing", async () => {
    const h = await createHarness();
    const transcript = await play(h, [
      { from: NEW, text: "HELP" },
      { from: NEW, text: "help" },
      { from: NEW, text: "Dave" },
      { from: NEW, text: "no" },
      { from: NEW, text: "BALANCE" },
    ]);
    matchGolden("en-newcomer-help", transcript);
    expect(transcript).toContain("earn 1 credit for each hour");
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE phone = ?", NEW)).toEqual([{ n: 0 }]);
    expect(await h.rows("SELECT body FROM inbound_messages")).toEqual([
      { body: null },
      { body: null },
      { body: null },
      { body: null },
      { body: null },
    ]);
  });

  test("every refusal is explained and nothing wrong is recorded", async () => {
    const h = await createHarness();
    const say = (text: string) => ({ from: SHARON, text });
    const transcript = await play(h, [
      say("hi"),
      say("LOG 0 staithe"),
      say("13"),
      say("LOG 3 cinema"),
      say("LOG 3 nowhere"),
      say("LOG 3 staithe 30/11"),
      say("LOG 3 staithe 01/10"),
      say("LOG 10 staithe"),
      say("LOG 7 oasis"),
      say("LOG"),
      say("xyz"),
      say("1"),
      say("lots"),
      say("2"),
      say("SKIP"),
      say("next week"),
      say("1"),
      say("bal"),
    ]);
    matchGolden("en-refusals", transcript);
    const entries = await h.rows("SELECT minutes, partner_id, day, activity FROM ledger_entries ORDER BY id");
    expect(entries).toEqual([
      { minutes: 600, partner_id: "staithe", day: "2026-11-28", activity: null },
      { minutes: 120, partner_id: "staithe", day: "2026-11-28", activity: null },
    ]);
    expect(transcript).toContain("Hi Sharon");
    expect(transcript).toContain("doesn't take volunteers");
    expect(transcript).toContain("at most 16 h a day");
  });

  test("STOP silences a number until START, for members and newcomers; records are kept", async () => {
    const h = await createHarness();
    const transcript = await play(h, [
      { from: SHARON, text: "LOG 2 oasis" },
      { from: SHARON, text: "STOP" },
      { from: SHARON, text: "BALANCE" },
      { from: SHARON, text: "LOG 2 oasis" },
      { from: SHARON, text: "start" },
      { from: SHARON, text: "balance" },
      { from: NEW, text: "stop" },
      { from: NEW, text: "hello?" },
      { from: NEW, text: "START" },
    ]);
    matchGolden("en-stop-start", transcript);
    expect(await h.rows("SELECT COUNT(*) AS n FROM ledger_entries")).toEqual([{ n: 1 }]);
    expect(await h.rows("SELECT opted_out FROM members WHERE phone = ?", SHARON)).toEqual([{ opted_out: 0 }]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE phone = ?", NEW)).toEqual([{ n: 0 }]);
  });

  test("a question left for 30 minutes expires; a command word always leaves a question", async () => {
    const h = await createHarness();
    const transcript = await play(h, [
      { from: SHARON, text: "LOG", at: "2026-11-28T12:00:00Z" },
      { from: SHARON, text: "1", at: "2026-11-28T12:31:00Z" },
      { from: SHARON, text: "LOG" },
      { from: SHARON, text: "BALANCE" },
      { from: SHARON, text: "4" },
    ]);
    matchGolden("en-expiry", transcript);
    expect(transcript).toContain("That question has closed");
    expect(await h.rows("SELECT COUNT(*) AS n FROM ledger_entries")).toEqual([{ n: 0 }]);
  });

  test("language change by menu, by name, and every command in every language", async () => {
    const h = await createHarness();
    const transcript = await play(h, [
      { from: SHARON, text: "LANG" },
      { from: SHARON, text: "2" },
      { from: SHARON, text: "balance" },
      { from: SHARON, text: "Latviešu" },
      { from: SHARON, text: "HISTORIA" },
      { from: SHARON, text: "english" },
      { from: SHARON, text: "STUNDAS 1h30 staithe vakar" },
    ]);
    matchGolden("en-language", transcript);
    expect(await h.rows("SELECT locale FROM members WHERE phone = ?", SHARON)).toEqual([{ locale: "en" }]);
    expect(await h.rows("SELECT minutes, day FROM ledger_entries")).toEqual([
      { minutes: 90, day: "2026-11-27" },
    ]);
  });
});
