// The store on real libSQL databases: migrations run once, the ledger is append-only, a stale write
// aborts its whole batch, and racing or retried webhooks are recorded exactly once.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import twilio from "twilio";
import { afterAll, describe, expect, test } from "vitest";
import { renderFor } from "../../src/channels/render.ts";
import { readPlan } from "../../src/core/read-plan.ts";
import { readConversation } from "../../src/store/conversation-read.ts";
import { writeConversation } from "../../src/store/conversation-write.ts";
import { type Db, isConflict, migrate } from "../../src/store/db.ts";
import { migrations } from "../../src/store/migrations/index.ts";
import { openNodeDb } from "../../src/store/node-client.ts";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  createHarness,
  type Harness,
  PUBLIC_URL,
  SCHEME_NUMBER,
} from "../support/harness.ts";
import { readTogether } from "../support/read-together.ts";

const SHARON = "+447700900101"; // a member registered in the demo scheme
const KATE = "+447700900001"; // The Staithe's contact
const tmp = mkdtempSync(join(tmpdir(), "timecredits-store-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Row counts of every table, to show that something changed nothing. */
async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  const counts: Record<string, number> = {};
  for (const row of tables.rows) {
    const name = String(row.name);
    counts[name] = Number((await db.execute(`SELECT COUNT(*) AS n FROM "${name}"`)).rows[0]?.n);
  }
  return counts;
}

/** A signed Twilio webhook, answered as raw TwiML. */
async function postSms(h: Harness, from: string, body: string, sid: string) {
  const params = {
    MessageSid: sid,
    SmsSid: sid,
    AccountSid: ACCOUNT_SID,
    From: from,
    To: SCHEME_NUMBER,
    Body: body,
  };
  const res = await h.app.request("/sms", {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/sms`, params),
    },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, twiml: await res.text() };
}

describe("migrations", () => {
  test("running migrate twice applies nothing the second time", async () => {
    const db = createClient({ url: ":memory:", intMode: "number" });
    expect(await migrate(db)).toEqual(migrations.map((m) => m.id));
    const after = await tableCounts(db);
    expect(Object.keys(after)).toEqual(
      expect.arrayContaining(["conversations", "inbound_messages", "ledger_entries", "members", "outbox"]),
    );
    expect(await migrate(db)).toEqual([]);
    expect(await tableCounts(db)).toEqual(after);
    const recorded = await db.execute("SELECT id, name FROM schema_migrations ORDER BY id");
    expect(recorded.rows.map((r) => ({ ...r }))).toEqual(migrations.map(({ id, name }) => ({ id, name })));
  });
});

describe("the ledger is append-only", () => {
  async function withEntry() {
    const h = await createHarness();
    await h.sms(SHARON, "LOG 2 staithe");
    const [entry] = await h.rows("SELECT id FROM ledger_entries");
    return { h, id: Number(entry?.id) };
  }

  test.each([
    ["minutes", "UPDATE ledger_entries SET minutes = 600 WHERE id = ?", /append-only/],
    ["member", "UPDATE ledger_entries SET member_id = member_id + 1 WHERE id = ?", /append-only/],
    ["kind", "UPDATE ledger_entries SET kind = 'correction' WHERE id = ?", /append-only/],
    ["delete", "DELETE FROM ledger_entries WHERE id = ?", /never deleted/],
  ])("changing an entry's %s is refused by a trigger", async (_what, statement, message) => {
    const { h, id } = await withEntry();
    await expect(h.db.execute({ sql: statement, args: [id] })).rejects.toThrow(message);
    expect(await h.rows("SELECT kind, minutes, partner_id FROM ledger_entries")).toEqual([
      { kind: "earning", minutes: 120, partner_id: "staithe" },
    ]);
  });

  test("only the status moves", async () => {
    const { h, id } = await withEntry();
    await h.db.execute({
      sql: "UPDATE ledger_entries SET status = 'confirmed', settled_by = 'kate' WHERE id = ?",
      args: [id],
    });
    expect(await h.rows("SELECT status, minutes FROM ledger_entries")).toEqual([
      { status: "confirmed", minutes: 120 },
    ]);
  });
});

describe("the write guard", () => {
  test("a write from a stale conversation version aborts its whole batch", async () => {
    const h = await createHarness();
    await h.sms(SHARON, "LOG"); // asks which partner: the conversation now exists
    const stale = await readConversation(h.db, {
      channel: "sms",
      address: SHARON,
      externalId: "SMstale",
      today: "2026-11-28",
      timezone: "Europe/London",
      plan: readPlan("LOG 2 staithe", 0),
      now: new Date("2026-11-28T12:00:00Z"),
    });
    expect(stale.snapshot).toMatchObject({ exists: true, state: "log.partner" });
    await h.sms(SHARON, "1"); // another message wins the race and moves the conversation on
    const [current] = await h.rows("SELECT state, version FROM conversations");
    expect(current?.version).toBe(stale.snapshot.version + 1);
    const before = await tableCounts(h.db);

    const write = writeConversation(h.db, {
      channel: "sms",
      address: SHARON,
      externalId: "SMstale",
      body: "LOG 2 staithe",
      before: stale.snapshot,
      after: { ...stale.snapshot, state: "idle", data: {} },
      effects: [
        { type: "updateMember", locale: "pl" },
        {
          type: "postEarning",
          minutes: 120,
          partnerId: "staithe",
          activity: null,
          day: "2026-11-28",
          code: "417",
        },
        { type: "notify", channel: "sms", address: KATE, locale: "en", reply: { key: "help" } },
      ],
      stored: { locale: "en", replies: [] },
      now: new Date("2026-11-28T12:00:00Z"),
      render: (channel, locale, reply) => renderFor(h.deps.i18n.t, channel, locale, reply),
    });
    const error = await write.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isConflict(error)).toBe(true);

    // Not the inbound record (written before the guard), the member change, the earning or the message to Kate.
    expect(await tableCounts(h.db)).toEqual(before);
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages WHERE external_id = 'SMstale'")).toEqual([
      { n: 0 },
    ]);
    expect(await h.rows("SELECT locale FROM members WHERE phone = ?", SHARON)).toEqual([{ locale: "en" }]);
    expect(await h.rows("SELECT state, version FROM conversations")).toEqual([current]);
  });
});

describe("racing and retried webhooks", () => {
  test.each([
    ["on first contact", []],
    ["in a conversation already saved", ["BALANCE"]],
  ])(
    "two different messages from one number at the same moment, %s, are both answered and recorded once each",
    async (_when, earlier) => {
      const h = await createHarness();
      for (const text of earlier) await h.sms(SHARON, text);
      const race = readTogether(h, 2);
      const [a, b] = await Promise.all([
        h.sms(SHARON, "LOG 2 staithe", { sid: `SM${"a".repeat(32)}` }),
        h.sms(SHARON, "LOG 3 oasis", { sid: `SM${"b".repeat(32)}` }),
      ]);
      expect(race.reads).toBe(3); // they did collide, and the loser read again
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.messages.join("\n")).toContain("Recorded: 2 h at The Staithe");
      expect(b.messages.join("\n")).toContain("Recorded: 3 h at Oasis Community Centre");
      // Only one of them can be the first contact.
      expect([...a.messages, ...b.messages].filter((m) => m.includes("welcome")).length).toBe(
        earlier.length ? 0 : 1,
      );

      expect(await h.rows("SELECT partner_id, minutes FROM ledger_entries ORDER BY partner_id")).toEqual([
        { partner_id: "oasis", minutes: 180 },
        { partner_id: "staithe", minutes: 120 },
      ]);
      expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual([{ n: 2 + earlier.length }]);
      expect(await h.rows("SELECT COUNT(*) AS n FROM conversations")).toEqual([{ n: 1 }]);
      // Each log asks its partner's contacts once: two at The Staithe, two at Oasis.
      expect(await h.rows("SELECT COUNT(*) AS n FROM outbox")).toEqual([{ n: 4 }]);
    },
  );

  test("the same MessageSid delivered twice at once is recorded once and answered identically", async () => {
    const h = await createHarness();
    const sid = `SM${"c".repeat(32)}`;
    const race = readTogether(h, 2);
    const [first, second] = await Promise.all([
      postSms(h, SHARON, "LOG 2 staithe", sid),
      postSms(h, SHARON, "LOG 2 staithe", sid),
    ]);
    expect(first.status).toBe(200);
    expect(first.twiml).toContain("Recorded: 2 h at The Staithe");
    expect(second).toEqual(first);
    expect(race.reads).toBe(3);
    expect(await h.rows("SELECT external_id FROM inbound_messages")).toEqual([{ external_id: sid }]);
    expect(await h.rows("SELECT minutes FROM ledger_entries")).toEqual([{ minutes: 120 }]);
    // The Staithe's two contacts are asked to confirm once each, not twice.
    expect(
      await h.rows("SELECT address, COUNT(*) AS n FROM outbox GROUP BY address ORDER BY address"),
    ).toEqual([
      { address: "+447700900001", n: 1 },
      { address: "+447700900002", n: 1 },
    ]);
  });

  test("a MessageSid retried after it was handled gets the same TwiML and changes nothing", async () => {
    const h = await createHarness();
    const sid = `SM${"d".repeat(32)}`;
    const first = await postSms(h, SHARON, "LOG 2 staithe", sid);
    expect(first.twiml).toContain("Recorded: 2 h at The Staithe");
    await h.flush(); // let the first delivery's outbox run finish
    const before = await tableCounts(h.db);

    h.setNow("2026-11-28T12:05:00Z"); // Twilio retries a little later
    const retry = await postSms(h, SHARON, "LOG 2 staithe", sid);
    expect(retry).toEqual(first);
    expect(await tableCounts(h.db)).toEqual(before);
    expect(before.ledger_entries).toBe(1);
  });
});

describe("a database file", () => {
  test("the Node client opens a file in WAL mode with a busy timeout", async () => {
    const db = await openNodeDb(`file:${join(tmp, "nested", "wal.db")}`);
    try {
      expect((await db.execute("PRAGMA journal_mode")).rows[0]?.journal_mode).toBe("wal");
      expect((await db.execute("PRAGMA busy_timeout")).rows[0]?.timeout).toBe(5000);
    } finally {
      db.close();
    }
  });

  test("what the app records in a file is there when the file is opened again", async () => {
    const url = `file:${join(tmp, "app.db")}`;
    const h = await createHarness({ dbUrl: url });
    const { messages } = await h.sms(SHARON, "LOG 2 staithe");
    expect(messages.join("\n")).toContain("Recorded: 2 h");

    const again = await openNodeDb(url);
    try {
      expect(await migrate(again)).toEqual([]);
      const rows = await again.execute(
        "SELECT m.phone, l.minutes FROM ledger_entries l JOIN members m ON m.id = l.member_id",
      );
      expect(rows.rows.map((r) => ({ ...r }))).toEqual([{ phone: SHARON, minutes: 120 }]);
    } finally {
      again.close();
    }
  });
});
