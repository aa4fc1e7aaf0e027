// SMS-pumping protection (security review F4, F12): texts go only to the scheme's allowed country
// codes (+44, +48, +371 unless the scheme says otherwise), never to premium-rate, personal or other
// costly number types, not even as a TwiML answer; a sender invites at most a set number of new
// numbers a day, and a number already invited is not texted again.
import twilio from "twilio";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { deliverDue } from "../../src/jobs/outbox.ts";
import { type OutboxMessage, queueMessage } from "../../src/store/outbox.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  createHarness,
  demoScheme,
  type Harness,
  PUBLIC_URL,
  SCHEME_NUMBER,
} from "../support/harness.ts";
import { inboundSmsForm } from "../support/twilio-form.ts";

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

/** A signed inbound SMS; the raw TwiML answer, so an empty `<Response/>` can be told from none. */
async function rawSms(h: Harness, from: string, body: string, sid: string) {
  const params = inboundSmsForm({ from, body, sid, to: SCHEME_NUMBER, accountSid: ACCOUNT_SID });
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/sms`, params);
  const res = await h.app.request("/sms", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, text: await res.text() };
}

describe("inbound SMS from outside the allowed countries", () => {
  const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

  test.each([
    ["+882351234567", "International Networks"],
    ["+2348031234567", "Nigeria"],
    ["+4790123456", "Norway"],
  ])("%s (%s) is recorded, answered with an empty Response, and never texted", async (from) => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    const sid = (n: number) => `SM${from.slice(1)}${n}`.padEnd(34, "0");
    for (const [n, body] of ["hi", "ENGLISH", "Mallory"].entries()) {
      expect(await rawSms(h, from, body, sid(n))).toEqual({ status: 200, text: EMPTY });
    }
    // A retried webhook is recognised: one record, the same empty answer.
    expect(await rawSms(h, from, "hi", sid(0))).toEqual({ status: 200, text: EMPTY });
    await h.flush();
    expect(await h.rows("SELECT address, body FROM inbound_messages ORDER BY id")).toEqual([
      { address: from, body: null },
      { address: from, body: null },
      { address: from, body: null },
    ]);
    expect(await h.rows("SELECT state FROM conversations")).toEqual([]);
    expect(await h.rows("SELECT id FROM members WHERE phone = ?", from)).toEqual([]);
    expect(await h.rows("SELECT id FROM outbox")).toEqual([]);
    expect(fake.calls).toEqual([]);
  });

  test("a sender in an allowed country is still answered", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    const answer = await rawSms(h, "+48601234567", "hi", `SM${"4".repeat(32)}`);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("<Message>");
  });

  test("the countries are the scheme's: +44 is not answered when only +1 is allowed", async () => {
    const scheme = demoScheme() as { scheme: Record<string, unknown> };
    scheme.scheme.settings = { allowedCountryCodes: ["1"] };
    const h = await createHarness({ now: START, scheme, env: { TWILIO_API_URL: fake.url } });
    expect(await rawSms(h, SHARON, "BALANCE", `SM${"5".repeat(32)}`)).toEqual({ status: 200, text: EMPTY });
    expect((await rawSms(h, "+12025550123", "hi", `SM${"6".repeat(32)}`)).text).toContain("<Message>");
  });
});

describe("number types that cost the scheme", () => {
  const PREMIUM_GB = "+449098790000"; // 09: premium rate
  const PERSONAL_GB = "+447000123456"; // 070: personal number, a known pumping range
  const PREMIUM_PL = "+48700123456"; // 70x: premium rate

  test("a contact's LOG for premium and personal numbers is refused, and nobody is texted", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    const { messages } = await h.sms(DAVE, `LOG 1 ${PREMIUM_GB} ${PERSONAL_GB} ${PREMIUM_PL}`);
    expect(messages.join("\n")).toBe(
      [
        `${PREMIUM_GB} is a premium-rate number; we only text mobiles.`,
        `${PERSONAL_GB} is a personal forwarding number; we only text mobiles.`,
        `${PREMIUM_PL} is a premium-rate number; we only text mobiles.`,
      ].join("\n"),
    );
    await h.flush();
    expect(fake.calls).toEqual([]);
    expect(await h.rows("SELECT id FROM members WHERE source = 'invited'")).toEqual([]);
    expect(await h.rows("SELECT id FROM ledger_entries")).toEqual([]);
    expect(await h.rows("SELECT id FROM outbox")).toEqual([]);
  });

  test("a LOG naming a refused number and a member logs the member and says why not the other", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    const { messages } = await h.sms(DAVE, `LOG 2 ${SHARON} 0909 879 0000 litter picking`);
    const text = messages.join("\n");
    expect(text).toContain("Sharon");
    expect(text).toContain(`${PREMIUM_GB} is a premium-rate number; we only text mobiles.`);
    await h.flush();
    expect(fake.calls.map((c) => c.to)).toEqual([SHARON]);
  });

  test("the refusal is in the contact's language", async () => {
    // Marek (The Staithe) writes in Polish.
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    const { messages } = await h.sms("+447700900002", `GODZINY 1 ${PREMIUM_PL}`);
    expect(messages.join("\n")).toBe(
      `${PREMIUM_PL} to numer o podwyższonej opłacie; piszemy tylko na komórki.`,
    );
  });

  test("GIVE to a premium number is refused before it is asked about", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    await h.sms(DAVE, `LOG 3 ${SHARON} litter picking`);
    const { messages } = await h.sms(SHARON, "GIVE 1 09098790000");
    expect(messages.join("\n")).toMatch(
      new RegExp(`\n\\${PREMIUM_GB} is a premium-rate number; we only text mobiles.$`),
    );
    // A YES now has no gift to confirm.
    await h.sms(SHARON, "YES");
    await h.flush();
    expect(fake.calls.map((c) => c.to)).toEqual([SHARON]);
    expect(await h.rows("SELECT id FROM ledger_entries WHERE kind = 'gift'")).toEqual([]);
  });

  test("GIVE to a number in a country the scheme does not text is refused", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    await h.sms(DAVE, `LOG 3 ${SHARON} litter picking`);
    await h.sms(SHARON, "BALANCE");
    const { messages } = await h.sms(SHARON, "GIVE 1 +2348031234567");
    expect(messages).toEqual(["+2348031234567 is in a country we don't text."]);
  });

  test("the outbox refuses them too, as a last defence, without naming the number", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    await queue(h, sms(PREMIUM_GB), sms(PERSONAL_GB), sms(PREMIUM_PL), sms("+48391234567"), sms(SHARON));
    expect(await deliverDue(h.deps)).toEqual({ sent: 1, failed: 4, retrying: 0 });
    expect(await outbox(h)).toEqual([
      { address: PREMIUM_GB, status: "failed", last_error: "number type not texted: premium" },
      { address: PERSONAL_GB, status: "failed", last_error: "number type not texted: personal" },
      { address: PREMIUM_PL, status: "failed", last_error: "number type not texted: premium" },
      { address: "+48391234567", status: "failed", last_error: "number type not texted: voip" },
      { address: SHARON, status: "sent", last_error: null },
    ]);
    expect(fake.calls.map((c) => c.to)).toEqual([SHARON]);
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

describe("a number invited before", () => {
  test("a second GIVE to it is not a second invitation (F12)", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    const stranger = "+447700900377";
    await h.sms(DAVE, `LOG 3 ${SHARON} litter picking`);
    for (const amount of [1, 0.5, 0.25]) {
      await h.sms(SHARON, `GIVE ${amount} 07700900377`);
      expect((await h.sms(SHARON, "YES")).messages.join("\n")).toContain(`Invited ${stranger}`);
    }
    await h.flush();
    expect(fake.calls.filter((c) => c.to === stranger)).toHaveLength(1);
    const gifts = await h.rows(
      "SELECT minutes FROM ledger_entries WHERE kind = 'gift' AND member_id = (SELECT id FROM members WHERE phone = ?) ORDER BY id",
      SHARON,
    );
    expect(gifts).toHaveLength(3);
  });

  test("nor is a GIVE to a number a partner invited", async () => {
    const h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
    const stranger = "+447700900378";
    await h.sms(DAVE, `LOG 3 ${SHARON} 07700900378 litter picking`);
    await h.sms(SHARON, "GIVE 1 07700900378");
    await h.sms(SHARON, "YES");
    await h.flush();
    expect(fake.calls.filter((c) => c.to === stranger)).toHaveLength(1);
  });
});
