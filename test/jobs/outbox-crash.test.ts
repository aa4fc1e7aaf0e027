// After a crash: rows a dead deliverer had claimed are sent at the next start-up (Node) or the next
// Cron run once stale (Workers), not when their five-minute lease runs out. Delivery stays at least
// once: the message in flight when the process died goes again, and nothing else does.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { deliverDue, releaseStaleLeases, STALE_LEASE_MS } from "../../src/jobs/outbox.ts";
import { tick } from "../../src/jobs/tick.ts";
import { queueMessage } from "../../src/store/outbox.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { ACCOUNT_SID, AUTH_TOKEN, createHarness, type Harness, SCHEME_NUMBER } from "../support/harness.ts";
import { startNode } from "../support/node-server.ts";

const COUNT = 20;
const START = "2026-12-02T12:00:00.000Z";
const numbers = Array.from({ length: COUNT }, (_, i) => `+4477009006${String(i).padStart(2, "0")}`);

let fake: FakeTwilio;
let h: Harness;
let dbUrl: string;
beforeEach(async () => {
  fake = await startFakeTwilio();
  dbUrl = `file:${join(mkdtempSync(join(tmpdir(), "tc-crash-")), "db.sqlite")}`;
  h = await createHarness({ now: START, env: { TWILIO_API_URL: fake.url }, dbUrl });
  await h.db.batch(
    numbers.map((address, i) =>
      queueMessage({ channel: "sms", address, body: `Message ${i}` }, new Date(START)),
    ),
    "write",
  );
});
afterEach(async () => {
  await fake.close();
});

/** A deliverer that dies after its sixth request has reached Twilio, before it can mark the row sent. */
function dyingFetch(): typeof fetch {
  let calls = 0;
  return async (input, init) => {
    const answer = await fetch(input, init);
    if (++calls >= 6) return new Promise<Response>(() => undefined);
    return answer;
  };
}

const sentTo = () => fake.calls.map((c) => c.to);

describe("outbox after a crash", () => {
  test("the start-up sweep sends what the dead process held at once; only the one in flight goes twice", async () => {
    void deliverDue({ ...h.deps, fetch: dyingFetch() });
    await expect.poll(() => fake.calls.length).toBe(6);
    // Without the sweep, a new deliverer leaves the leased rows alone for five minutes.
    h.setNow("2026-12-02T12:00:05.000Z");
    expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 0 });
    // Restart: the sweep, then the first delivery, within seconds.
    expect(await releaseStaleLeases(h.deps, h.deps.now())).toBe(COUNT - 5);
    expect(await deliverDue(h.deps)).toMatchObject({ sent: COUNT - 5 });
    expect(new Set(sentTo())).toEqual(new Set(numbers));
    const twice = numbers.filter((n) => sentTo().filter((t) => t === n).length > 1);
    expect(twice).toEqual([numbers[5]]);
    console.log(`duplicate rate after a kill: ${twice.length}/${COUNT} (${(100 * twice.length) / COUNT} %)`);
    expect(await h.rows("SELECT COUNT(*) AS n FROM outbox WHERE status != 'sent'")).toEqual([{ n: 0 }]);
  });

  test("the Workers Cron run releases only stale leases", async () => {
    void deliverDue({ ...h.deps, fetch: dyingFetch() });
    await expect.poll(() => fake.calls.length).toBe(6);
    // 30 s later a live deliverer could still be at work: nothing is released.
    h.setNow("2026-12-02T12:00:30.000Z");
    await tick(h.deps, { staleLeaseMs: STALE_LEASE_MS });
    expect(fake.calls).toHaveLength(6);
    h.setNow("2026-12-02T12:01:30.000Z");
    await tick(h.deps, { staleLeaseMs: STALE_LEASE_MS });
    expect(new Set(sentTo())).toEqual(new Set(numbers));
  });

  test("npm start after a kill: the dead process's messages are sent within 10 s", async () => {
    // The real clock, as the child process has it: the lease runs five minutes past now.
    h.setNow(new Date().toISOString());
    void deliverDue({ ...h.deps, fetch: dyingFetch() });
    await expect.poll(() => fake.calls.length).toBe(6);
    const started = Date.now();
    const node = await startNode(
      {
        TWILIO_ACCOUNT_SID: ACCOUNT_SID,
        TWILIO_AUTH_TOKEN: AUTH_TOKEN,
        TWILIO_FROM: SCHEME_NUMBER,
        TWILIO_API_URL: fake.url,
      },
      { databaseUrl: dbUrl },
    );
    try {
      await expect.poll(() => new Set(sentTo()).size, { timeout: 10_000 }).toBe(COUNT);
      console.log(
        `sent ${COUNT - 5} left by the dead process ${Date.now() - started} ms after the restart began`,
      );
    } finally {
      await node.stop();
    }
  });
});
