// The bench's HTTP mode drives what it says it drives: `npm start` (src/node.ts, production) and the raw
// floor server each answer every signed SMS of its load generator with 200 and TwiML, and ours with a
// reply in it, sequentially and 16 in flight. A handful of messages; no timings are asserted.
import { expect, test } from "vitest";
import { measureHttp } from "../../bench/http.ts";

test("the HTTP mode's signed webhooks get 200 and TwiML from npm start and from the floor", {
  timeout: 120_000,
}, async () => {
  const report = await measureHttp({
    quick: true,
    pin: false,
    members: 20,
    sequential: 5,
    concurrent: 16,
    warmup: 0,
    inProcessLoad: true,
  });
  expect(report.rows.map((r) => `${r.server} ${r.concurrency}`)).toEqual([
    "floor 1",
    "floor 16",
    "ours 1",
    "ours 16",
  ]);
  for (const r of report.rows) {
    const label = `${r.server} ${r.mode}: ${r.figures.sample}`;
    expect(r.figures.failures, label).toBe(0);
    expect(r.figures.messages, label).toBe(r.concurrency === 1 ? 5 : 16);
    expect(r.figures.twiml, label).toBe(r.figures.messages);
    // Our answer to BALANCE is a message; the floor answers an empty <Response>.
    expect(r.figures.withMessage, label).toBe(r.server === "ours" ? r.figures.messages : 0);
  }
  expect(report.rows.find((r) => r.server === "ours")?.figures.sample).toMatch(/<Message>[^<]*credit/);
});
