// Fifty bookings at the same moment on a database FILE: the capacity of an event and a member's
// balance are checked inside the write, so racing writers can neither overbook nor overdraw.
// (a) through the real app: 50 members each asked "Reply YES or NO", then 50 YES at once, every read
// made before any write; (b) the guarded hold statements themselves, 50 at once against one member's
// 5 credits, first on 50 client connections in this thread, then on 50 worker threads that really
// do run their transactions in parallel.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Effect } from "../../src/core/engine-types.ts";
import { type InStatement, tuneFileDb } from "../../src/store/db.ts";
import { memberRef } from "../../src/store/identity.ts";
import { spendStatements } from "../../src/store/spend-write.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { readTogether } from "../support/read-together.ts";

const DAVE = "+447700900006"; // Adventure Playground: his LOG for members is confirmed at once
const RACERS = 50;
const CAPACITY = 20;
const tmp = mkdtempSync(join(tmpdir(), "timecredits-race-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

/** +447700900200 … +447700900249 */
const phoneOf = (i: number) => `+4477009002${String(i).padStart(2, "0")}`;

/** The demo scheme with 50 more members (registered, so no joining) and room for 20 at the bingo. */
function crowdedScheme(): unknown {
  const scheme = demoScheme() as {
    events: Array<{ id: string; capacity: number }>;
    members: Array<{ name: string; phone: string; locale: string }>;
  };
  for (const e of scheme.events) if (e.id === "bingo-dec") e.capacity = CAPACITY;
  for (let i = 0; i < RACERS; i++)
    scheme.members.push({ name: `Racer ${i}`, phone: phoneOf(i), locale: "en" });
  return scheme;
}

async function fileHarness(name: string): Promise<Harness & { url: string }> {
  const url = `file:${join(tmp, `${name}.db`)}`;
  const h = await createHarness({ dbUrl: url, scheme: crowdedScheme(), env: { TWILIO_API_URL: fake.url } });
  // As the Node server opens a file: WAL, and writers wait for one another rather than fail.
  await tuneFileDb(h.db);
  return { ...h, url };
}

async function count(h: Harness, sqlText: string, ...args: string[]): Promise<number> {
  return Number((await h.rows(sqlText, ...args))[0]?.n);
}

/** Spendable minutes of one member: confirmed entries plus held debits. */
async function spendable(h: Harness, phone: string): Promise<number> {
  const [row] = await h.rows(
    `SELECT COALESCE(SUM(l.minutes), 0) AS minutes FROM ledger_entries l JOIN members m ON m.id = l.member_id
     WHERE m.phone = ? AND (l.status = 'confirmed' OR (l.status = 'held' AND l.minutes < 0))`,
    phone,
  );
  return Number(row?.minutes);
}

describe("50 members confirm a booking at the same moment, 20 places", () => {
  test("exactly 20 are booked and hold credits, the other 30 are told it is full, the event is not over capacity", async () => {
    const h = await fileHarness("fifty-yes");
    // Fund everyone: 10 numbers to a line, confirmed at once.
    for (let i = 0; i < RACERS; i += 10) {
      const numbers = Array.from({ length: 10 }, (_, j) => phoneOf(i + j)).join(" ");
      const { messages } = await h.sms(DAVE, `LOG 3 ${numbers}`);
      expect(messages.join("\n")).toContain("for 10 people");
    }
    // Each gets as far as the question, for one place at the bingo.
    for (let i = 0; i < RACERS; i++) {
      const phone = phoneOf(i);
      expect((await h.sms(phone, "EVENTS")).messages.join("\n")).toContain("1 Family bingo, Fri 4 Dec 18:00");
      expect((await h.sms(phone, "1")).messages).toEqual([
        "How many places at Family bingo? Each costs 1 credit.",
      ]);
      expect((await h.sms(phone, "1")).messages).toEqual([
        "Book Family bingo, places: 1, for 1 credit? Reply YES or NO.",
      ]);
    }
    expect(await count(h, "SELECT COUNT(*) AS n FROM conversations WHERE state = 'spend.confirm'")).toBe(
      RACERS,
    );

    const race = readTogether(h, RACERS);
    const answers = await Promise.all(Array.from({ length: RACERS }, (_, i) => h.sms(phoneOf(i), "YES")));
    await h.flush();

    // Every one of the 50 read before anyone wrote; those who lost read again.
    expect(race.reads).toBeGreaterThanOrEqual(RACERS + (RACERS - CAPACITY));
    expect(answers.map((a) => a.status)).toEqual(Array(RACERS).fill(200));
    const texts = answers.map((a) => a.messages.join("\n"));
    const booked = texts.filter((t) =>
      /^Booked Family bingo, Fri 4 Dec 18:00, places: 1\. Code \d{4}/.test(t),
    );
    const full = texts.filter((t) => t.startsWith("Family bingo is full.\nHow about:\n"));
    expect(booked).toHaveLength(CAPACITY);
    expect(full).toHaveLength(RACERS - CAPACITY);

    expect(
      await count(h, "SELECT COUNT(*) AS n FROM bookings WHERE event_id = 'bingo-dec' AND status = 'held'"),
    ).toBe(CAPACITY);
    expect(await count(h, "SELECT COUNT(*) AS n FROM bookings")).toBe(CAPACITY);
    expect(
      await h.rows(
        `SELECT e.capacity, (SELECT SUM(places) FROM bookings b WHERE b.event_id = e.id AND b.status IN ('held', 'redeemed')) AS taken
         FROM events e WHERE e.id = 'bingo-dec'`,
      ),
    ).toEqual([{ capacity: CAPACITY, taken: CAPACITY }]);
    expect(
      await h.rows(
        "SELECT status, minutes, COUNT(*) AS n FROM ledger_entries WHERE kind = 'spend' GROUP BY status, minutes",
      ),
    ).toEqual([{ status: "held", minutes: -60, n: CAPACITY }]);
    // Every code is different, each hold belongs to its booking, and the ones who booked are the ones told so.
    expect(await count(h, "SELECT COUNT(DISTINCT code) AS n FROM bookings")).toBe(CAPACITY);
    expect(
      await count(
        h,
        "SELECT COUNT(*) AS n FROM bookings b JOIN ledger_entries l ON l.booking_id = b.id AND l.member_id = b.member_id",
      ),
    ).toBe(CAPACITY);
    const holders = await h.rows(
      "SELECT m.phone FROM bookings b JOIN members m ON m.id = b.member_id ORDER BY m.phone",
    );
    const told = answers.flatMap((a, i) => (a.messages.join("\n").startsWith("Booked") ? [phoneOf(i)] : []));
    expect(holders.map((r) => r.phone)).toEqual(told.sort());
    for (let i = 0; i < RACERS; i++) {
      expect(await spendable(h, phoneOf(i))).toBe(told.includes(phoneOf(i)) ? 120 : 180);
    }
    // Nobody is left with a half-finished question.
    expect(await count(h, "SELECT COUNT(*) AS n FROM conversations WHERE state <> 'idle'")).toBe(0);
  });
});

describe("50 holds against one member's 5 credits at the same moment", () => {
  /** Fifty one-credit holds for the gym (an offer: no capacity, only the balance limits them). */
  function holdStatements(phone: string): InStatement[][] {
    return Array.from({ length: RACERS }, (_, i) => {
      const hold: Extract<Effect, { type: "hold" }> = {
        type: "hold",
        code: String(7000 + i),
        partnerId: "leisure",
        item: { kind: "offer", id: "gym", capacity: null, startsAt: null },
        places: 1,
        minutes: 60,
      };
      return spendStatements(hold, memberRef("sms", phone), [], "2026-11-28T12:00:00.000Z");
    });
  }

  async function funded(name: string): Promise<Harness & { url: string; phone: string }> {
    const h = await fileHarness(name);
    const phone = phoneOf(0);
    await h.sms(DAVE, `LOG 5 ${phone}`);
    expect(await spendable(h, phone)).toBe(300);
    return { ...h, phone };
  }

  async function expectFiveHolds(h: Harness, phone: string, outcomes: Array<"ok" | string>) {
    expect(outcomes.filter((o) => o === "ok")).toHaveLength(5);
    // Every other write was refused by its guard, not by a locked database.
    for (const o of outcomes.filter((x) => x !== "ok")) expect(o).toMatch(/CHECK constraint failed/);
    expect(await spendable(h, phone)).toBe(0);
    expect(await h.rows("SELECT status, COUNT(*) AS n FROM bookings GROUP BY status")).toEqual([
      { status: "held", n: 5 },
    ]);
    expect(
      await h.rows(
        "SELECT kind, status, minutes, COUNT(*) AS n FROM ledger_entries WHERE kind = 'spend' GROUP BY kind, status, minutes",
      ),
    ).toEqual([{ kind: "spend", status: "held", minutes: -60, n: 5 }]);
    // No booking was written without its hold.
    expect(
      await count(
        h,
        "SELECT COUNT(*) AS n FROM bookings b WHERE NOT EXISTS (SELECT 1 FROM ledger_entries l WHERE l.booking_id = b.id)",
      ),
    ).toBe(0);
  }

  test("on 50 client connections to the file: exactly 5 one-credit holds succeed, the balance never goes negative", async () => {
    const h = await funded("one-balance-clients");
    const batches = holdStatements(h.phone);
    const clients = batches.map(() => createClient({ url: h.url, intMode: "number" }));
    try {
      for (const c of clients) await c.execute("PRAGMA busy_timeout = 5000");
      const outcomes = await Promise.all(
        batches.map((statements, i) =>
          (clients[i] ?? createClient({ url: h.url })).batch(statements, "write").then(
            () => "ok" as const,
            (e: unknown) => String((e as Error).message),
          ),
        ),
      );
      await expectFiveHolds(h, h.phone, outcomes);
    } finally {
      for (const c of clients) c.close();
    }
  });

  test("on 50 worker threads whose transactions really overlap: still exactly 5", async () => {
    const h = await funded("one-balance-threads");
    const batches = holdStatements(h.phone);
    const entry = createRequire(import.meta.url).resolve("@libsql/client");
    // Every worker opens its connection, then waits at the barrier until all 50 are ready.
    const barrier = new Int32Array(new SharedArrayBuffer(8));
    const code = `
      const { workerData, parentPort } = require("node:worker_threads");
      const { createClient } = require(workerData.entry);
      (async () => {
        const db = createClient({ url: workerData.url, intMode: "number" });
        await db.execute("PRAGMA busy_timeout = 10000");
        const ready = Atomics.add(workerData.barrier, 0, 1) + 1;
        if (ready === workerData.total) { Atomics.store(workerData.barrier, 1, 1); Atomics.notify(workerData.barrier, 1); }
        else Atomics.wait(workerData.barrier, 1, 0);
        try {
          await db.batch(workerData.statements, "write");
          parentPort.postMessage("ok");
        } catch (error) {
          parentPort.postMessage(String(error && error.message));
        } finally {
          db.close();
        }
      })();
    `;
    const outcomes = await Promise.all(
      batches.map(
        (statements) =>
          new Promise<string>((resolve) => {
            const worker = new Worker(code, {
              eval: true,
              workerData: { entry, url: h.url, statements, barrier, total: RACERS },
            });
            worker.once("message", (m: string) => {
              resolve(m);
              void worker.terminate();
            });
            worker.once("error", (e) => resolve(`worker error: ${e.message}`));
          }),
      ),
    );
    await expectFiveHolds(h, h.phone, outcomes);
  }, 60_000);
});
