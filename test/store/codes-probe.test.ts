// The read checks which of a message's candidate codes are taken only when the message could make a
// new request or booking: a BALANCE in an idle conversation skips it, a LOG or any message in the
// middle of a conversation (its next step may record hours) does not.
import { expect, test } from "vitest";
import { readPlan } from "../../src/core/read-plan.ts";
import { namedCodes } from "../../src/core/requests.ts";
import { readConversation } from "../../src/store/conversation-read.ts";
import { createHarness } from "../support/harness.ts";

const SHARON = "+447700900101";
const OTHER = "+447700900102";
const KATE = "+447700900001"; // The Staithe's contact

test("taken codes are read for a LOG and mid-conversation, not for an idle BALANCE", async () => {
  const h = await createHarness();
  await h.sms(SHARON, "LOG 2 staithe");
  const [entry] = await h.rows("SELECT partner_id, code FROM ledger_entries WHERE status = 'pending'");
  const code = String(entry?.code);
  expect(code).toMatch(/^\d{3}$/);
  const read = (text: string) =>
    readConversation(h.db, {
      channel: "sms",
      address: OTHER,
      externalId: `SM${Math.random()}`,
      today: "2026-11-28",
      timezone: "Europe/London",
      // The taken code among the candidates, as if this message's seed had chosen it.
      plan: { ...readPlan(text, 0), codes: [code] },
      now: new Date("2026-11-28T12:00:00Z"),
    });
  const taken = { [String(entry?.partner_id)]: [code] };

  expect(readPlan("SALDO", 0).codesOnlyMidway).toBe(true);
  expect((await read("SALDO")).facts.openCodes).toEqual({});
  expect(readPlan("LOG 2 staithe", 0).codesOnlyMidway).toBe(false);
  expect((await read("LOG 2 staithe")).facts.openCodes).toEqual(taken);
  // A sentence's meaning is known only after the read: its codes are read.
  expect(readPlan("pomagałam dziś 2 godziny w staithe", 0).codesOnlyMidway).toBe(false);

  await h.sms(OTHER, "LOG"); // asks which partner: the next answer may record hours
  expect((await read("SALDO")).facts.openCodes).toEqual(taken);
});

test("a partner's YES naming codes reads only those requests; a bare YES or YES ALL reads every open one", async () => {
  expect(namedCodes("TAK 482, 483.")).toEqual(["482", "483"]);
  expect(namedCodes("YES ４８２")).toEqual(["482"]);
  expect(namedCodes("jā, visus 482")).toEqual([]);
  const h = await createHarness();
  await h.sms(SHARON, "LOG 2 staithe");
  await h.sms(OTHER, "LOG 3 staithe");
  const codes = (await h.rows("SELECT code FROM ledger_entries WHERE status = 'pending' ORDER BY id")).map(
    (r) => String(r.code),
  );
  const read = (text: string) =>
    readConversation(h.db, {
      channel: "sms",
      address: KATE,
      externalId: `SM${Math.random()}`,
      today: "2026-11-28",
      timezone: "Europe/London",
      plan: readPlan(text, 0),
      now: new Date("2026-11-28T12:00:00Z"),
    });
  const codesRead = async (text: string) => (await read(text)).facts.requests.map((r) => r.code);
  expect(await codesRead(`YES ${codes[1]}`)).toEqual([codes[1]]);
  expect(await codesRead("YES")).toEqual(codes);
  expect(await codesRead(`YES ALL ${codes[0]}`)).toEqual(codes);
  // Settled already: still read when named, so the answer can say by whom.
  await h.sms(KATE, `YES ${codes[0]}`);
  expect((await read(`YES ${codes[0]}`)).facts.requests.map((r) => [r.code, r.status])).toEqual([
    [codes[0], "confirmed"],
  ]);
  expect(await codesRead("YES")).toEqual([codes[1]]);
  const again = await h.sms(KATE, `YES ${codes[0]}`);
  expect(again.messages.join("\n")).toContain(`${codes[0]} was already confirmed by Kate`);
});
