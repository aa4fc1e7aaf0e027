// test/conversations/latvian.test.ts's newcomer transcript, on the Worker build inside workerd.
import { beforeAll, describe, expect, test } from "vitest";
import golden from "../golden/lv-join-and-log.txt?raw";
import { expectFreshDatabase, expectLikeGolden, play, realDays, rows } from "./support.ts";

const NEW = "+447700900503";

beforeAll(expectFreshDatabase);

describe("Latvian on Workers", () => {
  test("a newcomer picks Latvian, joins, logs in one line and step by step", async () => {
    const days = realDays();
    const say = (text: string) => ({ from: NEW, text });
    const transcript = await play([
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
    expectLikeGolden(golden, transcript, days);
    expect(await rows("SELECT name, locale FROM members WHERE phone = ?", NEW)).toEqual([
      { name: "Līga", locale: "en" },
    ]);
    expect(await rows("SELECT minutes, partner_id, activity, day FROM ledger_entries ORDER BY id")).toEqual([
      { minutes: 90, partner_id: "staithe", activity: null, day: days.yesterday },
      { minutes: 120, partner_id: "childrens-centre", activity: "playgroup", day: days.today },
    ]);
  });
});
