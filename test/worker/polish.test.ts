// test/conversations/polish.test.ts's newcomer transcript, on the Worker build inside workerd.
import { beforeAll, describe, expect, test } from "vitest";
import golden from "../golden/pl-join-and-log.txt?raw";
import { expectFreshDatabase, expectLikeGolden, play, realDays, rows } from "./support.ts";

const NEW = "+447700900502";

beforeAll(expectFreshDatabase);

describe("Polish on Workers", () => {
  test("a newcomer's first message is a Polish one-line log: it is kept until they join, then recorded", async () => {
    const days = realDays();
    const say = (text: string) => ({ from: NEW, text });
    const transcript = await play([
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
    expectLikeGolden(golden, transcript, days);
    expect(await rows("SELECT name, locale FROM members WHERE phone = ?", NEW)).toEqual([
      { name: "Kasia", locale: "en" },
    ]);
    expect(
      await rows("SELECT minutes, partner_id, activity, day, status FROM ledger_entries ORDER BY id"),
    ).toEqual([
      { minutes: 150, partner_id: "staithe", activity: null, day: days.yesterday, status: "pending" },
      { minutes: 90, partner_id: "oasis", activity: "sprzatanie", day: days.yesterday, status: "pending" },
    ]);
    // Nothing but the conversation was stored before consent: the first body is not kept.
    const bodies = await rows("SELECT body FROM inbound_messages ORDER BY id LIMIT 3");
    expect(bodies.map((b) => b.body)).toEqual([null, null, "TAK"]);
  });
});
