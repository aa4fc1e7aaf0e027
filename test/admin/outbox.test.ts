// The outbox page and its JSON API with WhatsApp: Twilio's delivery report on each listed message, and
// the messages for WhatsApp that went by SMS, with the reason — from real sends through the fake
// Twilio REST API and signed status callbacks; never a message's text.
import twilio from "twilio";
import { describe, expect, onTestFinished, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { AUTH_TOKEN, type Harness, PUBLIC_URL } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { ADMIN_TOKEN, loggedIn, textOf } from "./support.ts";

const SHARON = "+447700900101"; // member, English
const ANNA = "+447700900100"; // member, Polish
const SUE = "+447700900003"; // Oasis contact
const WA_FROM = "whatsapp:+447700900998";

/** Twilio's status callback for message `sid`, signed as Twilio signs it. */
async function status(h: Harness, sid: string, values: Record<string, string>) {
  const params = { MessageSid: sid, SmsSid: sid, AccountSid: `AC${"0".repeat(32)}`, ...values };
  const res = await h.app.request("/sms/status", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/sms/status`, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  expect(res.ok).toBe(true);
}

/** A row of the page's table, by its data-outbox id, as a reader sees it. */
const row = (html: string, id: unknown) =>
  textOf(new RegExp(`<tr data-outbox="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "");

/** Both members write on WhatsApp at noon; Sue confirms Sharon's 2 h at once, Anna's 1 h two days later. */
async function setup() {
  const fake: FakeTwilio = await startFakeTwilio();
  onTestFinished(() => fake.close());
  const ctx = await loggedIn({ env: { TWILIO_API_URL: fake.url, TWILIO_WHATSAPP_FROM: WA_FROM } });
  const { h } = ctx;
  await h.sms(`whatsapp:${SHARON}`, "LOG 2 oasis");
  await h.sms(SUE, `YES ${await latestCode(h, "oasis")()}`);
  await h.sms(`whatsapp:${ANNA}`, "GODZINY 1 oasis");
  await h.flush();
  h.setNow("2026-11-30T12:00:00Z");
  await h.sms(SUE, `YES ${await latestCode(h, "oasis")()}`);
  await h.flush();
  // The dashboard session from before has expired by now.
  expect((await ctx.coordinator.login()).status).toBe(303);
  const confirmed = (phone: string) =>
    h.rows(
      `SELECT id, channel, status, transport, provider_id, fallback, body FROM outbox
       WHERE address = ? AND status = 'sent' ORDER BY id DESC LIMIT 1`,
      phone,
    );
  const [sharon] = await confirmed(SHARON);
  const [anna] = await confirmed(ANNA);
  return { ...ctx, fake, sharon, anna };
}

describe("outbox with WhatsApp", () => {
  test("a message for WhatsApp outside the 24-hour window without a template goes by SMS, and the page says why", async () => {
    const { h, coordinator, fake, sharon, anna } = await setup();
    // Within her window, Sharon's news went on WhatsApp; Anna wrote two days ago, and there is no template.
    expect(sharon).toMatchObject({ channel: "whatsapp", transport: "twilio-whatsapp", fallback: null });
    expect(anna).toMatchObject({
      channel: "whatsapp",
      transport: "twilio-sms",
      fallback: expect.stringMatching(/^no WhatsApp template for .+ \(pl\) outside the 24-hour window$/),
    });
    expect(fake.calls.filter((c) => c.to === ANNA).map((c) => c.from)).not.toContain(WA_FROM);

    const page = await coordinator.get("/admin/outbox");
    const text = textOf(page.html);
    expect(text).toContain("Sent by SMS instead of WhatsApp in the last 30 days");
    expect(row(page.html, anna?.id)).toBe(`30 Nov 2026, 12:00 ••••0100 ${anna?.fallback}`);
    expect(page.html).not.toContain(`data-outbox="${sharon?.id}"`);
    expect(text).not.toContain(String(anna?.body).slice(0, 20));
    expect(textOf((await coordinator.get("/admin/outbox?lang=pl")).html)).toContain(
      "Wysłane SMS-em, a nie przez WhatsAppa, w ostatnich 30 dniach",
    );
    // A month later it is no longer listed.
    h.setNow("2027-01-05T12:00:00Z");
    await coordinator.login();
    expect(textOf((await coordinator.get("/admin/outbox?lang=en")).html)).toContain(
      "None: every message for WhatsApp went by WhatsApp.",
    );
  });

  test("Twilio's delivery reports are shown: delivered, and an SMS not delivered listed as failed with its fallback", async () => {
    const { h, coordinator, sharon, anna } = await setup();
    await status(h, String(sharon?.provider_id), { MessageStatus: "delivered", ChannelPrefix: "whatsapp" });
    await status(h, String(anna?.provider_id), { MessageStatus: "sent" });
    let page = await coordinator.get("/admin/outbox");
    expect(row(page.html, anna?.id)).toBe(`30 Nov 2026, 12:00 ••••0100 ${anna?.fallback} on its way`);

    // The carrier could not deliver Anna's SMS: it failed for good, the reason it went by SMS kept.
    await status(h, String(anna?.provider_id), { MessageStatus: "undelivered", ErrorCode: "30003" });
    expect(
      await h.rows("SELECT status, delivery, delivery_error FROM outbox WHERE id = ?", Number(anna?.id)),
    ).toEqual([{ status: "failed", delivery: "undelivered", delivery_error: 30003 }]);
    page = await coordinator.get("/admin/outbox");
    expect(row(page.html, anna?.id)).toMatch(
      /^30 Nov 2026, 12:00 WhatsApp ••••0100 1 Twilio undelivered 30003 By SMS instead of WhatsApp: no WhatsApp template .+ not delivered \(30003\) failed Retry now$/,
    );
    expect(textOf((await coordinator.get("/admin/outbox?lang=lv")).html)).toContain("nav piegādāta (30003)");

    // The JSON API lists the same, with the report as Twilio gave it.
    const res = await h.app.request("/admin/api/outbox", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const body = (await res.json()) as { messages: unknown[]; fallbacks: unknown[] };
    expect(body.messages).toEqual([
      expect.objectContaining({
        id: anna?.id,
        status: "failed",
        channel: "whatsapp",
        transport: "twilio-sms",
        delivery: "undelivered",
        deliveryError: 30003,
        fallback: anna?.fallback,
        lastError: "Twilio undelivered 30003",
      }),
    ]);
    expect(body.fallbacks).toEqual([]);
    expect(JSON.stringify(body)).not.toContain(String(anna?.body).slice(0, 20));
    // Sharon's delivered WhatsApp message is no problem: her member page shows the report.
    const [member] = await h.rows("SELECT id FROM members WHERE phone = ?", SHARON);
    expect(textOf((await coordinator.get(`/admin/members/${member?.id}?lang=en`)).html)).toMatch(
      /WhatsApp · sent · delivered/,
    );
  });

  test("a message being sent again after a WhatsApp failure shows the report and why it now goes by SMS", async () => {
    const { h, coordinator } = await setup();
    // As delivery-status.ts leaves a row after 63003 (not a WhatsApp number), before the SMS goes out.
    await h.db.execute(
      `INSERT INTO outbox (channel, address, body, status, attempts, next_attempt_at, created_at, last_error,
         transport, delivery, delivery_error, fallback)
       VALUES ('sms', '${SHARON}', 'Lunch on Friday', 'pending', 1, '2026-12-01T12:00:00Z', '2026-11-30T11:00:00Z',
         'Twilio undelivered 63003', 'twilio-whatsapp', 'undelivered', 63003, 'not a WhatsApp number (63003)')`,
    );
    const [retrying] = await h.rows("SELECT id FROM outbox WHERE body = 'Lunch on Friday'");
    const page = await coordinator.get("/admin/outbox");
    expect(row(page.html, retrying?.id)).toBe(
      "30 Nov 2026, 11:00 SMS ••••0101 1 Twilio undelivered 63003 By SMS instead of WhatsApp: not a WhatsApp number (63003) not delivered (63003) 1 Dec 2026, 12:00",
    );
  });
});
