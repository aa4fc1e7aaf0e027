// A message's read asks only whether its own few candidate codes are taken, so handling a message
// costs the same however many confirmation requests and bookings are open (the soak slowed from 133
// to 40 messages a second as they piled up while every read fetched them all); and a code is still
// never given twice: a crowded partner's taken codes are skipped, and two messages racing for the same
// code are settled by the unique index, the loser reading again with a new seed.
import { describe, expect, test } from "vitest";
import { codeCandidates, codesToCheck } from "../../src/core/requests.ts";
import type { Db, ResultSet } from "../../src/store/db.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { readTogether } from "../support/read-together.ts";

const SHARON = "+447700900101"; // member, English
const ANNA = "+447700900100"; // member, Polish
const SEED = 424242;

interface ReadStatement {
  sql: string;
  rows: number;
}

/** Records every read batch: each statement's SQL and how many rows it returned. */
function watchReads(h: Harness): ReadStatement[][] {
  const reads: ReadStatement[][] = [];
  const db: Db = h.deps.db;
  h.deps.db = {
    execute: db.execute.bind(db),
    executeMultiple: db.executeMultiple.bind(db),
    batch: async (statements, mode) => {
      const results: ResultSet[] = await db.batch(statements, mode);
      if (mode === "read")
        reads.push(
          statements.flatMap((s, i) =>
            expand(typeof s === "string" ? s : Array.isArray(s) ? String(s[0]) : s.sql, results[i]),
          ),
        );
      return results;
    },
  };
  return reads;
}

/**
 * The message's read is one statement with a column per query, each a JSON array of its rows
 * (store/json-read.ts): listed here as one entry per query, named "read:<query>".
 */
function expand(sql: string, result: ResultSet | undefined): ReadStatement[] {
  const row = result?.rows[0];
  if (!sql.includes("json_group_array") || result?.rows.length !== 1 || !row)
    return [{ sql, rows: result?.rows.length ?? 0 }];
  return result.columns.map((column) => ({
    sql: `read:${column}`,
    rows: (JSON.parse(String(row[column] ?? "[]")) as unknown[]).length,
  }));
}

const isCodeRead = (s: ReadStatement) => s.sql === "read:codes";

/** `n` open requests at `partner` with the given codes, from a member who is not in the test. */
async function openRequests(h: Harness, partner: string, codes: readonly string[]): Promise<void> {
  const [member] = await h.rows("SELECT id FROM members WHERE phone = '+447700900102'");
  await h.db.batch(
    codes.map((code) => ({
      sql: `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, day, code, logged_by, created_at)
            VALUES (?, 'earning', 'pending', 60, ?, '2026-11-27', ?, NULL, '2026-11-27T12:00:00Z')`,
      args: [Number(member?.id), partner, code],
    })),
    "write",
  );
}

/** Held bookings with the given codes. */
async function heldBookings(h: Harness, codes: readonly string[]): Promise<void> {
  const [member] = await h.rows("SELECT id FROM members WHERE phone = '+447700900102'");
  await h.db.batch(
    codes.map((code) => ({
      sql: `INSERT INTO bookings (code, member_id, partner_id, offer_id, places, minutes, status, created_at)
            VALUES (?, ?, 'cinema', 'cinema', 1, 120, 'held', '2026-11-27T12:00:00Z')`,
      args: [code, Number(member?.id)],
    })),
    "write",
  );
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => String(from + i));

async function openStaitheCodes(h: Harness): Promise<string[]> {
  const rows = await h.rows(
    "SELECT code FROM ledger_entries WHERE partner_id = 'staithe' AND status = 'pending' ORDER BY id",
  );
  return rows.map((r) => String(r.code));
}

describe("the read of a message", () => {
  test("does not grow with the open requests and held bookings at other partners", async () => {
    const logOnce = async (crowded: boolean) => {
      const h = await createHarness();
      h.deps.random = () => SEED;
      if (crowded) {
        await openRequests(h, "oasis", range(100, 250));
        await openRequests(h, "academy", range(300, 250));
        await heldBookings(h, range(1000, 500));
      }
      const reads = watchReads(h);
      const reply = await h.sms(SHARON, "LOG 2 staithe");
      expect(reply.messages.join(" ")).toContain("2 h");
      expect(reads).toHaveLength(1);
      return { h, read: reads[0] ?? [] };
    };
    const quiet = await logOnce(false);
    const crowded = await logOnce(true);
    expect(await crowded.h.rows("SELECT COUNT(*) AS n FROM ledger_entries WHERE status = 'pending'")).toEqual(
      [{ n: 501 }],
    );

    // The same statements, and only the taken candidates of this message's seed come back: not the
    // 1,000 open codes a read used to fetch.
    expect(crowded.read.map((s) => s.sql)).toEqual(quiet.read.map((s) => s.sql));
    const candidates = new Set(codesToCheck(SEED));
    const taken = [...range(100, 250), ...range(300, 250), ...range(1000, 500)].filter((c) =>
      candidates.has(c),
    );
    const codeRead = crowded.read.find(isCodeRead);
    expect(codeRead?.rows).toBe(taken.length);
    expect(taken.length).toBeLessThanOrEqual(candidates.size);
    const total = (read: ReadStatement[]) => read.reduce((n, s) => n + s.rows, 0);
    expect(total(crowded.read)).toBe(total(quiet.read) + taken.length);

    // And the new request got the same code either way: other partners' codes do not matter.
    expect(await openStaitheCodes(crowded.h)).toEqual(await openStaitheCodes(quiet.h));
  });

  test("is row for row the same with 2,000 open requests elsewhere as with none, when none is a candidate", async () => {
    const read = async (open: number) => {
      const h = await createHarness();
      h.deps.random = () => SEED;
      const candidates = new Set(codesToCheck(SEED));
      const free = range(1000, 9000).filter((c) => !candidates.has(c));
      for (const [i, partner] of ["oasis", "academy", "playground", "leisure"].entries())
        await openRequests(h, partner, free.slice(i * (open / 4), (i + 1) * (open / 4)));
      const reads = watchReads(h);
      await h.sms(SHARON, "LOG 2 staithe");
      return reads[0]?.map((s) => s.rows);
    };
    expect(await read(2000)).toEqual(await read(0));
  });
});

describe("a partner contact's read", () => {
  test("holds their open requests only when the message can decide them (YES, NO, or which one?)", async () => {
    const h = await createHarness();
    await openRequests(h, "staithe", range(100, 500));
    const reads = watchReads(h);
    const requestRows = () => reads.at(-1)?.find((s) => s.sql === "read:requests")?.rows;
    const KATE = "+447700900001"; // The Staithe
    await h.sms(KATE, "BALANCE");
    expect(requestRows()).toBe(0);
    await h.sms(KATE, "LOG 2 07700900101");
    expect(requestRows()).toBe(0);
    // A plain YES with 500 open asks which one; the answer to that needs them again.
    const which = await h.sms(KATE, "YES");
    expect(requestRows()).toBe(500);
    expect(which.messages.join("\n")).toMatch(/1 /);
    await h.sms(KATE, "1");
    expect(requestRows()).toBeGreaterThanOrEqual(500);
    expect(
      await h.rows(
        "SELECT COUNT(*) AS n FROM ledger_entries WHERE partner_id = 'staithe' AND status = 'confirmed' AND code IS NOT NULL",
      ),
    ).toEqual([{ n: 1 }]);
  });
});

describe("a code is never given twice", () => {
  test("a crowded partner's taken codes are skipped, then 4 digits are used", async () => {
    const h = await createHarness();
    h.deps.random = () => SEED;
    const three = codeCandidates(SEED, 3);
    const four = codeCandidates(SEED, 4);
    // All but the last of this seed's 3-digit candidates are taken at The Staithe, among 500 others.
    const others = range(100, 900)
      .filter((c) => !three.includes(c))
      .slice(0, 500);
    await openRequests(h, "staithe", [...three.slice(0, -1), ...others]);
    await h.sms(SHARON, "LOG 2 staithe");
    expect((await openStaitheCodes(h)).at(-1)).toBe(three.at(-1));
    await h.sms(ANNA, "GODZINY 1 staithe");
    expect((await openStaitheCodes(h)).at(-1)).toBe(four[0]);
    const codes = await openStaitheCodes(h);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test("two members logging at the same moment with the same seed still get different codes", async () => {
    const h = await createHarness();
    // Both messages draw the same seed (so both choose the same code); a retry draws another.
    let draws = 0;
    h.deps.random = () => (++draws <= 2 ? SEED : SEED + draws);
    const seen = readTogether(h, 2);
    const [sharon, anna] = await Promise.all([
      h.sms(SHARON, "LOG 2 staithe"),
      h.sms(ANNA, "GODZINY 1 staithe"),
    ]);
    expect(sharon.status).toBe(200);
    expect(anna.status).toBe(200);
    // Both read before either wrote; the one that lost the unique index read again and re-rolled.
    expect(seen.reads).toBe(3);
    const codes = await openStaitheCodes(h);
    expect(codes).toHaveLength(2);
    expect(codes).toContain(codeCandidates(SEED, 3)[0]);
    expect(new Set(codes).size).toBe(2);
    // Kate was asked about each request with its own code.
    await h.flush();
    const asked = await h.rows("SELECT body FROM outbox WHERE address = '+447700900001' ORDER BY id");
    for (const code of codes) expect(asked.some((r) => String(r.body).includes(`YES ${code}`))).toBe(true);
  });
});
