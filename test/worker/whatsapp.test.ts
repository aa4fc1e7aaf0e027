// One WhatsApp transcript on the Worker build inside workerd: a Latvian member asks on WhatsApp, logs
// hours, the partner's contact confirms with a quick-reply button on WhatsApp, and the member's news
// goes back to WhatsApp through the Twilio REST API (inside the 24-hour window: a plain text).
import { beforeAll, describe, expect, test } from "vitest";
import { PUBLIC_URL } from "./constants.ts";
import {
  expectFreshDatabase,
  outboxDrained,
  rows,
  SELF,
  twilioCalls,
  twilioSignature,
  webhookParams,
} from "./support.ts";

beforeAll(expectFreshDatabase);

const JANIS = "+447700900102";
const KATE = "+447700900001";

async function whatsapp(from: string, body: string, extra: Record<string, string> = {}) {
  const params = {
    ...webhookParams(`whatsapp:${from}`, body),
    To: "whatsapp:+447700900998",
    ProfileName: "X",
    ...extra,
  };
  const url = `${PUBLIC_URL}/sms`;
  const res = await SELF.fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": await twilioSignature(url, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, text: await res.text() };
}

describe("WhatsApp on Workers", () => {
  test("ask, log, confirm by button, and the news comes back on WhatsApp", async () => {
    const balance = await whatsapp(JANIS, "cik man ir kredītu?");
    expect(balance.status).toBe(200);
    expect(balance.text).toMatch(/<Message>[^<]*kredīt/);
    const logged = await whatsapp(JANIS, "STUNDAS 2 staithe");
    expect(logged.text).toContain("The Staithe");
    await outboxDrained();
    const [entry] = await rows("SELECT code FROM ledger_entries WHERE status = 'pending' ORDER BY id DESC");
    const code = String(entry?.code);
    // Kate has not written on WhatsApp: her request went by SMS.
    expect(twilioCalls.some((c) => c.to === KATE && c.body.includes(code))).toBe(true);
    const pressed = await whatsapp(KATE, "YES", {
      ButtonText: "YES",
      ButtonPayload: `c:${code}:y`,
      MessageType: "button",
    });
    expect(pressed.status).toBe(200);
    await outboxDrained();
    expect(await rows("SELECT status FROM ledger_entries WHERE code = ?", code)).toEqual([
      { status: "confirmed" },
    ]);
    const news = twilioCalls.find((c) => c.to === `whatsapp:${JANIS}`);
    expect(news?.from).toBe("whatsapp:+447700900998");
    expect(news?.body).toMatch(/The Staithe/);
    const [member] = await rows("SELECT last_channel, whatsapp_state FROM members WHERE phone = ?", JANIS);
    expect(member).toEqual({ last_channel: "whatsapp", whatsapp_state: "ok" });
  });
});
