// The outbox against a fake Twilio on 127.0.0.1: each queued message is claimed, sent once, and marked
// sent or failed; transient failures back off and retry, permanent ones stop; nothing personal is logged.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { deliverDue, MAX_ATTEMPTS, retryDelayMs } from "../../src/jobs/outbox.ts";
import { type OutboxMessage, queueMessage } from "../../src/store/outbox.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { ACCOUNT_SID, createHarness, type Harness, SCHEME_NUMBER } from "../support/harness.ts";

const START = "2026-11-28T12:00:00.000Z";
const KATE = "+447700900001";
const BODY = "Sharon logged 2 h at The Staithe on Sat 28 Nov. Reply YES 417 or NO 417";
const OPTED_OUT = JSON.parse(
  readFileSync(new URL("../fixtures/wire/twilio-error-opted-out.json", import.meta.url), "utf8"),
) as unknown;
const SERVER_ERROR = { code: 20500, message: "Internal Server Error", status: 500 };

let fake: FakeTwilio;
let h: Harness;

// A fresh fake per test, so scripted failures cannot leak from one test into the next.
beforeEach(async () => {
  fake = await startFakeTwilio();
  h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url } });
});
afterEach(() => fake.close());

async function queue(h: Harness, ...messages: OutboxMessage[]): Promise<void> {
  await h.db.batch(
    messages.map((m) => queueMessage(m, h.deps.now())),
    "write",
  );
}

const toKate = (body = BODY): OutboxMessage => ({ channel: "sms", address: KATE, body });

async function outbox(h: Harness) {
  return h.rows(
    "SELECT status, attempts, next_attempt_at, last_error, provider_id, transport, sent_at FROM outbox ORDER BY id",
  );
}

function later(ms: number): string {
  return new Date(Date.parse(START) + ms).toISOString();
}

describe("outbox delivery", () => {
  test("a due message is sent once with the account's basic auth and marked sent", async () => {
    await queue(h, toKate());
    expect(await deliverDue(h.deps)).toEqual({ sent: 1, failed: 0, retrying: 0 });

    expect(fake.calls).toHaveLength(1);
    const call = fake.calls[0];
    expect(call).toMatchObject({ to: KATE, from: SCHEME_NUMBER, body: BODY });
    expect(call?.messagingServiceSid).toBeUndefined();
    const [user] = Buffer.from(call?.auth.replace(/^Basic /, "") ?? "", "base64")
      .toString("utf8")
      .split(":");
    expect(user).toBe(ACCOUNT_SID);

    const [row] = await outbox(h);
    expect(row).toMatchObject({
      status: "sent",
      attempts: 1,
      transport: "twilio",
      last_error: null,
      sent_at: START,
    });
    expect(String(row?.provider_id)).toMatch(/^SM[0-9a-f]{32}$/);

    // Nothing is due any more: a second run sends nothing.
    expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(fake.calls).toHaveLength(1);
  });

  test("a Messaging Service SID as TWILIO_FROM is sent as MessagingServiceSid, not From", async () => {
    const service = `MG${"a1".repeat(16)}`;
    const hs = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url, TWILIO_FROM: service } });
    await queue(hs, toKate());
    await deliverDue(hs.deps);
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.messagingServiceSid).toBe(service);
    expect(fake.calls[0]?.from).toBeUndefined();
    expect((await outbox(hs))[0]).toMatchObject({ status: "sent", transport: "twilio" });
  });

  test("a 500 leaves the message pending with a back-off; once the clock passes it, it is sent", async () => {
    await queue(h, toKate());
    fake.failNext(500, SERVER_ERROR);
    expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 1 });

    const [row] = await outbox(h);
    expect(row).toMatchObject({ status: "pending", attempts: 1, transport: "twilio", sent_at: null });
    expect(row?.next_attempt_at).toBe(later(retryDelayMs(1)));
    expect(String(row?.last_error)).toContain("500");

    // Not yet due: one second before the back-off ends nothing is tried.
    h.setNow(later(retryDelayMs(1) - 1000));
    await deliverDue(h.deps);
    expect(fake.calls).toHaveLength(1);

    h.setNow(later(retryDelayMs(1)));
    expect(await deliverDue(h.deps)).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(fake.calls).toHaveLength(2);
    expect((await outbox(h))[0]).toMatchObject({ status: "sent", attempts: 2, last_error: null });
  });

  test("an unreachable Twilio is a transient failure: the message waits for the next try", async () => {
    const closed = await startFakeTwilio();
    await closed.close(); // its port now refuses connections
    const down = await createHarness({ now: START, env: { TWILIO_API_URL: closed.url } });
    await queue(down, toKate());
    expect(await deliverDue(down.deps)).toEqual({ sent: 0, failed: 0, retrying: 1 });
    const [row] = await outbox(down);
    expect(row).toMatchObject({ status: "pending", attempts: 1, next_attempt_at: later(retryDelayMs(1)) });
    expect(String(row?.last_error)).toContain("unreachable");
  });

  test("21610 (recipient opted out) fails at once, and the error names the code but not the number or body", async () => {
    await queue(h, toKate());
    fake.failNext(400, OPTED_OUT);
    expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 1, retrying: 0 });

    const [row] = await outbox(h);
    expect(row).toMatchObject({ status: "failed", attempts: 1, transport: "twilio" });
    const error = String(row?.last_error);
    expect(error).toContain("21610");
    for (const secret of [KATE, KATE.slice(1), "7700900001", BODY, "Reply YES"])
      expect(error).not.toContain(secret);

    // A failed message is never tried again, however much later.
    h.setNow(later(7 * 24 * 3600_000));
    await deliverDue(h.deps);
    expect(fake.calls).toHaveLength(1);
  });

  test("a Twilio error that quotes the number is stored without it", async () => {
    await queue(h, toKate());
    fake.failNext(400, {
      code: 21211,
      message: `The 'To' number ${KATE} is not a valid phone number.`,
      status: 400,
    });
    await deliverDue(h.deps);
    const [row] = await outbox(h);
    expect(row?.status).toBe("failed");
    expect(String(row?.last_error)).toContain("21211");
    expect(String(row?.last_error)).not.toContain("7700900001");
  });

  test(`after ${MAX_ATTEMPTS} transient failures the message is given up as failed`, async () => {
    await queue(h, toKate());
    fake.failNext(503, SERVER_ERROR, MAX_ATTEMPTS);
    let clock = Date.parse(START);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      h.setNow(new Date(clock).toISOString());
      const counts = await deliverDue(h.deps);
      const expected = attempt < MAX_ATTEMPTS ? { retrying: 1, failed: 0 } : { retrying: 0, failed: 1 };
      expect({ attempt, ...counts }).toEqual({ attempt, sent: 0, ...expected });
      clock += retryDelayMs(attempt);
    }
    expect(fake.calls).toHaveLength(MAX_ATTEMPTS);
    expect((await outbox(h))[0]).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });

    h.setNow(new Date(clock + 86_400_000).toISOString());
    await deliverDue(h.deps);
    expect(fake.calls).toHaveLength(MAX_ATTEMPTS);
  });

  test("two deliverers running at once send each message exactly once", async () => {
    const bodies = ["one", "two", "three", "four", "five", "six"].map((w) => `message ${w}`);
    await queue(h, ...bodies.map((b) => toKate(b)));
    const [a, b] = await Promise.all([deliverDue(h.deps), deliverDue(h.deps)]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(bodies.length);
    expect(fake.calls.map((c) => c.body).sort()).toEqual([...bodies].sort());
    const rows = await outbox(h);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(bodies.map(() => ["sent", 1]));
  });

  test("`limit` caps one run; the rest wait for the next", async () => {
    await queue(h, toKate("a"), toKate("b"), toKate("c"));
    expect(await deliverDue(h.deps, 2)).toMatchObject({ sent: 2 });
    expect(fake.calls.map((c) => c.body)).toEqual(["a", "b"]);
    expect(await deliverDue(h.deps, 2)).toMatchObject({ sent: 1 });
    expect(fake.calls.map((c) => c.body)).toEqual(["a", "b", "c"]);
  });

  test("with no Twilio settings messages go to the simulator's view, marked sent with transport sim", async () => {
    const off = await createHarness({
      now: START,
      env: { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "", TWILIO_FROM: "", TWILIO_API_URL: fake.url },
    });
    expect(off.deps.config.twilio).toEqual({ missing: "TWILIO_ACCOUNT_SID" });
    await queue(off, toKate());
    expect(await deliverDue(off.deps)).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(fake.calls).toHaveLength(0);
    expect((await outbox(off))[0]).toMatchObject({ status: "sent", transport: "sim", provider_id: "" });
  });

  test("the logs never hold the phone number or the body, whatever happened", async () => {
    await queue(h, toKate(), toKate(`${BODY} (2)`), toKate(`${BODY} (3)`));
    fake.failNext(400, OPTED_OUT);
    fake.failNext(500, SERVER_ERROR);
    fake.failNext(400, {
      code: 21211,
      message: `The 'To' number ${KATE} is not a valid phone number.`,
      status: 400,
    });
    await deliverDue(h.deps);
    expect(h.logs.length).toBeGreaterThan(0);
    const logs = h.logs.join("\n");
    for (const secret of [KATE, KATE.slice(1), "7700900001", "Sharon logged", "Reply YES"]) {
      expect(logs).not.toContain(secret);
    }
  });

  test("a log's confirmation request reaches the partner's contacts through Twilio after the answer", async () => {
    const sharon = "+447700900101";
    const { messages } = await h.sms(sharon, "LOG 2 staithe");
    expect(messages.join("\n")).toContain("Recorded: 2 h at The Staithe");
    await h.flush();

    const byNumber = Object.fromEntries(fake.calls.map((c) => [c.to, c.body]));
    expect(Object.keys(byNumber).sort()).toEqual([KATE, "+447700900002"]); // Kate (en) and Marek (pl)
    expect(byNumber[KATE]).toMatch(/^Sharon: 2 h at The Staithe.*Reply YES \d+ or NO \d+$/);
    expect(byNumber["+447700900002"]).toMatch(/TAK \d+/);
    const rows = await h.rows("SELECT status, transport, inbound_id FROM outbox");
    expect(rows).toEqual([
      { status: "sent", transport: "twilio", inbound_id: 1 },
      { status: "sent", transport: "twilio", inbound_id: 1 },
    ]);
    const logs = h.logs.join("\n");
    for (const secret of [sharon, "7700900101", KATE, "7700900001", "Reply YES", "LOG 2"]) {
      expect(logs).not.toContain(secret);
    }
  });
});
