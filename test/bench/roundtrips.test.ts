// The round-trip budget, message by message: handling one inbound message costs at most one read
// round trip (a read batch) and one write round trip (a write batch), on every main path and on both
// channels; a retried MessageSid or update_id costs the read only. Outbox delivery is not part of the
// handling: it starts as the answer goes (runner.ts hands deliverDue to deps.later), and its trips
// (`UPDATE outbox …`) are left out of the count.
import { beforeEach, describe, expect, test } from "vitest";
import { pickCode } from "../../src/core/requests.ts";
import { type CountingDb, countingDb, squeeze, type Trip } from "../support/counting-db.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import {
  BOT_TOKEN,
  callbackUpdate,
  postUpdate,
  type TgUser,
  textUpdate,
  WEBHOOK_SECRET,
} from "../support/telegram.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian; Telegram 2002
const KATE = "+447700900001"; // The Staithe, English; Telegram 1001
const DAVE = "+447700900006"; // Adventure Playground: his LOG for members is confirmed at once
const JANIS_TG: TgUser = { id: 2002, first_name: "Jānis", language_code: "lv" };
const KATE_TG: TgUser = { id: 1001, first_name: "Kate", language_code: "en" };

let h: Harness;
let db: CountingDb;

beforeEach(async () => {
  h = await createHarness({
    env: {
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_ROOT: "http://127.0.0.1:9",
    },
    // Delivery fails at once: nothing listens, and nothing here is about delivery.
    fetch: async () => new Response("{}", { status: 500 }),
  });
  db = countingDb(h.db);
  h.deps.db = db;
});

/** A trip of the outbox delivery, which runs after the answer and is not the message's handling. */
function isDelivery(t: Trip): boolean {
  return t.sql.some((s) => /^\s*UPDATE outbox\b/i.test(s));
}

function describeTrips(trips: readonly Trip[]): string {
  return trips
    .map(
      (t, i) =>
        `  ${i + 1}. ${t.kind}${t.error ? ` (failed: ${t.error})` : ""}\n${t.sql
          .map((s) => `       ${squeeze(s).slice(0, 140)}`)
          .join("\n")}`,
    )
    .join("\n");
}

/** The round trips of handling one message: what `send` cost, delivery left out. */
async function handling<T>(send: () => Promise<T>): Promise<{ result: T; reads: number; writes: number }> {
  await h.flush();
  db.reset();
  const result = await send();
  const trips = db.trips.filter((t) => !isDelivery(t));
  await h.flush();
  const reads = trips.filter((t) => t.kind === "read").length;
  const writes = trips.filter((t) => t.kind === "write").length;
  const other = trips.length - reads - writes;
  const where = `round trips:\n${describeTrips(trips)}`;
  expect(other, `only read and write batches\n${where}`).toBe(0);
  expect(reads, `one read batch\n${where}`).toBe(1);
  expect(writes, `at most one write batch\n${where}`).toBeLessThanOrEqual(1);
  return { result, reads, writes };
}

/** An SMS that must cost exactly one read and one write; returns its reply. */
async function sms(from: string, body: string, sid?: string): Promise<string> {
  const { result, writes } = await handling(() => h.sms(from, body, sid ? { sid } : {}));
  expect(result.status).toBe(200);
  expect(writes, `"${body}" from ${from} is recorded in one write batch`).toBe(1);
  return result.messages.join("\n");
}

async function telegram(update: ReturnType<typeof textUpdate>): Promise<{ writes: number }> {
  const { result, writes } = await handling(() => postUpdate(h, update));
  expect(result.status).toBe(200);
  return { writes };
}

/** The code of the newest open request at a partner. */
async function openCode(partner: string): Promise<string> {
  const [row] = await h.rows(
    "SELECT code FROM ledger_entries WHERE partner_id = ? AND status = 'pending' ORDER BY id DESC LIMIT 1",
    partner,
  );
  return String(row?.code);
}

describe("one read and one write round trip per SMS", () => {
  test("balance", async () => {
    expect(await sms(ANNA, "SALDO")).toMatch(/Masz 0 kredyt/);
    expect(await sms(ANNA, "SALDO")).toMatch(/Masz 0 kredyt/);
  });

  test("one-line log", async () => {
    expect(await sms(SHARON, "LOG 2 staithe")).toMatch(/Recorded: 2 h/);
  });

  test("step-by-step log, each step", async () => {
    expect(await sms(SHARON, "LOG")).toMatch(/Where did you volunteer/);
    expect(await sms(SHARON, "1")).toMatch(/How many hours/);
    expect(await sms(SHARON, "2")).toMatch(/What did you do/);
    expect(await sms(SHARON, "SKIP")).toMatch(/Which day/);
    expect(await sms(SHARON, "1")).toMatch(/Recorded: 2 h at The Staithe/);
  });

  test("partner YES on a fresh code, and a bulk LOG for members", async () => {
    await sms(SHARON, "LOG 2 staithe");
    const code = await openCode("staithe");
    expect(await sms(KATE, `YES ${code}`)).toMatch(new RegExp(`Confirmed ${code}`));
    expect(await sms(DAVE, `LOG 3 ${ANNA} ${SHARON}`)).toMatch(/for 2 people/);
  });

  test("event booking, each step", async () => {
    await sms(DAVE, `LOG 3 ${SHARON}`);
    expect(await sms(SHARON, "EVENTS")).toMatch(/1 Family bingo/);
    expect(await sms(SHARON, "1")).toMatch(/How many places/);
    expect(await sms(SHARON, "1")).toMatch(/Book Family bingo, places: 1/);
    expect(await sms(SHARON, "YES")).toMatch(/Booked Family bingo/);
    expect(await h.rows("SELECT status FROM bookings")).toEqual([{ status: "held" }]);
  });

  test("a gift, each step", async () => {
    await sms(DAVE, `LOG 3 ${SHARON}`);
    expect(await sms(SHARON, `GIVE 2 ${ANNA}`)).toMatch(/YES or NO/);
    expect(await sms(SHARON, "YES")).toMatch(/Your balance: 1/);
    expect(
      await h.rows("SELECT kind, minutes FROM ledger_entries WHERE kind = 'gift' ORDER BY id"),
    ).toHaveLength(2);
  });

  test("a retried MessageSid: one read, no write, the same answer", async () => {
    const sid = `SM${"7".repeat(32)}`;
    const first = await sms(SHARON, "LOG 2 staithe", sid);
    const { result, writes } = await handling(() => h.sms(SHARON, "LOG 2 staithe", { sid }));
    expect(writes).toBe(0);
    expect(result.messages.join("\n")).toBe(first);
    expect(await h.rows("SELECT COUNT(*) AS n FROM ledger_entries WHERE partner_id = 'staithe'")).toEqual([
      { n: 1 },
    ]);
  });
});

describe("one read and one write round trip per Telegram update", () => {
  test("balance", async () => {
    expect((await telegram(textUpdate(JANIS_TG, "ATLIKUMS"))).writes).toBe(1);
    expect((await telegram(textUpdate(JANIS_TG, "BALANCE"))).writes).toBe(1);
  });

  test("a button press on the menu", async () => {
    await telegram(textUpdate(JANIS_TG, "MENU"));
    expect((await telegram(callbackUpdate(JANIS_TG, "o:1", { message_id: 1 }))).writes).toBe(1);
  });

  test("a partner's ✅ press on a fresh request", async () => {
    await sms(SHARON, "LOG 2 staithe");
    const code = await openCode("staithe");
    expect((await telegram(callbackUpdate(KATE_TG, `c:${code}:y`, { message_id: 1 }))).writes).toBe(1);
    expect(await h.rows("SELECT status FROM ledger_entries WHERE code = ?", code)).toEqual([
      { status: "confirmed" },
    ]);
  });

  test("a retried update_id: one read, no write", async () => {
    const update = textUpdate(JANIS_TG, "BALANCE");
    await telegram(update);
    expect((await telegram(update)).writes).toBe(0);
  });
});

describe("booking codes", () => {
  // Booking codes are unique across the scheme while held; the read batch knows every held code, so
  // a code another member holds is never picked and the YES costs one read and one write.
  test("a booking never picks a code another member holds: one read, one write", async () => {
    await sms(DAVE, `LOG 3 ${SHARON}`);
    await sms(SHARON, "EVENTS");
    await sms(SHARON, "1");
    await sms(SHARON, "1");
    // The seed the engine will use for the YES, and the code it would lead to: held by someone else.
    let seed = 424242;
    h.deps.random = () => seed++;
    const taken = pickCode([], 424242, 4);
    await h.db.execute({
      sql: `INSERT INTO bookings (code, member_id, partner_id, event_id, places, minutes, status, starts_at, created_at)
            SELECT ?, id, 'oasis', 'bingo-dec', 1, 60, 'held', '2026-12-04T18:00:00.000Z', '2026-11-28T12:00:00.000Z'
            FROM members WHERE phone = ?`,
      args: [taken, JANIS],
    });
    await h.flush();
    db.reset();
    const { messages } = await h.sms(SHARON, "YES");
    const trips = db.trips.filter((t) => !isDelivery(t));
    expect(messages.join("\n")).toMatch(/Booked Family bingo/);
    expect(messages.join("\n")).not.toContain(taken);
    expect(trips.map((t) => t.kind)).toEqual(["read", "write"]);
  });
});
