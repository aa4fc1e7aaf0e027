// Faults from the outside world: the database down (the webhook answers 503 and writes nothing, so
// Twilio's retry delivers it later), a crash between the write and the answer (the retried webhook
// finds its inbound record and repeats nothing), and Twilio failing (the outbox backs off, gives up,
// and the dashboard shows it). The database faults are injected around the real libSQL client.
import { LibsqlError } from "@libsql/client";
import type { Hono } from "hono";
import twilio from "twilio";
import { afterEach, describe, expect, test } from "vitest";
import { createApp } from "../../src/app.ts";
import { deliverDue, MAX_ATTEMPTS } from "../../src/jobs/outbox.ts";
import type { Db } from "../../src/store/db.ts";
import { Coordinator, loggedIn, textOf } from "../admin/support.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  createHarness,
  type Harness,
  PUBLIC_URL,
  SCHEME_NUMBER,
} from "../support/harness.ts";
import { inboundSmsForm } from "../support/twilio-form.ts";

const KATE = "+447700900001"; // contact at The Staithe: her LOG for Anna is confirmed at once
const ANNA = "+447700900100";
const LOG = "LOG 3 07700900100";
const SID = `SM${"f".repeat(32)}`;

/** What libSQL's remote client throws when the server cannot be reached. */
const serverDown = () => new LibsqlError("Server returned HTTP status 503", "SERVER_ERROR");

type Mode = "read" | "write" | "deferred" | undefined;

/**
 * The real client with a switchable fault: `down` fails every call, `failWrites` fails write
 * batches only, `crashAfterWrite` lets the next write batch commit and then throws, as if the
 * process died before answering.
 */
function faulty(db: Db) {
  const state = { down: false, failWrites: false, crashAfterWrite: false };
  const wrapped: Db = {
    async execute(stmt: Parameters<Db["execute"]>[0]) {
      if (state.down) throw serverDown();
      return db.execute(stmt);
    },
    async batch(stmts: Parameters<Db["batch"]>[0], mode?: Mode) {
      if (state.down || (state.failWrites && mode === "write")) throw serverDown();
      const result = await db.batch(stmts, mode);
      if (state.crashAfterWrite && mode === "write") {
        state.crashAfterWrite = false;
        throw serverDown();
      }
      return result;
    },
    async executeMultiple(text: string) {
      if (state.down) throw serverDown();
      return db.executeMultiple(text);
    },
  } as Db;
  return { db: wrapped, state };
}

/** A Twilio-signed SMS webhook to `app`, as Twilio sends it. */
async function sms(app: Hono, from: string, body: string, sid: string) {
  const params = inboundSmsForm({ from, body, sid, to: SCHEME_NUMBER, accountSid: ACCOUNT_SID });
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/sms`, params);
  const res = await app.request("/sms", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, text: await res.text() };
}

/** The number of rows in every table. */
async function tableCounts(h: Harness): Promise<Record<string, number>> {
  const tables = await h.rows(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await h.rows(`SELECT COUNT(*) AS n FROM "${String(name)}"`);
    counts[String(name)] = Number(row?.n);
  }
  return counts;
}

/** A whole dump of every table, to show that nothing changed, not only that the counts match. */
async function dump(h: Harness): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(await tableCounts(h))) out[name] = await h.rows(`SELECT * FROM "${name}"`);
  return JSON.stringify(out);
}

async function setup() {
  const h = await createHarness();
  const fault = faulty(h.db);
  const app = createApp({ ...h.deps, db: fault.db });
  return { h, fault, app };
}

const inbound = (h: Harness) => h.rows("SELECT id FROM inbound_messages WHERE external_id = ?", SID);
const ledger = (h: Harness) => h.rows("SELECT kind, status, minutes FROM ledger_entries");

describe("the database unavailable", () => {
  test("the webhook answers 503, and Twilio's retry is processed once", async () => {
    const { h, fault, app } = await setup();
    const before = await dump(h);
    fault.state.down = true;
    expect((await sms(app, KATE, LOG, SID)).status).toBe(503);
    await h.flush();
    expect(await dump(h)).toBe(before);
    expect(h.logs.some((l) => l.includes('"request.failed"'))).toBe(true);

    fault.state.down = false;
    const retried = await sms(app, KATE, LOG, SID);
    expect(retried.status).toBe(200);
    expect(retried.text).toContain("<Message>");
    const again = await sms(app, KATE, LOG, SID);
    expect(again).toEqual(retried);
    await h.flush();
    expect(await inbound(h)).toHaveLength(1);
    expect(await ledger(h)).toEqual([{ kind: "earning", status: "confirmed", minutes: 180 }]);
  });

  test("a failed write batch (reads pass) answers 503 and changes no row of any table", async () => {
    const { h, fault, app } = await setup();
    const counts = await tableCounts(h);
    const before = await dump(h);
    fault.state.failWrites = true;
    expect((await sms(app, KATE, LOG, SID)).status).toBe(503);
    await h.flush();
    expect(await tableCounts(h)).toEqual(counts);
    expect(await dump(h)).toBe(before);

    fault.state.failWrites = false;
    expect((await sms(app, KATE, LOG, SID)).status).toBe(200);
    expect((await sms(app, KATE, LOG, SID)).status).toBe(200);
    await h.flush();
    expect(await inbound(h)).toHaveLength(1);
    expect(await ledger(h)).toHaveLength(1);
  });
});

describe("a crash between writing and answering", () => {
  test("the retried webhook gets the stored answer and nothing happens twice", async () => {
    const { h, fault, app } = await setup();
    fault.state.crashAfterWrite = true;
    expect((await sms(app, KATE, LOG, SID)).status).toBe(503);
    expect(fault.state.crashAfterWrite).toBe(false);
    // The write had landed: the inbound record and its effect are there.
    expect(await inbound(h)).toHaveLength(1);
    expect(await ledger(h)).toHaveLength(1);
    const outbox = await h.rows("SELECT COUNT(*) AS n FROM outbox");

    const retried = await sms(app, KATE, LOG, SID);
    expect(retried.status).toBe(200);
    // The same answer a run without the crash gives.
    const control = await createHarness();
    const expected = await sms(control.app, KATE, LOG, SID);
    expect(expected.status).toBe(200);
    expect(retried.text).toBe(expected.text);
    expect(retried.text).toMatch(/Anna/);

    await h.flush();
    expect(await inbound(h)).toHaveLength(1);
    expect(await ledger(h)).toEqual([{ kind: "earning", status: "confirmed", minutes: 180 }]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM outbox")).toEqual(outbox);
  });
});

describe("Twilio failing", () => {
  let fake: FakeTwilio | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  test("the outbox backs off until it gives up; the dashboard shows it and can queue it again", async () => {
    fake = await startFakeTwilio();
    fake.failNext(500, { code: 20500, message: "Internal Server Error", status: 500 }, 1000);
    const { h } = await loggedIn({ env: { TWILIO_API_URL: fake.url } });
    expect((await h.sms(KATE, LOG)).status).toBe(200);
    await h.flush(); // the first attempt, made right after the answer
    const row = async () => {
      const [r] = await h.rows(
        "SELECT id, status, attempts, next_attempt_at, last_error, body FROM outbox WHERE address = ?",
        ANNA,
      );
      if (!r) throw new Error("no outbox row for Anna");
      return r;
    };
    let current = await row();
    expect(current).toMatchObject({ status: "pending", attempts: 1 });
    let gap = 0;
    for (let attempt = 2; attempt <= MAX_ATTEMPTS; attempt++) {
      const due = String(current.next_attempt_at);
      // Not before it is due.
      h.setNow(new Date(Date.parse(due) - 1000).toISOString());
      expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 0 });
      h.setNow(due);
      await deliverDue(h.deps);
      const next = await row();
      expect(next.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(next.status).toBe("pending");
        const newGap = Date.parse(String(next.next_attempt_at)) - Date.parse(due);
        expect(newGap).toBeGreaterThan(gap);
        gap = newGap;
      } else {
        expect(next.status).toBe("failed");
      }
      current = next;
    }
    expect(String(current.last_error)).toMatch(/Twilio HTTP 500/);
    const calls = fake.calls.filter((c) => c.to === ANNA);
    expect(calls).toHaveLength(MAX_ATTEMPTS);
    const body = String(current.body);
    expect(body.length).toBeGreaterThan(0);

    // The dashboard: logged in again at the current time (the session may have aged).
    const dashboard = new Coordinator(h);
    await dashboard.login();
    const page = await dashboard.get("/admin/outbox");
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(page.html).toContain('href="/admin/outbox"');
    expect(page.html).toContain(`data-outbox="${current.id}"`);
    expect(text).toContain("Twilio HTTP 500");
    expect(text).toContain("••••0100");
    expect(page.html).not.toContain(ANNA);
    expect(page.html).not.toContain(body);
    expect(page.html).not.toContain("Anna");

    // Without the CSRF token: refused, nothing changed.
    const refused = await dashboard.post(`/admin/outbox/${current.id}/retry`, {});
    expect(refused.status).toBe(403);
    expect((await row()).status).toBe("failed");

    const retried = await dashboard.submit("/admin/outbox", `/admin/outbox/${current.id}/retry`, {});
    expect(retried.status).toBe(303);
    expect(retried.location).toBe("/admin/outbox?notice=retried");
    const after = await row();
    expect(after).toMatchObject({
      status: "pending",
      attempts: MAX_ATTEMPTS,
      next_attempt_at: h.deps.now().toISOString(),
    });
    const audit = await h.rows("SELECT actor, action, subject FROM audit_log ORDER BY id DESC LIMIT 1");
    expect(audit).toEqual([
      { actor: "coordinator:Kim", action: "outbox.retry", subject: `outbox:${current.id}` },
    ]);

    // A second retry of the same message changes nothing.
    const twice = await dashboard.submit("/admin/outbox", `/admin/outbox/${current.id}/retry`, {});
    expect(twice.location).toBe("/admin/outbox?notice=gone");
    expect(await h.rows("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'outbox.retry'")).toEqual([
      { n: 1 },
    ]);
  });
});
