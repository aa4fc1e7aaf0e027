// The WebCrypto signature check, proven against signatures made by Twilio's official library.
import twilio from "twilio";
import { describe, expect, it } from "vitest";
import { urlCandidates, verifyTwilioSignature } from "../../../src/channels/sms/signature.ts";

// Verbatim copy of /work/shared/fixtures/twilio-inbound-sms.form.txt (Body "GODZINY 2,5 staithe wczoraj").
const FIXTURE_FORM =
  "ToCountry=GB&ToState=&SmsMessageSid=SM2f6c1c3e9f5b4a7c8d9e0f1a2b3c4d5e&NumMedia=0&ToCity=&FromZip=&SmsSid=SM2f6c1c3e9f5b4a7c8d9e0f1a2b3c4d5e&FromState=&SmsStatus=received&FromCity=&Body=GODZINY+2%2C5+staithe+wczoraj&FromCountry=GB&To=%2B447700900999&MessagingServiceSid=MG00000000000000000000000000000000&ToZip=&NumSegments=1&MessageSid=SM2f6c1c3e9f5b4a7c8d9e0f1a2b3c4d5e&AccountSid=AC00000000000000000000000000000000&From=%2B447700900102&ApiVersion=2010-04-01";

const TOKEN = "12345678901234567890123456789012";

function fixtureParams(body?: string): Record<string, string> {
  const params = Object.fromEntries(new URLSearchParams(FIXTURE_FORM));
  if (body !== undefined) params.Body = body;
  return params;
}

function without(params: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => key !== name));
}

const URLS = [
  "https://example.org/sms",
  "https://example.org/timecredits/sms",
  "http://127.0.0.1:8787/sms",
  "https://example.org/sms?scheme=wisbech&x=1",
  "https://example.org:8443/timecredits/sms?scheme=wisbech",
];

const BODIES = [
  undefined,
  "SALDO",
  "Zażółć gęślą jaźń — ŁÓDŹ",
  "Ģimenes bingo: šodien, ārā, ķēķis, ļoti, ņem, ūdens, žēl",
  "STUNDAS 1h30 staithe vakar 👍🏽🎉",
  "a&b=c+d%20e <x> \"q\" 'q'\nsecond line",
];

describe("verifyTwilioSignature", () => {
  it("fixture body parses to the expected Body", () => {
    expect(fixtureParams().Body).toBe("GODZINY 2,5 staithe wczoraj");
  });

  for (const url of URLS) {
    for (const body of BODIES) {
      it(`accepts the official signature for ${url} with body ${JSON.stringify(body ?? "fixture")}`, async () => {
        const params = fixtureParams(body);
        const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params);
        expect(twilio.validateRequest(TOKEN, signature, url, params)).toBe(true);
        expect(await verifyTwilioSignature(TOKEN, url, params, signature)).toBe(true);
      });
    }
  }

  it.each([
    ["https://example.org/sms", "https://example.org:443/sms"],
    ["https://example.org:443/sms", "https://example.org/sms"],
    ["http://example.org/sms?x=1", "http://example.org:80/sms?x=1"],
    ["http://example.org:80/sms", "http://example.org/sms"],
    // Like the library, any port in the checked URL may be dropped.
    ["https://example.org/sms", "https://example.org:8443/sms"],
  ])(
    "accepts a signature made for %s when checking %s (port added or removed)",
    async (signedUrl, checkedUrl) => {
      const params = fixtureParams();
      const signature = twilio.getExpectedTwilioSignature(TOKEN, signedUrl, params);
      expect(twilio.validateRequest(TOKEN, signature, checkedUrl, params)).toBe(true);
      expect(await verifyTwilioSignature(TOKEN, checkedUrl, params, signature)).toBe(true);
    },
  );

  it("matches the official library on repeated parameter names", async () => {
    const url = "https://example.org/sms";
    const params = {
      ...fixtureParams(),
      MediaUrl: ["https://b.example/2", "https://a.example/1", "https://a.example/1"],
    };
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params);
    expect(await verifyTwilioSignature(TOKEN, url, params, signature)).toBe(true);
  });

  describe("rejects", () => {
    const url = "https://example.org/timecredits/sms";
    const params = fixtureParams();
    const signature = twilio.getExpectedTwilioSignature(TOKEN, url, params);
    const signedFor8443 = twilio.getExpectedTwilioSignature(
      TOKEN,
      "https://example.org:8443/timecredits/sms",
      params,
    );

    it("(the official library rejects the same port mismatch)", () => {
      expect(twilio.validateRequest(TOKEN, signedFor8443, url, params)).toBe(false);
    });

    it.each<[string, () => Promise<boolean>]>([
      ["a wrong token", () => verifyTwilioSignature(`${TOKEN.slice(1)}x`, url, params, signature)],
      [
        "a tampered body",
        () => verifyTwilioSignature(TOKEN, url, { ...params, Body: "GODZINY 25 staithe" }, signature),
      ],
      ["an added parameter", () => verifyTwilioSignature(TOKEN, url, { ...params, Extra: "" }, signature)],
      ["a removed parameter", () => verifyTwilioSignature(TOKEN, url, without(params, "ToZip"), signature)],
      ["a wrong path", () => verifyTwilioSignature(TOKEN, "https://example.org/sms", params, signature)],
      [
        "a wrong host",
        () => verifyTwilioSignature(TOKEN, "https://example.com/timecredits/sms", params, signature),
      ],
      [
        "a wrong scheme",
        () => verifyTwilioSignature(TOKEN, "http://example.org/timecredits/sms", params, signature),
      ],
      ["a port the signed URL did not have", () => verifyTwilioSignature(TOKEN, url, params, signedFor8443)],
      ["an added query", () => verifyTwilioSignature(TOKEN, `${url}?x=1`, params, signature)],
      ["a missing signature", () => verifyTwilioSignature(TOKEN, url, params, undefined)],
      ["a null signature", () => verifyTwilioSignature(TOKEN, url, params, null)],
      ["an empty signature", () => verifyTwilioSignature(TOKEN, url, params, "")],
      ["a garbage signature", () => verifyTwilioSignature(TOKEN, url, params, "not base64 at all!!")],
      [
        "a signature off by one character",
        () => verifyTwilioSignature(TOKEN, url, params, `A${signature.slice(1)}`),
      ],
      ["a truncated signature", () => verifyTwilioSignature(TOKEN, url, params, signature.slice(0, -1))],
      ["an empty token", () => verifyTwilioSignature("", url, params, signature)],
    ])("%s", async (_name, check) => {
      expect(await check()).toBe(false);
    });
  });
});

describe("urlCandidates", () => {
  it.each([
    ["https://example.org/sms", ["https://example.org/sms", "https://example.org:443/sms"]],
    ["http://127.0.0.1:8787/sms", ["http://127.0.0.1/sms", "http://127.0.0.1:8787/sms"]],
    ["http://[::1]:8787/sms?a=b", ["http://[::1]/sms?a=b", "http://[::1]:8787/sms?a=b"]],
    [
      "https://user:pw@example.org/sms",
      ["https://user:pw@example.org/sms", "https://user:pw@example.org:443/sms"],
    ],
    ["/sms", ["/sms"]],
  ])("%s", (url, expected) => {
    expect(urlCandidates(url)).toEqual(expected);
  });
});
