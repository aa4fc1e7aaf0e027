// The audit log after DELETE ME: rows refer to members by id, the page joins in their current name,
// and a row about an erased member shows "erased member" and none of its free texts (a reason, a
// message), in the page and in /admin/api/audit alike. The rows themselves are never changed.
import { describe, expect, test } from "vitest";
import type { Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { ADMIN_TOKEN, loggedIn, textOf } from "./support.ts";

const SHARON = "+447700900101"; // member, English
const SUE = "+447700900003"; // contact, Oasis
const TRACES = ["Sharon", "+447700900101", "07700900101", "07700 900101", "900101"];

const memberId = async (h: Harness, phone: string) =>
  Number((await h.rows("SELECT id FROM members WHERE phone = ?", phone))[0]?.id);

const api = async (h: Harness, path: string) => {
  const res = await h.app.request(path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return { status: res.status, text: await res.text() };
};

describe("the audit log and an erased member", () => {
  test("after DELETE ME, neither the page nor the API shows their name or number", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 oasis");
    await h.sms(SUE, `YES ${await latestCode(h, "oasis")()}`);
    const id = await memberId(h, SHARON);
    const corrected = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
      hours: "-1",
      reason: "Sharon (07700 900101) logged one hour twice",
    });
    expect(corrected.status).toBe(303);
    const [sent] = await h.rows("SELECT id FROM outbox WHERE address = ? ORDER BY id DESC", SHARON);
    const resent = await coordinator.submit(
      `/admin/members/${id}`,
      `/admin/members/${id}/messages/${sent?.id}/resend`,
      {},
    );
    expect(resent.status).toBe(303);
    // A resend names no one in the audit row: the text stays in the outbox only.
    const [resendRow] = await h.rows("SELECT after FROM audit_log WHERE action = 'message.resend'");
    expect(JSON.parse(String(resendRow?.after))).toEqual({ channel: "sms", messageId: expect.any(Number) });
    // A row written before that rule, quoting her message.
    await h.rows(
      `INSERT INTO audit_log (at, actor, action, subject, before, after)
       VALUES ('2026-11-27T10:00:00.000Z', 'coordinator', 'message.resend', ?, '{"messageId":1}', ?)`,
      `member:${id}`,
      JSON.stringify({ channel: "sms", body: "Thanks Sharon, your 2 h at Oasis are confirmed." }),
    );

    // While she is a member, the page shows her current name beside the rows about her.
    const before = textOf((await coordinator.get("/admin/audit")).html);
    expect(before).toContain(`member:${id} · Sharon`);

    await h.sms(SHARON, "DELETE ME");
    await h.sms(SHARON, "YES");
    expect(await h.rows("SELECT deleted_at FROM members WHERE id = ?", id)).toEqual([
      { deleted_at: "2026-11-28T12:00:00.000Z" },
    ]);

    for (const path of ["/admin/audit", `/admin/audit?subject=member:${id}`]) {
      const page = await coordinator.get(path);
      expect(page.status).toBe(200);
      const text = textOf(page.html);
      expect(text).toContain(`member:${id} · erased member`);
      expect(text).toContain('"reason": "[erased]"');
      for (const trace of TRACES) expect(page.html, `${path} shows ${trace}`).not.toContain(trace);
    }
    const out = await api(h, "/admin/api/audit?limit=500");
    expect(out.status).toBe(200);
    for (const trace of TRACES) expect(out.text, `the API shows ${trace}`).not.toContain(trace);
    const entries = (JSON.parse(out.text) as { entries: Array<Record<string, unknown>> }).entries;
    const correction = entries.find((e) => e.action === "ledger.correction");
    expect(correction).toMatchObject({
      subject: `member:${id}`,
      member: { id, name: null, erased: true },
      after: { minutes: -60, reason: "[erased]" },
    });
    // The confirmation on Oasis's behalf was Sue's, not the coordinator's: no row. Amounts are still shown.
    expect(entries.map((e) => e.action).sort()).toEqual([
      "ledger.correction",
      "message.resend",
      "message.resend",
    ]);
    // The log itself is never rewritten.
    expect(await h.rows("SELECT COUNT(*) AS n FROM audit_log")).toEqual([{ n: 3 }]);
  });

  test("the page's placeholders are translated", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 oasis");
    await h.sms(SUE, `YES ${await latestCode(h, "oasis")()}`);
    const id = await memberId(h, SHARON);
    await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
      hours: "-1",
      reason: "Sharon asked",
    });
    await h.sms(SHARON, "DELETE ME");
    await h.sms(SHARON, "YES");
    const pl = await coordinator.get("/admin/audit?lang=pl");
    const text = textOf(pl.html);
    expect(text).toContain("usunięta osoba");
    expect(text).toContain("[usunięto]");
    expect(pl.html).not.toContain("Sharon");
  });
});

describe("the partners page and an erased member", () => {
  test("their open request is withdrawn: it leaves the page, and a stale confirm changes nothing", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 oasis");
    const code = await latestCode(h, "oasis")();
    const [entry] = await h.rows("SELECT id FROM ledger_entries WHERE code = ?", code);
    const page = await coordinator.get("/admin/partners");
    const oasis = () => /<section class="panel" data-partner="oasis">([\s\S]*?)<\/section>/;
    expect(textOf(oasis().exec(page.html)?.[1] ?? "")).toContain(`1 open request ${code} Sharon`);

    await h.sms(SHARON, "DELETE ME");
    await h.sms(SHARON, "YES");
    const after = await coordinator.get("/admin/partners");
    const section = textOf(oasis().exec(after.html)?.[1] ?? "");
    expect(section).not.toContain("open request");
    expect(section).not.toContain(code);

    // A tab opened before the erasure: the confirm is refused and nothing is written.
    const stale = await coordinator.post(`/admin/partners/requests/${entry?.id}/confirm`, {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] ?? "",
    });
    expect(stale.status).not.toBe(303);
    expect(await h.rows("SELECT status, settled_by FROM ledger_entries WHERE code = ?", code)).toEqual([
      { status: "expired", settled_by: "erasure" },
    ]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM audit_log")).toEqual([{ n: 0 }]);
  });
});
