// Retention: the scheduled job erases message texts older than the scheme's `retentionDays` (90 by
// default): inbound bodies, and the bodies of messages already sent. Newer texts stay; rows stay.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tick } from "../../src/jobs/tick.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { play } from "../support/transcript.ts";

const BEATRIX = "+447700900777";
const DAY = 86_400_000;
const START = Date.parse("2026-01-05T12:00:00Z");
const at = (days: number) => new Date(START + days * DAY).toISOString();

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

/** A member who wrote on day 0, day 50 and day 95; partners were sent requests each time. */
async function history(settings?: Record<string, unknown>): Promise<Harness> {
  const scheme = demoScheme() as { scheme: Record<string, unknown> };
  if (settings) scheme.scheme.settings = settings;
  const h = await createHarness({ now: at(0), scheme, env: { TWILIO_API_URL: fake.url } });
  const say = (text: string, day?: number) => ({ from: BEATRIX, text, ...(day ? { at: at(day) } : {}) });
  await play(
    h,
    [
      say("Hello"),
      say("1"),
      say("Beatrix"),
      say("yes"),
      say("LOG 1 staithe"),
      say("LOG 2 oasis", 50),
      say("LOG 3 staithe", 95),
    ],
    fake,
  );
  return h;
}

const bodies = (h: Harness) =>
  h
    .rows("SELECT body FROM inbound_messages WHERE body IS NOT NULL ORDER BY id")
    .then((r) => r.map((x) => x.body));
/** How many sent messages still have their text, by when they were sent. */
const sentTexts = (h: Harness, op: "<" | ">=", iso: string) =>
  h
    .rows(`SELECT COUNT(*) AS n FROM outbox WHERE status = 'sent' AND body != '' AND sent_at ${op} ?`, iso)
    .then((r) => Number(r[0]?.n));

describe("retention of message texts", () => {
  test("by default, texts older than 90 days are erased by the tick; newer ones are kept", async () => {
    const h = await history();
    expect(await bodies(h)).toEqual(["yes", "LOG 1 staithe", "LOG 2 oasis", "LOG 3 staithe"]);
    expect(await sentTexts(h, "<", at(10))).toBe(2); // day 0: the request to each of The Staithe's contacts

    h.setNow(at(89));
    expect((await tick(h.deps)).purged).toBe(0);
    const newer = await sentTexts(h, ">=", at(10));

    h.setNow(at(100));
    const report = await tick(h.deps);
    expect(await bodies(h)).toEqual(["LOG 2 oasis", "LOG 3 staithe"]);
    expect(await sentTexts(h, "<", at(10))).toBe(0);
    expect(await sentTexts(h, ">=", at(10))).toBe(newer + report.sent);
    expect(report.purged).toBe(2 + 2);
    // The rows stay: a redelivered webhook is still recognised, and the ledger still points at them.
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual([{ n: 7 }]);
    const old = await h.rows(
      "SELECT reply FROM inbound_messages WHERE received_at < ? ORDER BY id LIMIT 1",
      at(10),
    );
    expect(JSON.parse(String(old[0]?.reply))).toEqual({ locale: "en", replies: [] });
  });

  test("a scheme's retentionDays of 30 is honoured", async () => {
    const h = await history({ retentionDays: 30 });
    h.setNow(at(100));
    await tick(h.deps);
    expect(await bodies(h)).toEqual(["LOG 3 staithe"]);
  });

  test("a malformed retentionDays falls back to 90", async () => {
    const h = await history({ retentionDays: "soon" });
    h.setNow(at(100));
    await tick(h.deps);
    expect(await bodies(h)).toEqual(["LOG 2 oasis", "LOG 3 staithe"]);
  });
});
