// test/conversations/latvian.test.ts's newcomer transcript (test/conversations/newcomers.ts), on the Worker
// build inside workerd.
import { beforeAll, describe, test } from "vitest";
import { LATVIAN_NEWCOMER, turnsOf } from "../conversations/newcomers.ts";
import golden from "../golden/lv-join-and-log.txt?raw";
import { expectFreshDatabase, expectLikeGolden, play, realDays, rows } from "./support.ts";

beforeAll(expectFreshDatabase);

describe("Latvian on Workers", () => {
  test(LATVIAN_NEWCOMER.title, async () => {
    const days = realDays();
    const transcript = await play(turnsOf(LATVIAN_NEWCOMER));
    expectLikeGolden(golden, transcript, days);
    await LATVIAN_NEWCOMER.check(rows, days);
  });
});
