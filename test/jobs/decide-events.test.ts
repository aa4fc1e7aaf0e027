// Events that go ahead only with enough people: an event with minPlaces and decideBy (made through
// the dashboard's API), members book by SMS, and at the decision time the tick job either calls it
// off (cancelled, holds released, each member told in their language, the partner's contacts told)
// or tells everyone booked and the contacts that it is on. The clock is moved, nothing is mocked.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tick } from "../../src/jobs/tick.ts";
import { ADMIN_TOKEN, adminHarness } from "../admin/support.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import type { Harness } from "../support/harness.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian
const DAVE = "+447700900006"; // the playground: his LOG for a member is confirmed at once
const SUE = "+447700900003"; // Oasis, English
const ILZE = "+447700900004"; // Oasis, Latvian

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

const api = (h: Harness, path: string, body?: unknown) =>
  h.app.request(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A harness where Anna, Sharon and Jānis each have 4 credits and a soup evening needs 3 places. */
async function world(minPlaces: number): Promise<{ h: Harness; id: string }> {
  fake.calls.length = 0;
  const h = await adminHarness({ env: { TWILIO_API_URL: fake.url } });
  for (const phone of ["07700900100", "07700900101", "07700900102"]) await h.sms(DAVE, `LOG 4 ${phone}`);
  const res = await api(h, "/admin/api/events", {
    id: "soup",
    partner: "oasis",
    title: { en: "Soup evening", pl: "Wieczór z zupą", lv: "Zupas vakars" },
    startsAt: "2026-12-05T18:00",
    cost: 1,
    capacity: 10,
    minPlaces,
    decideBy: "2026-12-03T12:00",
  });
  expect(res.status).toBe(201);
  await h.flush();
  fake.calls.length = 0;
  return { h, id: "soup" };
}

/** Books the soup evening from the member's own list (EVENTS, then its number, then YES). */
async function book(h: Harness, phone: string, yes: string): Promise<void> {
  const list = (await h.sms(phone, "EVENTS")).messages.join("\n");
  const line = list.split("\n").find((l) => /zup|Soup|Zupas/i.test(l));
  const n = line?.match(/^(\d)/)?.[1];
  expect(n, list).toBeTruthy();
  await h.sms(phone, String(n));
  const asked = (await h.sms(phone, "1")).messages.join("\n");
  if (!/[?]/.test(asked)) throw new Error(asked);
  await h.sms(phone, yes);
}

const sent = (phone: string) => fake.calls.filter((c) => c.to === phone).map((c) => c.body);

describe("an event with a minimum", () => {
  test("too few booked by the decision time: called off, credits back, everyone told once", async () => {
    const { h } = await world(3);
    await book(h, ANNA, "TAK");
    await book(h, JANIS, "JĀ");
    expect(await h.rows("SELECT status FROM bookings")).toEqual([{ status: "held" }, { status: "held" }]);
    // Before the decision time nothing happens.
    h.setNow("2026-12-03T11:00:00Z");
    expect((await tick(h.deps)).eventsCalledOff).toBe(0);
    h.setNow("2026-12-03T12:05:00Z");
    const report = await tick(h.deps);
    expect(report).toMatchObject({ eventsCalledOff: 1, eventsOn: 0 });
    await h.flush();
    expect(sent(ANNA)).toEqual([
      expect.stringMatching(
        /^Wieczór z zupą, sob\. 5 gru 18:00: odwołane, za mało chętnych\. Rezerwacja \d{4} anulowana, 1 kredyt wraca na konto\.$/,
      ),
    ]);
    expect(sent(JANIS)).toEqual([
      expect.stringMatching(
        /^Zupas vakars, .*: atcelts, pieteicās par maz cilvēku\. Rezervācija \d{4} atcelta, tev atgriezts 1 kredīts\.$/,
      ),
    ]);
    expect(sent(SUE)).toEqual([
      expect.stringContaining("only 2 places booked of 3 needed, so it's called off"),
    ]);
    expect(sent(ILZE)).toEqual([expect.stringContaining("rezervētas tikai 2 vietas no vajadzīgajām 3")]);
    expect(await h.rows("SELECT status, settled_by FROM bookings")).toEqual([
      { status: "cancelled", settled_by: "system" },
      { status: "cancelled", settled_by: "system" },
    ]);
    const [event] = await h.rows("SELECT decided, cancelled_at FROM events WHERE id = 'soup'");
    expect(event).toEqual({ decided: "off", cancelled_at: "2026-12-03T12:05:00.000Z" });
    // Credits are back, and a second run decides nothing again.
    expect((await h.sms(ANNA, "SALDO")).messages.join(" ")).toContain("4");
    fake.calls.length = 0;
    expect((await tick(h.deps)).eventsCalledOff).toBe(0);
    await h.flush();
    expect(fake.calls).toEqual([]);
    // It can no longer be booked.
    expect((await h.sms(SHARON, "EVENTS")).messages.join("\n")).not.toContain("Soup evening");
  });

  test("enough booked: it's on, the people booked and the partner's contacts are told", async () => {
    const { h } = await world(2);
    await book(h, ANNA, "TAK");
    await book(h, SHARON, "YES");
    h.setNow("2026-12-03T12:05:00Z");
    expect(await tick(h.deps)).toMatchObject({ eventsOn: 1, eventsCalledOff: 0 });
    await h.flush();
    expect(sent(SHARON)).toEqual([
      expect.stringMatching(/^It's on: Soup evening, Sat 5 Dec 18:00\. Your booking \d{4} stands\./),
    ]);
    expect(sent(ANNA)).toEqual([expect.stringContaining("odbędzie się!")]);
    expect(sent(SUE)).toEqual([expect.stringContaining("2 places booked, so it's on.")]);
    expect(await h.rows("SELECT status FROM bookings")).toEqual([{ status: "held" }, { status: "held" }]);
    expect(await h.rows("SELECT decided, cancelled_at FROM events WHERE id = 'soup'")).toEqual([
      { decided: "on", cancelled_at: null },
    ]);
  });

  test("a minimum needs a decision time before the start, and no more places than the event has", async () => {
    const { h } = await world(2);
    const bad = async (body: Record<string, unknown>) =>
      (
        await api(h, "/admin/api/events", {
          partner: "oasis",
          title: { en: "Quiz" },
          startsAt: "2026-12-10T18:00",
          cost: 1,
          capacity: 5,
          ...body,
        })
      ).status;
    expect(await bad({ minPlaces: 3 })).toBe(400);
    expect(await bad({ minPlaces: 3, decideBy: "2026-12-11T12:00" })).toBe(400);
    expect(await bad({ minPlaces: 6, decideBy: "2026-12-09T12:00" })).toBe(400);
    expect(await bad({ minPlaces: 3, decideBy: "2026-12-09T12:00" })).toBe(201);
  });
});
