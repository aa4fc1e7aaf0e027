// The members' board in the tick, with the clock moved: a post ending within three days is reminded
// once (in its poster's language, whole days left, at least 1); a post whose time is up ends and its
// poster is told; a renewed post (later end, reminded_at cleared) is neither ended nor reminded again
// until its new end comes near; quiet hours hold the messages; a post closed meanwhile is left alone.
import { afterEach, describe, expect, test } from "vitest";
import { DEFAULT_SETTINGS } from "../../src/core/engine-types.ts";
import { postJobs } from "../../src/jobs/posts.ts";
import { tick } from "../../src/jobs/tick.ts";
import type { Db } from "../../src/store/db.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { insertPost } from "../support/posts.ts";

const SHARON = "+447700900101"; // English
const ANNA = "+447700900100"; // Polish
const JANIS = "+447700900102"; // Latvian

let twilio: FakeTwilio | undefined;
afterEach(async () => {
  await twilio?.close();
  twilio = undefined;
});

async function harness(now = "2026-11-28T12:00:00.000Z"): Promise<Harness> {
  twilio = await startFakeTwilio();
  return createHarness({ now, env: { TWILIO_API_URL: twilio.url } });
}

/** What was sent since the last call, as [to, body]. */
function sentSince() {
  let seen = 0;
  return () => {
    const calls = twilio?.calls ?? [];
    const fresh = calls.slice(seen).map((c) => [c.to, c.body]);
    seen = calls.length;
    return fresh;
  };
}

const post = async (h: Harness, code: string) =>
  (await h.rows("SELECT status, expires_at, reminded_at, closed_at FROM posts WHERE code = ?", code))[0];

describe("reminders", () => {
  test("each post ending within three days is reminded once, in its poster's language", async () => {
    const h = await harness();
    const sent = sentSince();
    // 1 day 22 hours left: "1 day"; exactly 3 days: "3 days"; 7 days: not yet.
    await insertPost(h, { phone: ANNA, code: "P501", expiresAt: "2026-11-30T10:00:00.000Z" });
    await insertPost(h, { phone: SHARON, code: "P502", expiresAt: "2026-12-01T12:00:00.000Z" });
    await insertPost(h, { phone: JANIS, code: "P503", expiresAt: "2026-12-05T12:00:00.000Z" });
    // Waiting for approval, and closed: not the job's.
    await insertPost(h, {
      phone: JANIS,
      code: "P504",
      status: "waiting",
      expiresAt: "2026-11-29T12:00:00.000Z",
    });
    await insertPost(h, {
      phone: SHARON,
      code: "P505",
      status: "closed",
      expiresAt: "2026-11-20T12:00:00.000Z",
    });

    expect(await tick(h.deps)).toMatchObject({ postsReminded: 2, postsEnded: 0 });
    expect(sent()).toEqual([
      [ANNA, "Ogłoszenie P501 wygaśnie za 1 dzień. ODNÓW P501 je zostawi."],
      [SHARON, "Your post P502 ends in 3 days. RENEW P502 keeps it up."],
    ]);
    expect((await post(h, "P501"))?.reminded_at).toBe("2026-11-28T12:00:00.000Z");
    expect(await post(h, "P503")).toMatchObject({ status: "open", reminded_at: null });
    expect(await post(h, "P504")).toMatchObject({ status: "waiting", reminded_at: null });

    // Once: an hour later nothing more; four days on, Jānis's turn (last day: "1 dienas").
    h.setNow("2026-11-28T13:00:00.000Z");
    expect(await tick(h.deps)).toMatchObject({ postsReminded: 0 });
    expect(sent()).toEqual([]);
    h.setNow("2026-12-04T19:00:00.000Z");
    const report = await tick(h.deps);
    expect(report).toMatchObject({ postsReminded: 1, postsEnded: 2 });
    expect(sent()).toContainEqual([
      JANIS,
      "Sludinājums P503 beigsies pēc 1 dienas. ATJAUNOT P503 to paturēs.",
    ]);
  });

  test("nothing is reminded in quiet hours; a post that ends at night is taken down, its poster told at 09:00", async () => {
    const h = await harness("2026-11-28T22:30:00.000Z");
    const sent = sentSince();
    await insertPost(h, { phone: SHARON, code: "P511", expiresAt: "2026-11-30T12:00:00.000Z" });
    await insertPost(h, { phone: ANNA, code: "P512", expiresAt: "2026-11-28T22:00:00.000Z" });
    expect(await tick(h.deps)).toMatchObject({ postsReminded: 0, postsEnded: 1 });
    expect(sent()).toEqual([]);
    expect(await post(h, "P511")).toMatchObject({ reminded_at: null });
    expect(await post(h, "P512")).toMatchObject({ status: "expired", closed_at: "2026-11-28T22:30:00.000Z" });
    expect(await h.rows("SELECT address, next_attempt_at FROM outbox")).toEqual([
      { address: ANNA, next_attempt_at: "2026-11-29T09:00:00.000Z" },
    ]);
    h.setNow("2026-11-29T03:00:00.000Z");
    await tick(h.deps);
    expect(sent()).toEqual([]);
    h.setNow("2026-11-29T09:00:00.000Z");
    expect(await tick(h.deps)).toMatchObject({ postsReminded: 1, postsEnded: 0 });
    expect(sent()).toEqual([
      [ANNA, "Ogłoszenie P512 wygasło. Nowe możesz dodać w każdej chwili."],
      [SHARON, "Your post P511 ends in 1 day. RENEW P511 keeps it up."],
    ]);
  });
});

describe("expiry", () => {
  test("an open post past its end is taken down and its poster told, once; an opted-out poster is not told", async () => {
    const h = await harness();
    const sent = sentSince();
    await insertPost(h, { phone: SHARON, code: "P521", expiresAt: "2026-12-01T12:00:00.000Z" });
    await insertPost(h, { phone: JANIS, code: "P522", expiresAt: "2026-12-01T12:00:00.000Z" });
    await h.db.execute({ sql: "UPDATE members SET opted_out = 1 WHERE phone = ?", args: [JANIS] });
    await tick(h.deps);
    expect(sent()).toEqual([[SHARON, "Your post P521 ends in 3 days. RENEW P521 keeps it up."]]);
    expect((await post(h, "P522"))?.reminded_at).toBe("2026-11-28T12:00:00.000Z");

    h.setNow("2026-12-01T12:05:00.000Z");
    expect(await tick(h.deps)).toMatchObject({ postsEnded: 2, postsReminded: 0 });
    expect(sent()).toEqual([[SHARON, "Your post P521 has ended. You can post again any time."]]);
    expect(await post(h, "P521")).toEqual({
      status: "expired",
      expires_at: "2026-12-01T12:00:00.000Z",
      reminded_at: "2026-11-28T12:00:00.000Z",
      closed_at: "2026-12-01T12:05:00.000Z",
    });
    expect(await h.rows("SELECT approved_by FROM posts WHERE code = 'P521'")).toEqual([
      { approved_by: "coordinator:Kim" },
    ]);
    h.setNow("2026-12-01T13:00:00.000Z");
    expect(await tick(h.deps)).toMatchObject({ postsEnded: 0 });
    expect(sent()).toEqual([]);
  });

  test("a renewed post (end moved on, reminded_at cleared) is not ended, and is reminded again near its new end", async () => {
    const h = await harness();
    const sent = sentSince();
    await insertPost(h, { phone: SHARON, code: "P531", expiresAt: "2026-11-30T12:00:00.000Z" });
    await tick(h.deps);
    expect(sent()).toEqual([[SHARON, "Your post P531 ends in 2 days. RENEW P531 keeps it up."]]);
    // RENEW P531 on the 29th, as the renewPost writer does it: 30 days from then, reminder cleared.
    await h.db.execute(
      "UPDATE posts SET expires_at = '2026-12-29T10:00:00.000Z', reminded_at = NULL WHERE code = 'P531'",
    );
    h.setNow("2026-11-30T12:30:00.000Z");
    expect(await tick(h.deps)).toMatchObject({ postsEnded: 0, postsReminded: 0 });
    expect(await post(h, "P531")).toMatchObject({ status: "open", reminded_at: null, closed_at: null });
    expect(sent()).toEqual([]);
    h.setNow("2026-12-26T12:00:00.000Z");
    expect(await tick(h.deps)).toMatchObject({ postsReminded: 1 });
    expect(sent()).toEqual([[SHARON, "Your post P531 ends in 2 days. RENEW P531 keeps it up."]]);
  });

  test("a post closed or renewed between the job's read and its write is left alone; the others are written", async () => {
    const h = await harness("2026-12-01T12:00:00.000Z");
    await insertPost(h, { phone: SHARON, code: "P541", expiresAt: "2026-12-01T11:00:00.000Z" });
    await insertPost(h, { phone: ANNA, code: "P542", expiresAt: "2026-12-01T11:00:00.000Z" });
    await insertPost(h, { phone: JANIS, code: "P543", expiresAt: "2026-12-02T11:00:00.000Z" });
    let raced = false;
    // The posters act while the job is deciding: Sharon closes P541, Jānis renews P543.
    const db: Db = {
      execute: (s) => h.db.execute(s),
      executeMultiple: (s) => h.db.executeMultiple(s),
      batch: async (statements, mode) => {
        if (mode === "write" && !raced) {
          raced = true;
          await h.db.execute("UPDATE posts SET status = 'closed', closed_at = 'now' WHERE code = 'P541'");
          await h.db.execute("UPDATE posts SET expires_at = '2026-12-31T11:00:00.000Z' WHERE code = 'P543'");
        }
        return h.db.batch(statements, mode);
      },
    };
    const render = () => [];
    const report = await postJobs(
      { ...h.deps, db },
      { now: h.deps.now(), settings: DEFAULT_SETTINGS, render },
    );
    expect(report).toEqual({ ended: 1, reminded: 0 });
    expect(await h.rows("SELECT code, status, reminded_at FROM posts ORDER BY code")).toEqual([
      { code: "P541", status: "closed", reminded_at: null },
      { code: "P542", status: "expired", reminded_at: null },
      { code: "P543", status: "open", reminded_at: null },
    ]);
  });
});
