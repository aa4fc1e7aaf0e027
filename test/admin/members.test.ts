// The members page: search by name and number, a member's history, corrections by counter-entry
// (never an edited amount, never below zero, always audited) and resending a message.
import { describe, expect, test } from "vitest";
import type { Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { csrfOf, loggedIn, textOf } from "./support.ts";

const SHARON = "+447700900101"; // member, English
const SUE = "+447700900003"; // contact, Oasis

const memberId = async (h: Harness, phone: string) =>
  Number((await h.rows("SELECT id FROM members WHERE phone = ?", phone))[0]?.id);

/** Sharon logs 2 h at Oasis and Sue confirms: 2 credits, and a "confirmed" message to her. */
async function sharonEarns(h: Harness): Promise<number> {
  await h.sms(SHARON, "LOG 2 oasis");
  await h.sms(SUE, `YES ${await latestCode(h, "oasis")()}`);
  return memberId(h, SHARON);
}

describe("search", () => {
  test.each([
    ["anna", ["Anna"]],
    ["SHAR", ["Sharon"]],
    ["janis", ["Jānis"]], // diacritics ignored
    ["Jānis", ["Jānis"]],
    ["07700 900100", ["Anna"]], // national form
    ["+447700900101", ["Sharon"]],
    ["900102", ["Jānis"]], // part of a number
    ["2002", ["Jānis"]], // Telegram id
    ["nobody", []],
    ["", ["Anna", "Jānis", "Sharon"]],
  ])("%j finds %j", async (q, names) => {
    const { coordinator } = await loggedIn();
    const page = await coordinator.get(`/admin/members?q=${encodeURIComponent(q)}`);
    expect(page.status).toBe(200);
    const found = [
      ...page.html.matchAll(/<li data-member="\d+"><a href="\/admin\/members\/\d+">([^<]+)</g),
    ].map((m) => m[1]);
    expect(found).toEqual(names);
  });
});

describe("a member's page", () => {
  test("shows the balance, the history and the messages sent", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await sharonEarns(h);
    const page = await coordinator.get(`/admin/members/${id}`);
    const text = textOf(page.html);
    expect(page.html).toMatch(/data-figure="available"><span class="figure">2</);
    expect(text).toContain("Earning confirmed +2 Oasis Community Centre");
    expect(text).toContain("Oasis Community Centre confirmed your 2 h on Sat 28 Nov");
    expect((await coordinator.get("/admin/members/9999")).status).toBe(404);
    expect((await coordinator.get("/admin/members/abc")).status).toBe(404);
  });
});

describe("corrections", () => {
  test("add a counter-entry with the reason and an audit row; amounts already written stay", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await sharonEarns(h);
    const before = await h.rows("SELECT * FROM ledger_entries ORDER BY id");
    const earning = before[0]?.id as number;
    const res = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
      hours: "-1,5",
      reason: "Logged twice by mistake",
      entry: String(earning),
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/admin/members/${id}?notice=corrected`);
    const after = await h.rows("SELECT * FROM ledger_entries ORDER BY id");
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length)).toEqual([
      expect.objectContaining({
        member_id: id,
        kind: "correction",
        status: "confirmed",
        minutes: -90,
        note: "Logged twice by mistake",
        ref_entry_id: earning,
        settled_by: "coordinator",
      }),
    ]);
    const audit = await h.rows("SELECT actor, action, subject, before, after FROM audit_log");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: "coordinator:Kim",
      action: "ledger.correction",
      subject: `member:${id}`,
    });
    expect(JSON.parse(String(audit[0]?.before))).toEqual({ available: 120 });
    expect(JSON.parse(String(audit[0]?.after))).toEqual({
      available: 30,
      minutes: -90,
      reason: "Logged twice by mistake",
      refEntryId: earning,
      entryId: after.at(-1)?.id,
    });
    const page = await coordinator.get(res.location as string);
    expect(textOf(page.html)).toContain("Correction added.");
    expect(page.html).toMatch(/data-figure="available"><span class="figure">0.5</);
    expect(textOf(page.html)).toContain("Correction confirmed -1.5 Logged twice by mistake · corrects #");
    const pl = await coordinator.get(`/admin/members/${id}?lang=pl`);
    expect(pl.html).toMatch(/data-figure="available"><span class="figure">0,5</);
  });

  test("a correction under one credit keeps its minus sign; activities read as their titles", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 oasis food bank");
    await h.sms(SUE, `YES ${await latestCode(h, "oasis")()}`);
    const id = await memberId(h, SHARON);
    await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
      hours: "-0.5",
      reason: "A break",
    });
    const text = textOf((await coordinator.get(`/admin/members/${id}`)).html);
    expect(text).toContain("Correction confirmed -0.5 A break");
    expect(text).toContain("Earning confirmed +2 Oasis Community Centre · Food bank");
    const pl = textOf((await coordinator.get(`/admin/members/${id}?lang=pl`)).html);
    expect(pl).toContain("Korekta potwierdzono -0,5 A break");
    expect(pl).toContain("Oasis Community Centre · Bank żywności");
  });

  test("a correction that would make the balance negative is refused and writes nothing", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await sharonEarns(h);
    const ledger = await h.rows("SELECT * FROM ledger_entries ORDER BY id");
    const res = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
      hours: "-2.5",
      reason: "Too much",
    });
    expect(res.status).toBe(409);
    expect(textOf(res.html)).toContain("Refused: the member has 2 credits available");
    expect(res.html).toContain('value="-2.5"'); // the form comes back as typed
    expect(await h.rows("SELECT * FROM ledger_entries ORDER BY id")).toEqual(ledger);
    expect(await h.rows("SELECT * FROM audit_log")).toEqual([]);
    // Exactly down to zero is allowed.
    const zero = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
      hours: "-2",
      reason: "Hours were at another scheme",
    });
    expect(zero.status).toBe(303);
  });

  test("bad input comes back with its errors and writes nothing", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await sharonEarns(h);
    for (const [hours, reason, error] of [
      ["lots", "A good reason", "Write a number of credits"],
      ["0", "A good reason", "A correction of 0 changes nothing"],
      ["250", "A good reason", "At most 100 credits"],
      ["1", "", "Give a reason of 3 to 300 characters"],
    ] as const) {
      const res = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/corrections`, {
        hours,
        reason,
      });
      expect(res.status, hours).toBe(422);
      expect(textOf(res.html)).toContain(error);
    }
    expect(await h.rows("SELECT * FROM ledger_entries WHERE kind = 'correction'")).toEqual([]);
    expect(await h.rows("SELECT * FROM audit_log")).toEqual([]);
  });

  test("two racing corrections cannot overdraw between them", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await sharonEarns(h);
    const page = await coordinator.get(`/admin/members/${id}`);
    const form = { _csrf: csrfOf(page.html), hours: "-1.5", reason: "Race" };
    const results = await Promise.all([
      coordinator.post(`/admin/members/${id}/corrections`, form),
      coordinator.post(`/admin/members/${id}/corrections`, form),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await h.rows("SELECT minutes FROM ledger_entries WHERE kind = 'correction'")).toEqual([
      { minutes: -90 },
    ]);
  });
});

describe("resending a message", () => {
  test("queues the same text again on the same channel, audited", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await sharonEarns(h);
    const [sent] = await h.rows("SELECT id, body FROM outbox WHERE address = ? ORDER BY id DESC", SHARON);
    const res = await coordinator.submit(
      `/admin/members/${id}`,
      `/admin/members/${id}/messages/${sent?.id}/resend`,
      {},
    );
    expect(res.status).toBe(303);
    const copies = await h.rows(
      "SELECT channel, body, status FROM outbox WHERE address = ? AND body = ?",
      SHARON,
      String(sent?.body),
    );
    expect(copies).toHaveLength(2);
    expect(copies[1]).toEqual({ channel: "sms", body: sent?.body, status: "pending" });
    expect(await h.rows("SELECT action, subject FROM audit_log")).toEqual([
      { action: "message.resend", subject: `member:${id}` },
    ]);
    // A message to someone else cannot be resent through this member's page.
    const kate = (await h.rows("SELECT id FROM outbox WHERE address != ? LIMIT 1", SHARON))[0]?.id;
    const other = await coordinator.submit(
      `/admin/members/${id}`,
      `/admin/members/${id}/messages/${kate}/resend`,
      {},
    );
    expect(other.status).toBe(409);
  });

  test("nothing is resent to a member who opted out", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await sharonEarns(h);
    const [sent] = await h.rows("SELECT id FROM outbox WHERE address = ? ORDER BY id DESC", SHARON);
    await h.sms(SHARON, "STOP");
    const before = await h.rows("SELECT id FROM outbox");
    const res = await coordinator.submit(
      `/admin/members/${id}`,
      `/admin/members/${id}/messages/${sent?.id}/resend`,
      {},
    );
    expect(res.status).toBe(409);
    expect(textOf(res.html)).toContain("opted out");
    expect(await h.rows("SELECT id FROM outbox")).toEqual(before);
  });
});

describe("plain-letters SMS and the volunteering answer", () => {
  const ANNA = "+447700900100"; // member, Polish
  const audit = (h: Harness) =>
    h.rows("SELECT actor, action, subject, before, after FROM audit_log WHERE action = 'member.plainSms'");

  test("the toggle turns it on and off, each change audited with before and after; her next SMS follows", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await memberId(h, ANNA);
    const page = await coordinator.get(`/admin/members/${id}`);
    expect(page.html).toContain('data-plain="off"');
    expect(textOf(page.html)).toContain("Off: texts are sent with all their letters.");
    const on = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/plain`, { plain: "1" });
    expect(on.status).toBe(303);
    expect(on.location).toBe(`/admin/members/${id}?notice=plainOn`);
    expect(await h.rows("SELECT plain_sms FROM members WHERE id = ?", id)).toEqual([{ plain_sms: 1 }]);
    const shown = await coordinator.get(on.location ?? "");
    expect(shown.html).toContain('data-plain="on"');
    expect(textOf(shown.html)).toContain("Plain-letters SMS turned on.");
    expect(await audit(h)).toEqual([
      {
        actor: "coordinator:Kim",
        action: "member.plainSms",
        subject: `member:${id}`,
        before: '{"plainSms":false}',
        after: '{"plainSms":true}',
      },
    ]);
    // Anna's replies now come without Polish letters.
    expect((await h.sms(ANNA, "POMOC")).messages.join("\n")).toContain("JEZYK - zmiana");

    const off = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/plain`, {
      plain: "0",
    });
    expect(off.location).toBe(`/admin/members/${id}?notice=plainOff`);
    expect(await h.rows("SELECT plain_sms FROM members WHERE id = ?", id)).toEqual([{ plain_sms: 0 }]);
    expect(await audit(h)).toHaveLength(2);
    expect((await h.sms(ANNA, "POMOC")).messages.join("\n")).toContain("JĘZYK - zmiana");
  });

  test("the page in Polish and Latvian names the option in the coordinator's language", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await memberId(h, ANNA);
    expect(textOf((await coordinator.get(`/admin/members/${id}?lang=pl`)).html)).toContain(
      "Włącz SMS bez polskich znaków",
    );
    expect(textOf((await coordinator.get(`/admin/members/${id}?lang=lv`)).html)).toContain(
      "Ieslēgt īsziņas bez garumzīmēm",
    );
  });

  test("without the CSRF token: 403 and nothing changed", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await memberId(h, ANNA);
    const forms: Record<string, string>[] = [{ plain: "1" }, { plain: "1", _csrf: "forged" }];
    for (const form of forms) {
      expect((await coordinator.post(`/admin/members/${id}/plain`, form)).status).toBe(403);
    }
    expect(await h.rows("SELECT plain_sms FROM members WHERE id = ?", id)).toEqual([{ plain_sms: 0 }]);
    expect(await audit(h)).toEqual([]);
  });

  test("a bad value is answered with the page and its error; an unknown member is 404; nothing written", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await memberId(h, ANNA);
    for (const plain of ["yes", "", "2"]) {
      const res = await coordinator.submit(`/admin/members/${id}`, `/admin/members/${id}/plain`, { plain });
      expect(res.status).toBe(422);
      expect(textOf(res.html)).toContain("Choose on or off.");
      expect(csrfOf(res.html)).toBeTruthy();
    }
    const missing = await coordinator.submit(`/admin/members/${id}`, "/admin/members/9999/plain", {
      plain: "1",
    });
    expect(missing.status).toBe(404);
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE plain_sms = 1")).toEqual([{ n: 0 }]);
    expect(await audit(h)).toEqual([]);
  });

  test("the form sets a value rather than flipping it: a change the member made meanwhile is not undone", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await memberId(h, ANNA);
    const page = await coordinator.get(`/admin/members/${id}`);
    await h.sms(ANNA, "BEZ POLSKICH ZNAKÓW");
    // The coordinator's page still said "off": "turn on" finds it on already and changes nothing.
    const stale = await coordinator.post(`/admin/members/${id}/plain`, {
      _csrf: csrfOf(page.html),
      plain: "1",
    });
    expect(stale.status).toBe(303);
    expect(await h.rows("SELECT plain_sms FROM members WHERE id = ?", id)).toEqual([{ plain_sms: 1 }]);
    expect(await audit(h)).toEqual([]);
    const turnOff = await coordinator.post(`/admin/members/${id}/plain`, {
      _csrf: csrfOf(page.html),
      plain: "0",
    });
    expect(turnOff.status).toBe(303);
    expect(await h.rows("SELECT plain_sms FROM members WHERE id = ?", id)).toEqual([{ plain_sms: 0 }]);
    expect(await audit(h)).toHaveLength(1);
  });

  test("the member's answer to 'Have you volunteered before?' is shown", async () => {
    const { h, coordinator } = await loggedIn();
    const phone = "+447700900655";
    for (const text of ["Hello", "1", "Nina", "YES", "NO"]) await h.sms(phone, text);
    const nina = await memberId(h, phone);
    expect(textOf((await coordinator.get(`/admin/members/${nina}`)).html)).toContain(
      "Volunteered before joining: no, first time",
    );
    const anna = await memberId(h, ANNA);
    expect(textOf((await coordinator.get(`/admin/members/${anna}`)).html)).toContain(
      "Volunteered before joining: not answered",
    );
  });
});
