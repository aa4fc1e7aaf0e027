// The read checks which of a message's candidate codes are taken only when the message could make a
// new request or booking: a BALANCE in an idle conversation skips it, a LOG or any message in the
// middle of a conversation (its next step may record hours) does not.
import { expect, test } from "vitest";
import { readPlan } from "../../src/core/read-plan.ts";
import { readConversation } from "../../src/store/conversation-read.ts";
import { createHarness } from "../support/harness.ts";

const SHARON = "+447700900101";
const OTHER = "+447700900102";

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
