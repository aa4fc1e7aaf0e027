// Earn opportunities and partner-made events: VOLUNTEER lists slots (evenings and weekends first);
// a partner's contact adds a community event by message and members are offered it as written.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness } from "../support/harness.ts";
import { matchGolden, play } from "../support/transcript.ts";

const SHARON = "+447700900101";
const ANNA = "+447700900100";
const JANIS = "+447700900102";
const SUE = "+447700900003"; // Oasis, English
const ILZE = "+447700900004"; // Oasis, Latvian

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

describe("earn opportunities", () => {
  test("VOLUNTEER in three languages lists evenings and weekends first, within three weeks", async () => {
    const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
    const transcript = await play(h, [
      { from: SHARON, text: "VOLUNTEER" },
      { from: ANNA, text: "wolontariat" },
      { from: JANIS, text: "BRĪVPRĀTĪGI" },
      { from: SHARON, text: "volunteer", at: "2027-02-01T12:00:00Z" },
    ]);
    matchGolden("volunteer", transcript);
    const sharon = transcript.split("# +447700900100")[0] ?? "";
    // Saturday 5 Dec 10:00 and Sunday 6 Dec come before Wednesday 2 Dec 10:00 (a weekday daytime slot).
    expect(sharon.indexOf("Garden tidy-up")).toBeGreaterThan(0);
    expect(sharon.indexOf("Garden tidy-up")).toBeLessThan(sharon.indexOf("Sunday café"));
    expect(sharon).not.toContain("Food bank sorting");
    expect(transcript).toContain("No volunteering times listed right now.");
  });
});

describe("partners create events by message", () => {
  test("a contact adds an event; members are offered it as written; bad input is explained", async () => {
    const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
    const transcript = await play(h, [
      { from: SUE, text: "EVENT 1/12 18:30 Soup and stories 1 12" },
      { from: ILZE, text: "PASĀKUMS 3.12 17:00 Latviešu vakars 0" },
      { from: SUE, text: "EVENT 1/12 Soup night" },
      { from: SUE, text: "NEW EVENT 27/11 18:00 Too late 1" },
      { from: SUE, text: "EVENT 2/12 18:00 Costly 50" },
      { from: SHARON, text: "EVENTS" },
      { from: SHARON, text: "EVENT" },
    ]);
    matchGolden("partner-events", transcript);
    const events = await h.rows(
      "SELECT id, partner_id, title, starts_at, cost_minutes, capacity FROM events WHERE extra LIKE '%partner message%' ORDER BY starts_at",
    );
    expect(events).toEqual([
      {
        id: "oasis-2026-12-01-soup-and-stories",
        partner_id: "oasis",
        title: '{"en":"Soup and stories"}',
        starts_at: "2026-12-01T18:30:00.000Z",
        cost_minutes: 60,
        capacity: 12,
      },
      {
        id: "oasis-2026-12-03-latviesu-vakars",
        partner_id: "oasis",
        title: '{"lv":"Latviešu vakars"}',
        starts_at: "2026-12-03T17:00:00.000Z",
        cost_minutes: 0,
        capacity: null,
      },
    ]);
    expect(transcript).toContain("Soup and stories, Tue 1 Dec 18:30");
    expect(transcript).toContain("Latviešu vakars");
  });
});
