// What is kept of people who never joined (security review F11): a number that texts, gives a name and
// never agrees loses its conversation a day after the question expired, and the address on its
// messages once the rate limit no longer needs it. Members' and contacts' conversations are theirs.
// Failed messages lose their texts after the retention period like sent ones.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { tick } from "../../src/jobs/tick.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness } from "../support/harness.ts";

const ROBERTA = "+447700900667"; // never agrees to join
const ANNA = "+447700900100"; // member
const DAY = 86_400_000;

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

describe("before consent", () => {
  test("a never-consented number's conversation is gone a day after the question expired", async () => {
    const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
    for (const text of ["Hello", "1", "Roberta"]) await h.sms(ROBERTA, text);
    await h.sms(ANNA, "LOG"); // a member's own half-finished question
    const conversation = () =>
      h.rows("SELECT state, data, expires_at FROM conversations WHERE address = ?", `sms:${ROBERTA}`);
    const [asked] = await conversation();
    expect(String(asked?.data)).toContain("Roberta");
    const expires = Date.parse(String(asked?.expires_at));
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages WHERE address = ?", ROBERTA)).toEqual([
      { n: 3 },
    ]);

    h.setNow(new Date(expires + DAY - 60_000).toISOString());
    await tick(h.deps);
    expect(await conversation()).toHaveLength(1);

    h.setNow(new Date(expires + DAY + 60_000).toISOString());
    await tick(h.deps);
    expect(await conversation()).toEqual([]);
    expect(JSON.stringify(await h.rows("SELECT * FROM conversations"))).not.toContain("Roberta");
    // Anna's conversation is a member's: kept.
    expect(await h.rows("SELECT address FROM conversations WHERE address = ?", `sms:${ANNA}`)).toHaveLength(
      1,
    );
    // Her messages' rows stay (a redelivery is still recognised) but no longer say who sent them.
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages WHERE address = ?", ROBERTA)).toEqual([
      { n: 0 },
    ]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages WHERE member_id IS NULL")).toEqual([
      { n: 3 },
    ]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages WHERE address = ?", ANNA)).toEqual([
      { n: 1 },
    ]);

    // If she writes again she simply starts afresh.
    const again = await h.sms(ROBERTA, "Hello");
    expect(again.status).toBe(200);
    expect(again.messages.join("\n")).not.toContain("Roberta");
  });

  test("a sender's address is kept as long as the rate limit needs it, a day", async () => {
    const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
    await h.sms(ROBERTA, "Hello");
    h.setNow("2026-11-29T11:59:00Z");
    await tick(h.deps);
    expect(await h.rows("SELECT address FROM inbound_messages")).toEqual([{ address: ROBERTA }]);
    h.setNow("2026-11-29T12:01:00Z");
    await tick(h.deps);
    expect(await h.rows("SELECT address FROM inbound_messages")).toEqual([{ address: null }]);
  });
});

describe("failed messages", () => {
  test("lose their texts after the retention period, like sent ones", async () => {
    const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
    fake.failNext(400, { code: 21211, message: "Invalid 'To' Phone Number", status: 400 }, 2);
    await h.sms(ANNA, "GODZINY 2 staithe");
    await h.flush();
    const first = await h.rows("SELECT id, body FROM outbox WHERE status = 'failed' ORDER BY id");
    expect(first.length).toBeGreaterThan(0);
    expect(first.every((r) => String(r.body).includes("Anna"))).toBe(true);
    const ids = first.map((r) => Number(r.id));
    const now = () =>
      h.rows(
        "SELECT id, body FROM outbox WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
        JSON.stringify(ids),
      );
    h.setNow("2027-02-25T12:00:00Z"); // 89 days later
    await tick(h.deps);
    expect(await now()).toEqual(first);
    h.setNow("2027-02-27T13:00:00Z"); // past 90 days
    await tick(h.deps);
    expect(await now()).toEqual(first.map((r) => ({ id: r.id, body: "" })));
  });
});
