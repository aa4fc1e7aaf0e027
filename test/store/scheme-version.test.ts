// A message's read skips the scheme's settings, partners and contacts while scheme_version is what its
// process last read them at. Any change to those rows, by this process or another one on the same
// file (a coordinator's import, a script), changes the version, and the next message sees it.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { readPlan } from "../../src/core/read-plan.ts";
import { readConversation } from "../../src/store/conversation-read.ts";
import { openNodeDb } from "../../src/store/node-client.ts";
import { createHarness } from "../support/harness.ts";

const SHARON = "+447700900101";
const tmp = mkdtempSync(join(tmpdir(), "timecredits-version-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test("a partner added, renamed or given a contact by another connection is seen by the next message", async () => {
  const url = `file:${join(tmp, "scheme.db")}`;
  const h = await createHarness({ dbUrl: url });
  const before = await h.sms(SHARON, "LOG");
  expect(before.messages.join("\n")).not.toContain("Fenland Food Bank");
  await h.sms(SHARON, "CANCEL");
  const [{ n: version } = { n: 0 }] = await h.rows("SELECT n FROM scheme_version");

  const other = await openNodeDb(url);
  await other.execute(
    "INSERT INTO partners (id, name, earn, spend, aliases, activities, updated_at) VALUES ('foodbank', 'Fenland Food Bank', 1, 0, '[]', '[]', '2026-11-28T12:00:00Z')",
  );
  const added = await h.sms(SHARON, "LOG");
  expect(added.messages.join("\n")).toContain("Fenland Food Bank");
  await h.sms(SHARON, "CANCEL");

  await other.execute("UPDATE partners SET name = 'Wisbech Food Bank' WHERE id = 'foodbank'");
  const renamed = await h.sms(SHARON, "LOG");
  expect(renamed.messages.join("\n")).toContain("Wisbech Food Bank");
  expect(renamed.messages.join("\n")).not.toContain("Fenland Food Bank");
  await h.sms(SHARON, "CANCEL");

  // A new contact of the food bank can now answer its requests: the read knows them as a contact.
  await other.execute(
    "INSERT INTO partner_contacts (partner_id, name, phone, locale) VALUES ('foodbank', 'Ola', '+447700900555', 'pl')",
  );
  await h.sms(SHARON, "LOG 2 wisbech food bank");
  const [request] = await h.rows("SELECT code FROM ledger_entries WHERE partner_id = 'foodbank'");
  const yes = await h.sms("+447700900555", `TAK ${request?.code}`);
  expect(yes.status).toBe(200);
  expect(await h.rows("SELECT status FROM ledger_entries WHERE partner_id = 'foodbank'")).toEqual([
    { status: "confirmed" },
  ]);
  const [{ n: after } = { n: 0 }] = await h.rows("SELECT n FROM scheme_version");
  expect(Number(after)).toBeGreaterThan(Number(version) + 2);
  other.close();
  h.db.close();
});

test("while the version stands, the read returns no scheme rows and the kept ones are used", async () => {
  const h = await createHarness();
  const sent: string[] = [];
  // The same database; what its read statement returned for the partners, each time.
  const db = {
    ...h.db,
    batch: async (...args: Parameters<typeof h.db.batch>) => {
      const results = await h.db.batch(...args);
      sent.push(String(results[0]?.rows[0]?.partners));
      return results;
    },
  };
  const read = () =>
    readConversation(db, {
      channel: "sms",
      address: SHARON,
      externalId: `SM${sent.length}`,
      today: "2026-11-28",
      timezone: "Europe/London",
      plan: readPlan("SALDO", 0),
      now: new Date("2026-11-28T12:00:00Z"),
    });
  const first = await read();
  const second = await read();
  expect(JSON.parse(sent[0] ?? "[]").length).toBeGreaterThan(3);
  expect(sent[1]).toBe("[]");
  expect(second.facts.partners).toEqual(first.facts.partners);
  expect(second.facts.contacts).toEqual(first.facts.contacts);
  expect(second.facts.scheme).toEqual(first.facts.scheme);
  await h.db.execute("UPDATE scheme SET name = 'Wisbech Time Credits' WHERE id = 1");
  const third = await read();
  expect(JSON.parse(sent[2] ?? "[]").length).toBeGreaterThan(3);
  expect(third.facts.scheme.name).toBe("Wisbech Time Credits");
});
