// test/conversations/english.test.ts's newcomer transcript, on the Worker build inside workerd.
import { beforeAll, describe, expect, test } from "vitest";
import golden from "../golden/en-join-and-log.txt?raw";
import { expectFreshDatabase, expectLikeGolden, play, realDays, rows } from "./support.ts";

const NEW = "+447700900501";

beforeAll(expectFreshDatabase);

describe("English on Workers", () => {
  test("a newcomer joins, logs step by step and in one line, checks balance and history", async () => {
    const days = realDays();
    const say = (text: string) => ({ from: NEW, text });
    const transcript = await play([
      say("Hello"),
      say("1"),
      say("Dave"),
      say("yes"),
      say("BALANCE"),
      say("LOG"),
      say("2"),
      say("2.5"),
      say("3"),
      say("2"),
      say("log 3 staithe gardening"),
      say("bal"),
      say("HISTORY"),
      say("help"),
      say("menu"),
      say("1"),
    ]);
    expectLikeGolden(golden, transcript, days);
    const [member] = await rows(
      "SELECT name, locale, consent_at, opted_out FROM members WHERE phone = ?",
      NEW,
    );
    expect(member).toMatchObject({ name: "Dave", locale: "en", opted_out: 0 });
    expect(Date.now() - Date.parse(String(member?.consent_at))).toBeLessThan(60_000);
    expect(
      await rows("SELECT kind, status, minutes, partner_id, activity, day FROM ledger_entries ORDER BY id"),
    ).toEqual([
      {
        kind: "earning",
        status: "pending",
        minutes: 150,
        partner_id: "oasis",
        activity: "cleaning",
        day: days.yesterday,
      },
      {
        kind: "earning",
        status: "pending",
        minutes: 180,
        partner_id: "staithe",
        activity: "gardening",
        day: days.today,
      },
    ]);
  });
});
