// SMS-pumping protection: texts go only to the scheme's allowed country codes (+44, +48, +371 unless
// the scheme says otherwise), and a sender invites at most a set number of new numbers a day.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { deliverDue, type OutboxMessage, queueMessage } from "../../src/jobs/outbox.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";

const START = "2026-11-28T12:00:00Z";
const DAVE = "+447700900006"; // Adventure Playground, English: his LOG for others is confirmed at once
const SHARON = "+447700900101"; // member

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
});

async function queue(h: Harness, ...messages: OutboxMessage[]): Promise<void> {
  await h.db.batch(
    messages.map((m) => queueMessage(m, h.deps.now())),
    "write",
  );
}

const sms = (address: string): OutboxMessage => ({ channel: "sms", address, body: "Hello" });
const outbox = (h: Harness) => h.rows("SELECT address, status, last_error FROM outbox ORDER BY id");

describe("outbound SMS country codes", () => {
  test("numbers outside +44, +48 and +371 are failed, recorded, and never sent", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    await queue(h, sms("+15005550006"), sms("+8613800138000"), sms("+48601234567"), sms("+37120000000"));
    expect(await deliverDue(h.deps)).toEqual({ sent: 2, failed: 2, retrying: 0 });
    expect(await outbox(h)).toEqual([
      { address: "+15005550006", status: "failed", last_error: "country not allowed" },
      { address: "+8613800138000", status: "failed", last_error: "country not allowed" },
      { address: "+48601234567", status: "sent", last_error: null },
      { address: "+37120000000", status: "sent", last_error: null },
    ]);
    expect(fake.calls.map((c) => c.to)).toEqual(["+48601234567", "+37120000000"]);
  });

  test("the allowed codes are a scheme setting", async () => {
    const scheme = demoScheme() as { scheme: Record<string, unknown> };
    scheme.scheme.settings = { allowedCountryCodes: ["1"] };
    const h = await createHarness({ now: START, scheme, env: { TWILIO_API_URL: fake.url } });
    await queue(h, sms("+15005550006"), sms("+447700900123"));
    expect(await deliverDue(h.deps)).toEqual({ sent: 1, failed: 1, retrying: 0 });
    expect(fake.calls.map((c) => c.to)).toEqual(["+15005550006"]);
  });
});

describe("invitations per day", () => {
  const number = (i: number) => `077009003${String(i).padStart(2, "0")}`;
  const invited = async (h: Harness) =>
    Number((await h.rows("SELECT COUNT(*) AS n FROM members WHERE source = 'invited'"))[0]?.n);

  test("a contact's 11th new number of the day is refused; members are still logged", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    for (let i = 1; i <= 10; i++) {
      const { messages } = await h.sms(DAVE, `LOG 2 ${number(i)} litter picking`);
      expect(messages.join("\n")).not.toContain("Too many new numbers");
    }
    expect(await invited(h)).toBe(10);
    const { messages } = await h.sms(DAVE, `LOG 2 ${number(11)} 07700900101 litter picking`);
    const text = messages.join("\n");
    expect(text).toContain("Sharon");
    expect(text).toContain(
      "Too many new numbers invited today; not invited: +447700900311. Try again tomorrow.",
    );
    expect(await invited(h)).toBe(10);
    const sharon = await h.rows(
      "SELECT status FROM ledger_entries WHERE member_id = (SELECT id FROM members WHERE phone = ?)",
      SHARON,
    );
    expect(sharon).toEqual([{ status: "confirmed" }]);
    expect(await h.rows("SELECT id FROM members WHERE phone = '+447700900311'")).toEqual([]);

    // A new day, a new allowance.
    h.setNow("2026-11-29T09:00:00Z");
    await h.sms(DAVE, `LOG 2 ${number(11)} litter picking`);
    expect(await invited(h)).toBe(11);
  });

  test("GIVE to a new number past the limit is refused; the limit is a scheme setting", async () => {
    const scheme = demoScheme() as { scheme: Record<string, unknown> };
    scheme.scheme.settings = { invitesPerDay: 1 };
    const h = await createHarness({ now: START, scheme, env: { TWILIO_API_URL: fake.url } });
    // Dave's one invitation today; Sharon's hours are confirmed at once, so she has credits to give.
    await h.sms(DAVE, `LOG 3 ${number(1)} 07700900101 litter picking`);
    expect((await h.sms(DAVE, `LOG 2 ${number(2)} litter picking`)).messages.join("\n")).toContain(
      "not invited: +447700900302",
    );
    expect(await invited(h)).toBe(1);
    // Sharon has her own allowance: one gift to a new number, then no more today.
    await h.sms(SHARON, `GIVE 1 ${number(3)}`);
    await h.sms(SHARON, "YES");
    expect(await invited(h)).toBe(2);
    const { messages } = await h.sms(SHARON, `GIVE 1 ${number(4)}`);
    expect(messages).toEqual([
      "Too many new numbers invited today; not invited: +447700900304. Try again tomorrow.",
    ]);
    expect(await invited(h)).toBe(2);
  });
});
