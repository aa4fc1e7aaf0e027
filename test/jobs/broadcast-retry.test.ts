// A broadcast message whose sending failed is retried with the usual back-off, except that a retry
// never falls in quiet hours (21:00–09:00 scheme time): it waits for 09:00. Other messages (answers,
// partner requests) keep their back-off whatever the hour.
import { afterEach, describe, expect, test } from "vitest";
import { deliverDue, retryDelayMs } from "../../src/jobs/outbox.ts";
import { sendTime } from "../../src/jobs/quiet-hours.ts";
import { sql } from "../../src/store/db.ts";
import { queueMessage } from "../../src/store/outbox.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, type Harness } from "../support/harness.ts";

const SERVER_ERROR = { code: 20500, message: "Internal Server Error", status: 500 };
const SHARON = "+447700900101";
const KATE = "+447700900001";

let fake: FakeTwilio | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A harness at `now` with one broadcast message to Sharon and one ordinary message to Kate, both due. */
async function queued(now: string, timezone = "Europe/London"): Promise<Harness> {
  fake = await startFakeTwilio();
  const h = await createHarness({ now, env: { TWILIO_API_URL: fake.url, SCHEME_TIMEZONE: timezone } });
  const at = h.deps.now().toISOString();
  await h.db.batch(
    [
      sql(
        `INSERT INTO outbox (channel, address, body, next_attempt_at, created_at, broadcast_id)
         VALUES ('sms', ?, 'Carols on the green on Sunday!', ?, ?, 1)`,
        SHARON,
        at,
        at,
      ),
      queueMessage({ channel: "sms", address: KATE, body: "Sharon logged 2 h. Reply YES 417" }, h.deps.now()),
    ],
    "write",
  );
  return h;
}

const nextAttempts = (h: Harness) =>
  h.rows("SELECT address, status, attempts, next_attempt_at FROM outbox ORDER BY id");

describe("retrying a broadcast", () => {
  test("a back-off that lands in quiet hours waits for 09:00; an ordinary message keeps its back-off", async () => {
    // 20:59:45 in London: the 30-second back-off lands at 21:00:15.
    const h = await queued("2026-11-28T20:59:45.000Z");
    fake?.failNext(500, SERVER_ERROR, 2);
    expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 2 });
    expect(await nextAttempts(h)).toEqual([
      { address: SHARON, status: "pending", attempts: 1, next_attempt_at: "2026-11-29T09:00:00.000Z" },
      { address: KATE, status: "pending", attempts: 1, next_attempt_at: "2026-11-28T21:00:15.000Z" },
    ]);
    // Not sent at night, even when the job runs then; sent at 09:00.
    h.setNow("2026-11-29T03:00:00.000Z");
    expect(await deliverDue(h.deps)).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(fake?.calls.at(-1)?.to).toBe(KATE);
    h.setNow("2026-11-29T09:00:00.000Z");
    expect(await deliverDue(h.deps)).toEqual({ sent: 1, failed: 0, retrying: 0 });
    expect(fake?.calls.at(-1)?.to).toBe(SHARON);
  });

  test("in daytime the back-off is the usual one", async () => {
    const h = await queued("2026-11-28T12:00:00.000Z");
    fake?.failNext(500, SERVER_ERROR, 2);
    await deliverDue(h.deps);
    const due = new Date(Date.parse("2026-11-28T12:00:00.000Z") + retryDelayMs(1)).toISOString();
    expect((await nextAttempts(h)).map((r) => r.next_attempt_at)).toEqual([due, due]);
  });

  test("quiet hours are the scheme's: 20:59:45 in Riga is 18:59:45 UTC, and 09:00 there is 07:00 UTC", async () => {
    const h = await queued("2026-11-28T18:59:45.000Z", "Europe/Riga");
    fake?.failNext(500, SERVER_ERROR, 2);
    await deliverDue(h.deps);
    expect((await nextAttempts(h)).map((r) => r.next_attempt_at)).toEqual([
      "2026-11-29T07:00:00.000Z",
      "2026-11-28T19:00:15.000Z",
    ]);
  });

  test("sendTime: daytime is unchanged, evening waits for tomorrow's 09:00, small hours for today's", () => {
    const at = (iso: string) => sendTime(new Date(iso), "Europe/London").toISOString();
    expect(at("2026-11-28T20:59:59.000Z")).toBe("2026-11-28T20:59:59.000Z");
    expect(at("2026-11-28T21:00:00.000Z")).toBe("2026-11-29T09:00:00.000Z");
    expect(at("2026-11-29T08:59:59.000Z")).toBe("2026-11-29T09:00:00.000Z");
    // Summer time: 09:00 in London is 08:00 UTC.
    expect(at("2026-07-01T22:30:00.000Z")).toBe("2026-07-02T08:00:00.000Z");
  });
});
