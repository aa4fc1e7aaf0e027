// The demo's seeded history: about 150 members in three languages, earnings at every earn partner
// (confirmed, rejected with a reason, expired, a few still open), bookings redeemed, cancelled and
// released, gifts, hoarders and newcomers; the ledger's rules hold at every moment; the same seed and
// `now` give the same database; seeding twice adds nothing; and the reports have something to show.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadHoarding } from "../../src/admin/reports/ledger.ts";
import { readPeriod } from "../../src/admin/reports/period.ts";
import { DemoAlreadySeededError, loadDemo } from "../../src/demo/index.ts";
import { DEMO_PHONES } from "../../src/demo/people.ts";
import type { Db } from "../../src/store/db.ts";
import { countOf, dump, emptyDb, NOW } from "./support.ts";

let db: Db;
let seconds = 0;
beforeAll(async () => {
  db = await emptyDb();
  const started = performance.now();
  await loadDemo(db, { now: NOW, months: 6 });
  seconds = (performance.now() - started) / 1000;
});

const rows = async (sqlText: string, ...args: Array<string | number>) =>
  (await db.execute({ sql: sqlText, args })).rows.map((r) => ({ ...r }));

describe("the demo history", () => {
  it("seeds six months in a few seconds at most", () => {
    expect(seconds).toBeLessThan(5);
  });

  it("has about 150 members in English, Polish and Latvian, with names and numbers that fit", async () => {
    const members = await rows("SELECT name, phone, locale, telegram_id FROM members WHERE source = 'self'");
    expect(members).toHaveLength(150);
    const by = (l: string) => members.filter((m) => m.locale === l);
    for (const l of ["en", "pl", "lv"]) expect(by(l).length, l).toBeGreaterThan(25);
    expect(by("pl").filter((m) => /[ąćęłńóśźż]/i.test(String(m.name))).length).toBeGreaterThan(10);
    expect(by("lv").filter((m) => /[āčēģīķļņšūž]/i.test(String(m.name))).length).toBeGreaterThan(10);
    expect(by("en").every((m) => /^[A-Za-z]+ [A-Za-z]+$/.test(String(m.name)))).toBe(true);
    // Ofcom's drama range, clear of the scheme file's numbers; no Telegram ids at all.
    for (const m of members) {
      const n = Number(String(m.phone).slice(7));
      expect(String(m.phone).slice(0, 7)).toBe("+447700");
      expect(n >= DEMO_PHONES.first && n <= DEMO_PHONES.last, String(m.phone)).toBe(true);
      expect(m.telegram_id).toBeNull();
    }
    expect(new Set(members.map((m) => m.phone)).size).toBe(150);
    expect(await countOf(db, "SELECT COUNT(*) FROM partner_contacts WHERE telegram_id IS NOT NULL")).toBe(0);
  });

  it("has confirmed earnings at every earn partner, rejections with reasons, expiries and a few open requests", async () => {
    const partners = await rows(
      `SELECT p.id, COUNT(l.id) AS n FROM partners p
       LEFT JOIN ledger_entries l ON l.partner_id = p.id AND l.kind = 'earning' AND l.status = 'confirmed'
       WHERE p.earn = 1 GROUP BY p.id`,
    );
    expect(partners).toHaveLength(5);
    for (const p of partners) expect(Number(p.n), String(p.id)).toBeGreaterThan(50);
    const rejected = await rows("SELECT reason FROM ledger_entries WHERE status = 'rejected'");
    expect(rejected.length).toBeGreaterThan(5);
    expect(rejected.every((r) => String(r.reason ?? "").length > 0)).toBe(true);
    expect(await countOf(db, "SELECT COUNT(*) FROM ledger_entries WHERE status = 'expired'")).toBeGreaterThan(
      3,
    );
    const open = await rows(
      "SELECT created_at, code FROM ledger_entries WHERE kind = 'earning' AND status = 'pending'",
    );
    expect(open.length).toBeGreaterThanOrEqual(2);
    expect(open.length).toBeLessThan(40);
    for (const r of open) {
      expect(NOW.getTime() - Date.parse(String(r.created_at))).toBeLessThan(14 * 86_400_000);
      expect(r.code).toMatch(/^\d{3,4}$/);
    }
    // Members were told, and partners asked, in their own languages.
    const outbox = await rows("SELECT body FROM outbox WHERE body LIKE '%Reply YES%'");
    expect(outbox.length).toBeGreaterThan(100);
  });

  it("has bookings redeemed, cancelled and released, at events past and coming, and gifts", async () => {
    const bookings = await rows(
      "SELECT status, event_id, COUNT(*) AS n FROM bookings GROUP BY status, event_id IS NULL",
    );
    const total = (status: string) =>
      bookings.filter((b) => b.status === status).reduce((s, b) => s + Number(b.n), 0);
    expect(total("redeemed")).toBeGreaterThan(100);
    expect(total("cancelled")).toBeGreaterThan(3);
    expect(total("released")).toBeGreaterThan(3);
    expect(total("held")).toBeGreaterThan(0);
    // Community events that have taken place, with people through the door.
    const past = await rows(
      `SELECT e.id, SUM(b.places) AS places FROM events e JOIN bookings b ON b.event_id = e.id AND b.status = 'redeemed'
       WHERE e.starts_at < ? GROUP BY e.id`,
      NOW.toISOString(),
    );
    expect(past.length).toBeGreaterThan(10);
    // Each booking's ledger entry agrees with it.
    expect(
      await countOf(
        db,
        `SELECT COUNT(*) FROM bookings b JOIN ledger_entries l ON l.booking_id = b.id
         WHERE NOT ((b.status = 'redeemed' AND l.status = 'confirmed') OR (b.status = 'held' AND l.status = 'held')
           OR (b.status IN ('cancelled', 'released') AND l.status = 'released') ) OR l.minutes <> -b.minutes`,
      ),
    ).toBe(0);
    const gifts = await rows(
      "SELECT SUM(minutes) AS net, COUNT(*) AS n FROM ledger_entries WHERE kind = 'gift'",
    );
    expect(Number(gifts[0]?.n)).toBeGreaterThan(10);
    expect(Number(gifts[0]?.net)).toBe(0);
  });

  it("has hoarders who never spend, and newcomers who joined during the six months", async () => {
    const read = readPeriod({}, NOW, "Europe/London");
    if (!read.ok) throw new Error("default period");
    const hoarding = await loadHoarding(db, read.bounds);
    expect(hoarding.members.length).toBeGreaterThanOrEqual(5);
    expect(hoarding.members.filter((m) => m.lastSpend === null).length).toBeGreaterThanOrEqual(5);
    const since = new Date(Date.UTC(2026, 4, 28)).toISOString();
    expect(
      await countOf(db, "SELECT COUNT(*) FROM members WHERE source = 'self' AND consent_at >= ?", since),
    ).toBeGreaterThan(20);
    expect(
      await countOf(
        db,
        "SELECT COUNT(*) FROM members WHERE consent_at >= ?",
        new Date(NOW.getTime() - 14 * 86_400_000).toISOString(),
      ),
    ).toBeGreaterThan(0);
  });

  it("never lets a balance go below zero, at any moment", async () => {
    // Replayed in time order: credits count from their confirmation, holds from when they were made
    // (and come back when released), as the bot's own balance check counts them.
    const entries = await rows(
      "SELECT member_id, status, minutes, created_at, settled_at FROM ledger_entries",
    );
    const moves: Array<[string, number, number]> = [];
    for (const e of entries) {
      const m = Number(e.minutes);
      const member = Number(e.member_id);
      if (m > 0 && e.status === "confirmed") moves.push([String(e.settled_at ?? e.created_at), member, m]);
      if (m < 0 && ["confirmed", "held", "released"].includes(String(e.status))) {
        moves.push([String(e.created_at), member, m]);
        if (e.status === "released") moves.push([String(e.settled_at), member, -m]);
      }
    }
    // At one instant, credits arrive before they are spent (a gift's two sides share a time).
    moves.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : b[2] - a[2]));
    const balance = new Map<number, number>();
    let lowest = 0;
    for (const [, member, m] of moves) {
      const next = (balance.get(member) ?? 0) + m;
      balance.set(member, next);
      lowest = Math.min(lowest, next);
    }
    expect(lowest).toBe(0);
    expect(moves.length).toBeGreaterThan(1000);
  });

  it("is the same database for the same seed and now, and another for another seed", async () => {
    const again = await emptyDb();
    const other = await emptyDb();
    try {
      await loadDemo(again, { now: NOW, months: 6 });
      await loadDemo(other, { now: NOW, months: 6, seed: 99 });
      const first = await dump(db);
      expect(await dump(again)).toEqual(first);
      expect((await dump(other)).ledger_entries).not.toEqual(first.ledger_entries);
    } finally {
      again.close();
      other.close();
    }
  });

  it("refuses to seed a second time, and adds nothing", async () => {
    const before = await countOf(db, "SELECT COUNT(*) FROM ledger_entries");
    await expect(loadDemo(db, { now: NOW })).rejects.toBeInstanceOf(DemoAlreadySeededError);
    expect(await countOf(db, "SELECT COUNT(*) FROM ledger_entries")).toBe(before);
    expect(await countOf(db, "SELECT COUNT(*) FROM members")).toBe(153);
  });
});

describe("the demo scheme file", () => {
  it("gives no one a Telegram id (a real user with a small id would be a partner contact)", () => {
    const text = readFileSync(new URL("../../examples/demo-scheme.json", import.meta.url), "utf8");
    expect(text).not.toMatch(/telegram/i);
  });
});
