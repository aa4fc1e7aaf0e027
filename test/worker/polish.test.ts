// test/conversations/polish.test.ts's newcomer transcript (test/conversations/newcomers.ts), on the Worker
// build inside workerd.
import { beforeAll, describe, test } from "vitest";
import { POLISH_NEWCOMER, turnsOf } from "../conversations/newcomers.ts";
import golden from "../golden/pl-join-and-log.txt?raw";
import { expectFreshDatabase, expectLikeGolden, play, realDays, rows } from "./support.ts";

beforeAll(expectFreshDatabase);

describe("Polish on Workers", () => {
  test(POLISH_NEWCOMER.title, async () => {
    const days = realDays();
    const transcript = await play(turnsOf(POLISH_NEWCOMER));
    expectLikeGolden(golden, transcript, days);
    await POLISH_NEWCOMER.check(rows, days);
  });
});
