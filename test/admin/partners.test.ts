// The partners page: open requests confirmed or rejected on a partner's behalf exactly as a contact's
// answer would (once, with the member told in their language, audited), and the partner form.
import { describe, expect, test } from "vitest";
import type { Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { type Coordinator, loggedIn, textOf } from "./support.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const KATE = "+447700900001"; // contact, The Staithe

const request = async (h: Harness, code: string) =>
  (await h.rows("SELECT * FROM ledger_entries WHERE code = ?", code))[0] as Record<string, unknown>;

/** Presses a request's button on the partners page. */
const press = (coordinator: Coordinator, id: unknown, decision: "confirm" | "reject", reason?: string) =>
  coordinator.submit(
    "/admin/partners",
    `/admin/partners/requests/${id}/${decision}`,
    reason ? { reason } : {},
  );

describe("confirming on a partner's behalf", () => {
  test("the third confirmation offers weekly TIPS, as a contact's YES does, and only once", async () => {
    const { h, coordinator } = await loggedIn();
    for (const hours of [1, 2]) {
      await h.sms(SHARON, `LOG ${hours} staithe`);
      await h.sms(KATE, `YES ${await latestCode(h, "staithe")()}`);
    }
    await h.sms(SHARON, "LOG 1 staithe");
    const entry = await request(h, await latestCode(h, "staithe")());
    const before = Number((await h.rows("SELECT MAX(id) AS id FROM outbox"))[0]?.id ?? 0);
    expect((await press(coordinator, entry.id, "confirm")).status).toBe(303);
    const news = await h.rows(
      "SELECT address, body FROM outbox WHERE id > ? AND address = ?",
      before,
      SHARON,
    );
    expect(news.map((m) => String(m.body)).join("\n")).toContain(
      "Want one short idea a week for spending your credits? Reply TIPS.",
    );
    expect((await h.rows("SELECT nudges FROM members WHERE phone = ?", SHARON))[0]).toEqual({ nudges: 0 });
  });

  test("settles the request once, tells the member in Polish, and is audited", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(ANNA, "GODZINY 3 staithe ogrodnictwo");
    const code = await latestCode(h, "staithe")();
    const entry = await request(h, code);

    const list = await coordinator.get("/admin/partners");
    const staithe =
      /<section class="panel" data-partner="staithe">([\s\S]*?)<\/section>/.exec(list.html)?.[1] ?? "";
    expect(textOf(staithe)).toContain(`1 open request ${code} Anna : 3 h on 28 Nov 2026 · Gardening`);

    const outboxBefore = await h.rows("SELECT id FROM outbox");
    const res = await press(coordinator, entry.id, "confirm");
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/admin/partners?notice=confirmed&code=${code}`);
    expect(await request(h, code)).toMatchObject({
      status: "confirmed",
      settled_by: "coordinator",
      minutes: 180,
    });

    const news = await h.rows(
      "SELECT channel, address, body FROM outbox WHERE id > ?",
      Number(outboxBefore.at(-1)?.id ?? 0),
    );
    // The same news a contact's TAK sends (core/notices/earning.ts), the idea that fits included.
    expect(news).toEqual([
      {
        channel: "sms",
        address: ANNA,
        body: "The Staithe potwierdza 3 godz. (sob. 28 lis). Masz teraz 3 kredyty.\nPropozycja:\nRodzinne bingo, pt. 4 gru 18:00, Oasis Community Centre: 1 kredyt",
      },
    ]);
    const audit = await h.rows("SELECT actor, action, subject, before, after FROM audit_log");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor: "coordinator:Kim",
      action: "earning.confirm",
      subject: `entry:${entry.id}`,
    });
    expect(JSON.parse(String(audit[0]?.before))).toEqual({ status: "pending" });
    expect(JSON.parse(String(audit[0]?.after))).toMatchObject({
      status: "confirmed",
      settledBy: "coordinator",
      code,
    });

    const page = await coordinator.get(res.location as string);
    expect(textOf(page.html)).toContain(`Request ${code} confirmed; the member is being told.`);
    expect(textOf(page.html)).not.toContain("open request");

    // A second click (a double tap, a second tab) changes nothing and says so.
    const again = await press(coordinator, entry.id, "confirm");
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toContain(
      `Request ${code} was already settled: confirmed by the coordinator.`,
    );
    const reject = await press(coordinator, entry.id, "reject");
    expect(reject.status).toBe(409);
    expect(
      await h.rows("SELECT id FROM outbox WHERE id > ?", Number(outboxBefore.at(-1)?.id ?? 0)),
    ).toHaveLength(1);
    expect(await h.rows("SELECT id FROM audit_log")).toHaveLength(1);
    expect(await request(h, code)).toMatchObject({ status: "confirmed" });

    // The partner's contact who answers afterwards hears who did.
    const late = await h.sms(KATE, `YES ${code}`);
    expect(late.messages.join("\n")).toContain(`${code} was already confirmed by the coordinator.`);
  });

  test("two clicks at once have one effect", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 staithe");
    const code = await latestCode(h, "staithe")();
    const entry = await request(h, code);
    const page = await coordinator.get("/admin/partners");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.html)?.[1] as string;
    const results = await Promise.all(
      [0, 1].map(() => coordinator.post(`/admin/partners/requests/${entry.id}/confirm`, { _csrf: csrf })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await h.rows("SELECT id FROM audit_log")).toHaveLength(1);
    expect(
      await h.rows("SELECT id FROM outbox WHERE address = ? AND body LIKE '%confirmed%'", SHARON),
    ).toHaveLength(1);
  });

  test("rejecting with a reason tells the member the reason, in English", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 staithe");
    const code = await latestCode(h, "staithe")();
    const entry = await request(h, code);
    const res = await press(coordinator, entry.id, "reject", "Not on the rota that day");
    expect(res.status).toBe(303);
    expect(await request(h, code)).toMatchObject({
      status: "rejected",
      settled_by: "coordinator",
      reason: "Not on the rota that day",
    });
    const [news] = await h.rows("SELECT body FROM outbox WHERE address = ? ORDER BY id DESC", SHARON);
    expect(news?.body).toBe('The Staithe did not confirm your 2 h on Sat 28 Nov: "Not on the rota that day"');
    expect(await h.rows("SELECT action FROM audit_log")).toEqual([{ action: "earning.reject" }]);
  });

  test("a request a contact answered first says who did", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 staithe");
    const code = await latestCode(h, "staithe")();
    await h.sms(KATE, `YES ${code}`);
    const res = await press(coordinator, (await request(h, code)).id, "confirm");
    expect(res.status).toBe(409);
    expect(textOf(res.html)).toContain(`Request ${code} was already settled: confirmed by Kate.`);
    expect(await h.rows("SELECT id FROM audit_log")).toEqual([]);
  });
});

describe("the partner form", () => {
  const snapshot = (h: Harness) =>
    Promise.all([
      h.rows("SELECT * FROM partners ORDER BY id"),
      h.rows("SELECT * FROM partner_contacts ORDER BY id"),
      h.rows("SELECT * FROM audit_log"),
    ]);

  test("bad input comes back with each error beside its field, and nothing is written", async () => {
    const { h, coordinator } = await loggedIn();
    const before = await snapshot(h);
    const res = await coordinator.submit("/admin/partners/new", "/admin/partners/new", {
      name: "",
      aliases: "library, oasis",
      earn: "on",
      activities: "reading | Reading | Czytanie | Lasīšana\nreading",
      "contact-0-name": "Jo",
      "contact-0-phone": "12",
      "contact-0-locale": "pl",
      "contact-1-name": "",
      "contact-1-phone": "07700 900300",
      "contact-1-locale": "xx",
    });
    expect(res.status).toBe(422);
    const text = textOf(res.html);
    expect(text).toContain("Please correct the fields marked below. Nothing was saved.");
    expect(text).toContain("Give a name of 1 to 80 characters.");
    expect(text).toContain("One of these names already belongs to another partner.");
    expect(text).toContain("Two activities have the same id.");
    expect(text).toContain("Give a phone number, e.g. 07700 900100.");
    expect(text).toContain("Give the contact's name.");
    expect(text).toContain("Choose a language.");
    expect(text).not.toContain("Use lowercase letters"); // no id was typed: the name's error says it
    // What was typed comes back.
    expect(res.html).toContain('value="library, oasis"');
    expect(res.html).toContain('value="07700 900300"');
    expect(res.html).toMatch(/aria-invalid="true"[^>]*|id="contact-0-phone"[^>]*aria-invalid="true"/);
    expect(await snapshot(h)).toEqual(before);
  });

  test("a new partner is saved with its contacts and activities, audited, and the bot knows it", async () => {
    const { h, coordinator } = await loggedIn();
    const res = await coordinator.submit("/admin/partners/new", "/admin/partners/new", {
      name: "Wisbech Library",
      aliases: "library, books",
      earn: "on",
      activities: "reading | Reading | Czytanie | Lasīšana\nShelving",
      "contact-0-name": "Jo",
      "contact-0-phone": "07700 900300",
      "contact-0-locale": "pl",
    });
    expect(res.status).toBe(303);
    expect(
      await h.rows(
        "SELECT id, name, earn, spend, aliases, activities FROM partners WHERE id = 'wisbech-library'",
      ),
    ).toEqual([
      {
        id: "wisbech-library",
        name: "Wisbech Library",
        earn: 1,
        spend: 0,
        aliases: '["library","books"]',
        activities:
          '[{"id":"reading","title":{"en":"Reading","pl":"Czytanie","lv":"Lasīšana"}},{"id":"shelving","title":{"en":"Shelving"}}]',
      },
    ]);
    expect(
      await h.rows("SELECT name, phone, locale FROM partner_contacts WHERE partner_id = 'wisbech-library'"),
    ).toEqual([{ name: "Jo", phone: "+447700900300", locale: "pl" }]);
    const [audit] = await h.rows("SELECT action, subject, before, after FROM audit_log");
    expect(audit).toMatchObject({
      action: "partner.create",
      subject: "partner:wisbech-library",
      before: null,
    });
    expect(JSON.parse(String(audit?.after))).toMatchObject({
      name: "Wisbech Library",
      contacts: [{ name: "Jo" }],
    });

    await h.sms(SHARON, "LOG 2 library reading");
    expect(await h.rows("SELECT partner_id, activity, status FROM ledger_entries")).toEqual([
      { partner_id: "wisbech-library", activity: "reading", status: "pending" },
    ]);
    expect(await h.rows("SELECT address FROM outbox WHERE address = '+447700900300'")).toHaveLength(1);

    const again = await coordinator.submit("/admin/partners/new", "/admin/partners/new", {
      name: "Wisbech Library",
      earn: "on",
    });
    expect(again.status).toBe(422);
    expect(textOf(again.html)).toContain("Another partner already has this id.");
  });

  test("editing keeps what the form does not show, removes a contact, and audits before and after", async () => {
    const { h, coordinator } = await loggedIn();
    const form = await coordinator.get("/admin/partners/staithe/edit");
    expect(form.html).toContain('value="staithe, hostel, schronisko, noclegownia, patversme"');
    expect(form.html).toContain("gardening | Gardening | Ogrodnictwo | Dārzkopība");
    const [kate, marek] = await h.rows(
      "SELECT id, telegram_id FROM partner_contacts WHERE partner_id = 'staithe' ORDER BY id",
    );
    const extra = (await h.rows("SELECT extra FROM partners WHERE id = 'staithe'"))[0]?.extra;
    const res = await coordinator.submit("/admin/partners/staithe/edit", "/admin/partners/staithe/edit", {
      name: "The Staithe Hostel",
      aliases: "staithe, hostel",
      earn: "on",
      activities: "gardening | Gardening | Ogrodnictwo | Dārzkopība",
      "contact-0-id": String(kate?.id),
      "contact-0-name": "Kate",
      "contact-0-phone": "+447700900001",
      "contact-0-locale": "en",
      "contact-1-id": String(marek?.id),
      "contact-1-name": "Marek",
      "contact-1-phone": "07700 900002",
      "contact-1-locale": "pl",
      "contact-1-remove": "on",
    });
    expect(res.status).toBe(303);
    expect(await h.rows("SELECT name FROM partners WHERE id = 'staithe'")).toEqual([
      { name: "The Staithe Hostel" },
    ]);
    expect((await h.rows("SELECT extra FROM partners WHERE id = 'staithe'"))[0]?.extra).toBe(extra); // slots kept
    expect(
      await h.rows("SELECT id, name, telegram_id FROM partner_contacts WHERE partner_id = 'staithe'"),
    ).toEqual([{ id: kate?.id, name: "Kate", telegram_id: kate?.telegram_id }]);
    const [audit] = await h.rows("SELECT action, before, after FROM audit_log");
    expect(audit?.action).toBe("partner.update");
    expect(JSON.parse(String(audit?.before))).toMatchObject({
      name: "The Staithe",
      contacts: [{ name: "Kate" }, { name: "Marek" }],
    });
    expect(JSON.parse(String(audit?.after))).toMatchObject({
      name: "The Staithe Hostel",
      contacts: [{ name: "Kate" }],
    });
    expect((await coordinator.get("/admin/partners/nowhere/edit")).status).toBe(404);
  });
});

describe("the audit page", () => {
  test("lists every change, newest first, and filters by subject", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 staithe");
    const entry = await request(h, await latestCode(h, "staithe")());
    await press(coordinator, entry.id, "confirm");
    const sharon = Number((await h.rows("SELECT id FROM members WHERE phone = ?", SHARON))[0]?.id);
    await coordinator.submit(`/admin/members/${sharon}`, `/admin/members/${sharon}/corrections`, {
      hours: "1",
      reason: "Welcome bonus agreed with the partner",
    });
    const page = await coordinator.get("/admin/audit");
    const actions = [...page.html.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1]);
    expect(actions).toEqual(["ledger.correction", "earning.confirm"]);
    const text = textOf(page.html);
    expect(text).toContain("Balance corrected");
    expect(text).toContain("Request confirmed for a partner");
    expect(text).toContain("coordinator:Kim");
    expect(text).toContain("Welcome bonus agreed with the partner");
    const member = await coordinator.get(`/admin/audit?subject=member:${sharon}`);
    expect([...member.html.matchAll(/data-action="([^"]+)"/g)].map((m) => m[1])).toEqual([
      "ledger.correction",
    ]);
    const lv = await coordinator.get("/admin/audit?lang=lv");
    expect(textOf(lv.html)).toContain("Atlikums labots");
  });

  test("the audit log cannot be edited or deleted", async () => {
    const { h, coordinator } = await loggedIn();
    await h.sms(SHARON, "LOG 2 staithe");
    await press(coordinator, (await request(h, await latestCode(h, "staithe")())).id, "confirm");
    await expect(h.db.execute("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(/append-only/);
    await expect(h.db.execute("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
  });
});
