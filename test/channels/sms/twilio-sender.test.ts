// Sending through the REST API, against a local fake Twilio: request shape and failure sorting.
import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type SendResult,
  sendSms,
  sendTwilio,
  type TwilioSettings,
} from "../../../src/channels/sms/twilio-sender.ts";
import { type FakeTwilio, startFakeTwilio } from "../../support/fake-twilio.ts";

// Same as /work/shared/fixtures/twilio-error-opted-out.json.
const OPTED_OUT = {
  code: 21610,
  message: "Attempt to send to unsubscribed recipient",
  more_info: "https://www.twilio.com/docs/errors/21610",
  status: 400,
};

const SID = "AC00000000000000000000000000000000";
const TOKEN = "s3cr3t-auth-token-0123456789abcdef";
const TO = "+447700900002";
const BODY = "Anna K: 2,5 h, wt. 24 lis. Odpowiedz TAK 482 albo NIE 482";

let fake: FakeTwilio;
let settings: TwilioSettings;

beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.calls.length = 0;
  settings = { apiUrl: fake.url, accountSid: SID, authToken: TOKEN, from: "+447700900999" };
});

function expectSafeError(result: SendResult): void {
  if (result.ok) throw new Error("expected a failure");
  for (const secret of [TOKEN, TO, TO.slice(1), "7700900002", BODY, "Odpowiedz"]) {
    expect(result.error).not.toContain(secret);
  }
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("sendSms", () => {
  it("sends with From and returns Twilio's message sid", async () => {
    const result = await sendSms(settings, TO, BODY);
    expect(result).toEqual({ ok: true, providerId: expect.stringMatching(/^SM[0-9a-f]{32}$/) });
    expect(fake.calls).toEqual([
      { to: TO, from: "+447700900999", body: BODY, auth: `Basic ${btoa(`${SID}:${TOKEN}`)}` },
    ]);
  });

  it("names the status callback, and sends a WhatsApp template as ContentSid and ContentVariables", async () => {
    const callback = "https://bot.example.org/sms/status";
    await sendSms({ ...settings, statusCallback: callback }, TO, BODY);
    const sid = `HX${"c".repeat(32)}`;
    await sendTwilio(
      { ...settings, statusCallback: callback },
      {
        to: `whatsapp:${TO}`,
        from: "whatsapp:+447700900998",
        body: BODY,
        contentSid: sid,
        contentVariables: { "1": "Anna" },
      },
    );
    expect(fake.calls.map(({ auth: _a, ...c }) => c)).toEqual([
      { to: TO, from: "+447700900999", body: BODY, statusCallback: callback },
      {
        to: `whatsapp:${TO}`,
        from: "whatsapp:+447700900998",
        body: "",
        contentSid: sid,
        contentVariables: '{"1":"Anna"}',
        statusCallback: callback,
      },
    ]);
  });

  it("sends with MessagingServiceSid when from is an MG… sid", async () => {
    const mg = "MG00000000000000000000000000000000";
    const result = await sendSms({ ...settings, from: mg }, TO, "Zażółć 👍");
    expect(result.ok).toBe(true);
    expect(fake.calls).toEqual([
      { to: TO, messagingServiceSid: mg, body: "Zażółć 👍", auth: expect.any(String) },
    ]);
  });

  it("gives each message its own sid, and tolerates a trailing slash in apiUrl", async () => {
    const first = await sendSms({ ...settings, apiUrl: `${fake.url}/` }, TO, "one");
    const second = await sendSms(settings, TO, "two");
    expect(first.ok && second.ok && first.providerId !== second.providerId).toBe(true);
  });

  it("reports 21610 as opted out and permanent", async () => {
    fake.failNext(400, OPTED_OUT);
    const result = await sendSms(settings, TO, BODY);
    expect(result).toEqual({
      ok: false,
      permanent: true,
      optedOut: true,
      error: expect.stringContaining("21610"),
    });
    expectSafeError(result);
  });

  it("reports other 4xx as permanent, and scrubs a number Twilio quotes back", async () => {
    fake.failNext(400, {
      code: 21211,
      message: `The 'To' number ${TO} is not a valid phone number.`,
      status: 400,
    });
    const result = await sendSms(settings, TO, BODY);
    expect(result).toMatchObject({ ok: false, permanent: true, optedOut: false });
    expect(result.ok || result.error).toContain("21211");
    expectSafeError(result);
  });

  it("reports a bad token (401) as permanent", async () => {
    fake.failNext(401, { code: 20003, message: "Authenticate", status: 401 });
    const result = await sendSms(settings, TO, BODY);
    expect(result).toMatchObject({ ok: false, permanent: true, optedOut: false });
    expectSafeError(result);
  });

  it.each([500, 502, 503, 429])("reports %i as retryable", async (status) => {
    fake.failNext(status, { code: 20500, message: "Internal Server Error", status });
    const result = await sendSms(settings, TO, BODY);
    expect(result).toMatchObject({ ok: false, permanent: false, optedOut: false });
    expect(result.ok || result.error).toContain(String(status));
    expectSafeError(result);
  });

  it("copes with a non-JSON error body", async () => {
    fake.failNext(502, "<html>Bad gateway</html>");
    const result = await sendSms(settings, TO, BODY);
    expect(result).toMatchObject({ ok: false, permanent: false });
  });

  it("fails over the given number of calls, then succeeds", async () => {
    fake.failNext(503, {}, 2);
    const results = [
      await sendSms(settings, TO, BODY),
      await sendSms(settings, TO, BODY),
      await sendSms(settings, TO, BODY),
    ];
    expect(results.map((r) => r.ok)).toEqual([false, false, true]);
    expect(fake.calls).toHaveLength(3);
  });

  it("reports an unreachable API as retryable", async () => {
    const port = await closedPort();
    const result = await sendSms({ ...settings, apiUrl: `http://127.0.0.1:${port}` }, TO, BODY);
    expect(result).toMatchObject({ ok: false, permanent: false, optedOut: false });
    expectSafeError(result);
  });

  it("passes a timeout signal and reports a timeout as retryable", async () => {
    let signal: AbortSignal | null | undefined;
    const timingOut: typeof fetch = async (_url, init) => {
      signal = init?.signal;
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    };
    const result = await sendSms(settings, TO, BODY, timingOut);
    expect(signal).toBeInstanceOf(AbortSignal);
    expect(result).toMatchObject({
      ok: false,
      permanent: false,
      error: expect.stringContaining("TimeoutError"),
    });
  });

  it("posts the documented form to the documented URL", async () => {
    let seen: { url: string; init: RequestInit | undefined } | undefined;
    const recording: typeof fetch = async (url, init) => {
      seen = { url: String(url), init };
      return new Response(JSON.stringify({ sid: "SMx" }), { status: 201 });
    };
    expect(await sendSms(settings, TO, BODY, recording)).toEqual({ ok: true, providerId: "SMx" });
    expect(seen?.url).toBe(`${fake.url}/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(seen?.init?.method).toBe("POST");
    const form = new URLSearchParams(String(seen?.init?.body));
    expect(Object.fromEntries(form)).toEqual({ To: TO, Body: BODY, From: "+447700900999" });
  });
});
