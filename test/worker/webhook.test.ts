// The Worker's HTTP surface inside workerd: health (a real query over HTTP), the signature check, and
// Twilio's retry of a webhook (same MessageSid) crediting once. Also pins what the other files rely on.
import { beforeAll, describe, expect, inject, test } from "vitest";
import { dayText } from "../../src/core/format.ts";
import { PUBLIC_URL } from "./constants.ts";
import { SIGNATURE_FIXTURE } from "./fixture.ts";
import { expectFreshDatabase, rows, SELF, sms, twilioSignature } from "./support.ts";

beforeAll(expectFreshDatabase);

describe("the Worker's webhooks on workerd", () => {
  test("GET /health runs a query on the database", async () => {
    const res = await SELF.fetch(`${PUBLIC_URL}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  test("the WebCrypto signer gives the official twilio library's signature", async () => {
    expect(await twilioSignature(`${PUBLIC_URL}/sms`, SIGNATURE_FIXTURE)).toBe(
      inject("twilioFixtureSignature"),
    );
  });

  test("a bad signature is refused with 403 and nothing is recorded", async () => {
    const good = await sms("+447700900102", "STUNDAS 2 staithe");
    expect(good.status).toBe(200);
    const before = await rows(
      "SELECT (SELECT COUNT(*) FROM inbound_messages) AS inbound, (SELECT COUNT(*) FROM ledger_entries) AS ledger",
    );
    for (const signature of [
      "",
      "not base64 at all!!",
      await twilioSignature(`${PUBLIC_URL}/sms`, { Body: "other" }),
    ]) {
      const res = await sms("+447700900102", "STUNDAS 5 staithe", { signature });
      expect(res).toMatchObject({ status: 403, messages: [] });
    }
    expect(
      await rows(
        "SELECT (SELECT COUNT(*) FROM inbound_messages) AS inbound, (SELECT COUNT(*) FROM ledger_entries) AS ledger",
      ),
    ).toEqual(before);
  });

  test("a retried MessageSid gets the same answer and credits once; the entry records its message", async () => {
    const sid = "SMretry0000000000000000000000001";
    const first = await sms("+447700900101", "LOG 2.5 staithe yesterday", { sid });
    const again = await sms("+447700900101", "LOG 2.5 staithe yesterday", { sid });
    expect(first.status).toBe(200);
    expect(first.contentType).toMatch(/^text\/xml/);
    expect(first.messages.join("\n")).toContain("Recorded: 2.5 h");
    expect(again).toEqual(first);
    expect(
      await rows(
        `SELECT l.minutes, i.external_id FROM ledger_entries l JOIN inbound_messages i ON i.id = l.inbound_id
         WHERE i.external_id = ?`,
        sid,
      ),
    ).toEqual([{ minutes: 150, external_id: sid }]);
  });

  test("days read the same in workerd as in the Node golden files", () => {
    expect(["en", "pl", "lv"].map((l) => dayText("2026-11-28", l as "en"))).toEqual([
      "Sat 28 Nov",
      "sob. 28 lis",
      "sestd. 28. nov.",
    ]);
    expect(["en", "pl", "lv"].map((l) => dayText("2026-11-27", l as "en"))).toEqual([
      "Fri 27 Nov",
      "pt. 27 lis",
      "piektd. 27. nov.",
    ]);
  });
});

describe("body limits on workerd", () => {
  test("a 3 MB POST to /sms and /telegram is refused with 413 and nothing is recorded", async () => {
    const before = await rows("SELECT COUNT(*) AS n FROM inbound_messages");
    const big = "Body=".concat("x".repeat(3 * 1024 * 1024));
    for (const [path, type] of [
      ["/sms", "application/x-www-form-urlencoded"],
      ["/telegram", "application/json"],
      ["/admin/login", "application/x-www-form-urlencoded"],
    ]) {
      const res = await SELF.fetch(`${PUBLIC_URL}${path}`, {
        method: "POST",
        headers: { "content-type": type as string, "x-twilio-signature": "x" },
        body: big,
      });
      expect(res.status, path).toBe(413);
    }
    expect(await rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual(before);
  });
});
