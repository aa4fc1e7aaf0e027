// Letting go of a held booking (core/notices/booking.ts): the one rule the dashboard's cancellation
// and the tick job's release share. The statements and the outbox rows are covered end to end by
// test/scheme/cancelled-events.test.ts and test/jobs.
import { describe, expect, test } from "vitest";
import type { Booking } from "../../src/core/engine-types.ts";
import { releaseBooking } from "../../src/core/notices/booking.ts";

const booking = (over: Partial<Booking> = {}, member: Partial<Booking["member"]> = {}): Booking => ({
  id: 31,
  code: "4821",
  memberId: 12,
  memberName: "Ola",
  member: {
    phone: "+447700900100",
    telegramId: null,
    locale: "pl",
    optedOut: false,
    lastChannel: "sms",
    telegramBlocked: false,
    ...member,
  },
  partnerId: "oasis",
  itemKind: "event",
  itemId: "bingo-dec",
  title: { en: "Family bingo", pl: "Bingo rodzinne" },
  places: 2,
  minutes: 120,
  status: "held",
  startsAt: "2026-12-04T18:00:00Z",
  settledBy: null,
  settledAt: null,
  ...over,
});

const cancelled = {
  outcome: "cancelled",
  by: "coordinator",
  startsAt: "2026-12-04T18:00:00Z",
  timezone: "Europe/London",
} as const;

describe("releasing a held booking", () => {
  test("a cancelled event: guarded settle, and the member told in their language when and what is back", () => {
    const [settle, notice] = releaseBooking(booking(), cancelled);
    expect(settle).toEqual({
      type: "settleBooking",
      bookingId: 31,
      outcome: "cancelled",
      by: "coordinator",
      guarded: true,
    });
    expect(notice).toMatchObject({
      type: "notify",
      channel: "sms",
      address: "+447700900100",
      locale: "pl",
      reply: { key: "events:member.cancelled", params: { title: "Bingo rodzinne", code: "4821", count: 2 } },
    });
    expect(String((notice as unknown as { reply: { params: { when: string } } }).reply.params.when)).toMatch(
      /18:00$/,
    );
  });

  test("not used in time: unguarded (the job skips what was settled meanwhile), a free place says so", () => {
    const effects = releaseBooking(booking({ minutes: 0 }), { outcome: "released", by: "system" });
    expect(effects[0]).toMatchObject({ type: "settleBooking", outcome: "released", guarded: false });
    expect(effects[1]).toMatchObject({ reply: { key: "spend.releasedFree" } });
  });

  test("an opted-out member's hold is settled and nobody is written to; one with no address likewise", () => {
    expect(releaseBooking(booking({}, { optedOut: true }), cancelled).map((e) => e.type)).toEqual([
      "settleBooking",
    ]);
    expect(releaseBooking(booking({}, { phone: null }), cancelled).map((e) => e.type)).toEqual([
      "settleBooking",
    ]);
  });

  test("the member's channel is where the bot writes (WhatsApp when last used)", () => {
    const [, notice] = releaseBooking(booking({}, { lastChannel: "whatsapp" }), {
      outcome: "released",
      by: "system",
    });
    expect(notice).toMatchObject({ channel: "whatsapp", reply: { key: "spend.released" } });
  });
});
