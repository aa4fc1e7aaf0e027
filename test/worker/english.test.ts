// test/conversations/english.test.ts's newcomer transcript (test/conversations/newcomers.ts), on the Worker
// build inside workerd.
import { beforeAll, describe, expect, test } from "vitest";
import { ENGLISH_NEWCOMER, turnsOf } from "../conversations/newcomers.ts";
import golden from "../golden/en-join-and-log.txt?raw";
import { expectFreshDatabase, expectLikeGolden, play, realDays, rows } from "./support.ts";

beforeAll(expectFreshDatabase);

describe("English on Workers", () => {
  test(ENGLISH_NEWCOMER.title, async () => {
    const days = realDays();
    const transcript = await play(turnsOf(ENGLISH_NEWCOMER));
    expectLikeGolden(golden, transcript, days);
    await ENGLISH_NEWCOMER.check(rows, days);
    const [member] = await rows("SELECT consent_at FROM members WHERE phone = ?", ENGLISH_NEWCOMER.from);
    expect(Date.now() - Date.parse(String(member?.consent_at))).toBeLessThan(60_000);
  });
});
