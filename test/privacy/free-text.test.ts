// DELETE ME reaches free text (security review F11): what was typed about a member's hours (an
// activity that is no activity id, a rejection reason, a coordinator's note), the audit rows about
// them, and unsent messages naming them. Amounts and activity ids stay, so totals still add up; the
// audit log stays append-only for everything else.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_TOKEN, loggedIn } from "../admin/support.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { latestCode } from "../support/transcript.ts";

const SHARON = "07700 900101"; // member, English
const SHARON_E164 = "+447700900101";
const SUE = "+447700900003"; // contact, Oasis
const TRACES = ["Sharon", "900101", "Zofia", "dentist", "flu"];

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

describe("DELETE ME and free text", () => {
  test("leaves no free text about the member in the ledger, the audit log or the outbox", async () => {
    const { h, coordinator } = await loggedIn({ env: { TWILIO_API_URL: fake.url } });
    const id = Number((await h.rows("SELECT id FROM members WHERE phone = ?", SHARON_E164))[0]?.id);
    const code = latestCode(h, "oasis");

    await h.sms(SHARON, "LOG 2 oasis cafe");
    await h.sms(SUE, `YES ${await code()}`);
    await h.sms(SHARON, "LOG 1 oasis helping Zofia carry boxes");
    await h.sms(SUE, `NO ${await code()} Sharon was at the dentist`);
    await h.flush();
    // Oasis's contacts cannot be reached: one request fails for good, the next waits for a retry.
    fake.failNext(400, { code: 21211, message: "Invalid 'To' Phone Number", status: 400 }, 2);
    await h.sms(SHARON, "LOG 3 oasis cleaning");
    await h.flush();
    fake.failNext(503, { message: "unavailable", status: 503 }, 2);
    await h.sms(SHARON, "LOG 1 oasis food-bank");
    await h.flush();
    const [open] = await h.rows(
      "SELECT id FROM ledger_entries WHERE member_id = ? AND status = 'pending' ORDER BY id LIMIT 1",
      id,
    );
    const rejected = await coordinator.submit(
      "/admin/partners",
      `/admin/partners/requests/${open?.id}/reject`,
      {
        reason: "Sharon had the flu that week",
      },
    );
    expect(rejected.status).toBe(303);
    const corrected = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
      hours: "-1",
      reason: "Sharon (07700 900101) logged one hour twice",
    });
    expect(corrected.status).toBe(303);

    const ledger = () =>
      h.rows(
        "SELECT id, kind, minutes, partner_id, activity, note, reason FROM ledger_entries WHERE member_id = ? ORDER BY id",
        id,
      );
    const before = await ledger();
    expect(JSON.stringify(before)).toContain("Zofia");
    expect(JSON.stringify(before)).toContain("dentist");
    expect(JSON.stringify(before)).toContain("flu");
    expect(JSON.stringify(await h.rows("SELECT before, after FROM audit_log"))).toContain("Sharon");
    const unsent = await h.rows(
      "SELECT status, body FROM outbox WHERE status != 'sent' AND body LIKE '%Sharon%'",
    );
    expect(new Set(unsent.map((r) => r.status))).toEqual(new Set(["failed", "pending"]));

    await h.sms(SHARON, "DELETE ME");
    await h.sms(SHARON, "YES");

    const after = await ledger();
    for (const trace of TRACES) expect(JSON.stringify(after), trace).not.toContain(trace);
    // Amounts, partners and activity ids stay; only what was typed is gone.
    expect(after.map(({ id, kind, minutes, partner_id }) => ({ id, kind, minutes, partner_id }))).toEqual(
      before.map(({ id, kind, minutes, partner_id }) => ({ id, kind, minutes, partner_id })),
    );
    expect(after.map((r) => r.activity)).toEqual(["cafe", null, "cleaning", "food-bank", null]);
    expect(after.every((r) => r.note === null && r.reason === null)).toBe(true);

    const audit = await h.rows("SELECT actor, action, subject, before, after FROM audit_log ORDER BY id");
    expect(audit.map((r) => r.action)).toEqual(["earning.reject", "ledger.correction"]);
    for (const trace of TRACES) expect(JSON.stringify(audit), trace).not.toContain(trace);
    expect(JSON.parse(String(audit[1]?.after))).toMatchObject({ minutes: -60, reason: "" });

    const outbox = await h.rows("SELECT status, body FROM outbox");
    for (const trace of TRACES) expect(JSON.stringify(outbox), trace).not.toContain(trace);
    expect(outbox.filter((r) => r.status !== "sent")).toEqual([]);

    // The dashboard still reads the rows, as about an erased member.
    const page = await h.app.request(`/admin/api/audit?subject=member:${id}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(await page.json()).toMatchObject({ entries: [{ after: { minutes: -60, reason: "[erased]" } }] });
  });

  test("the audit log stays append-only: only rows about an erased member may lose text, nothing else", async () => {
    const { h, coordinator } = await loggedIn();
    const id = Number((await h.rows("SELECT id FROM members WHERE phone = ?", SHARON_E164))[0]?.id);
    await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
      hours: "1",
      reason: "Sharon helped at the fair",
    });
    const refused = (statement: string) => expect(h.rows(statement)).rejects.toThrow(/append-only/);
    await refused(`UPDATE audit_log SET after = '{}'`);
    await refused("DELETE FROM audit_log");
    await h.sms(SHARON, "DELETE ME");
    await h.sms(SHARON, "YES");
    // Even now: no other column, no longer text, no deleting.
    await refused("UPDATE audit_log SET actor = 'someone else'");
    await refused(`UPDATE audit_log SET after = after || '                                   '`);
    await refused("DELETE FROM audit_log");
    expect(await h.rows("SELECT actor, action FROM audit_log")).toEqual([
      { actor: "coordinator:Kim", action: "ledger.correction" },
    ]);
  });
});
