// The admin JSON API for members, partners, requests, the outbox and the scheme file, through HTTP on
// the real app and database: the bearer token only, zod-checked input (400 with every issue, nothing
// written), 404 for unknown ids, and each change with its audit row by actor "api".
import { describe, expect, test } from "vitest";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { ADMIN_TOKEN, adminHarness, Coordinator } from "./support.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const KATE = "+447700900001"; // contact, The Staithe

type Issue = { path: string; message: string };
type Body = Record<string, unknown> & { issues?: Issue[]; error?: string };

/** One API call with the bearer token (or the headers given); the body is JSON unless a string. */
async function api(
  h: Harness,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${ADMIN_TOKEN}` },
): Promise<{ status: number; body: Body }> {
  const res = await h.app.request(path, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Body };
}

/** Everything the API could change, to prove a refused call wrote nothing. */
const snapshot = (h: Harness) =>
  Promise.all(
    ["scheme", "partners", "partner_contacts", "members", "ledger_entries", "offers", "events"]
      .map((t) => h.rows(`SELECT * FROM ${t} ORDER BY rowid`))
      .concat([h.rows("SELECT * FROM audit_log ORDER BY id"), h.rows("SELECT * FROM outbox ORDER BY id")]),
  );

const audit = (h: Harness) =>
  h.rows("SELECT actor, action, subject, before, after FROM audit_log ORDER BY id");
const memberId = async (h: Harness, phone: string) =>
  Number((await h.rows("SELECT id FROM members WHERE phone = ?", phone))[0]?.id);
const paths = (body: Body) => (body.issues ?? []).map((i) => i.path).sort();

describe("auth", () => {
  const ROUTES = [
    ["GET", "/admin/api/members?q=anna"],
    ["GET", "/admin/api/members/1"],
    ["POST", "/admin/api/members/1/corrections"],
    ["POST", "/admin/api/members/1/resend"],
    ["PUT", "/admin/api/members/1/plain-sms"],
    ["GET", "/admin/api/partners"],
    ["GET", "/admin/api/partners/staithe"],
    ["POST", "/admin/api/partners"],
    ["PUT", "/admin/api/partners/staithe"],
    ["POST", "/admin/api/requests/123/confirm"],
    ["POST", "/admin/api/requests/123/reject"],
    ["GET", "/admin/api/outbox"],
    ["POST", "/admin/api/outbox/1/retry"],
    ["GET", "/admin/api/scheme"],
    ["POST", "/admin/api/scheme"],
  ] as const;

  test("every route answers 401 without the token, with a wrong one, and with only a session cookie", async () => {
    const h = await adminHarness();
    const coordinator = new Coordinator(h);
    expect((await coordinator.login()).status).toBe(303);
    const cookie = [...coordinator.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const before = await snapshot(h);
    for (const [i, [method, path]] of ROUTES.entries()) {
      const body = method === "GET" ? undefined : { on: true, partner: "staithe" };
      // Each wrong token from its own address: five from one would be throttled (429, throttle.test.ts).
      const attempts: Array<Record<string, string>> = [
        {},
        { authorization: "Bearer wrong-token", "cf-connecting-ip": `192.0.2.${i + 1}` },
        { cookie },
      ];
      for (const headers of attempts) {
        const res = await api(h, method, path, body, headers);
        expect(res, `${method} ${path} ${JSON.stringify(headers)}`).toEqual({
          status: 401,
          body: { error: "unauthorized" },
        });
      }
    }
    expect(await snapshot(h)).toEqual(before);
  });
});

describe("members", () => {
  test("search by name or number; a member's profile, balance and history; unknown ids are 404", async () => {
    const h = await adminHarness();
    const byName = await api(h, "GET", "/admin/api/members?q=ANNA");
    expect(byName.status).toBe(200);
    expect(byName.body.members).toEqual([
      expect.objectContaining({ name: "Anna", phone: ANNA, locale: "pl" }),
    ]);
    const byNumber = await api(h, "GET", `/admin/api/members?q=${encodeURIComponent("07700 900101")}`);
    expect(byNumber.body.members).toEqual([expect.objectContaining({ name: "Sharon", phone: SHARON })]);
    const tooLong = await api(h, "GET", `/admin/api/members?q=${"x".repeat(101)}`);
    expect(tooLong.status).toBe(400);
    expect(paths(tooLong.body)).toEqual(["q"]);

    await h.sms(SHARON, "LOG 2 staithe");
    const id = await memberId(h, SHARON);
    const one = await api(h, "GET", `/admin/api/members/${id}`);
    expect(one.status).toBe(200);
    expect(one.body.member).toMatchObject({
      id,
      name: "Sharon",
      available: 0,
      pending: 120,
      plainSms: false,
    });
    expect(one.body.history).toEqual([
      expect.objectContaining({
        kind: "earning",
        status: "pending",
        minutes: 120,
        partnerName: "The Staithe",
      }),
    ]);
    for (const bad of ["999", "abc", "0", "-1"])
      expect(await api(h, "GET", `/admin/api/members/${bad}`)).toEqual({
        status: 404,
        body: { error: "no such member" },
      });
  });

  test("a correction is a counter-entry with its audit row; bad input and an overdraft write nothing", async () => {
    const h = await adminHarness();
    const id = await memberId(h, SHARON);
    const path = `/admin/api/members/${id}/corrections`;
    const before = await snapshot(h);

    const notJson = await api(h, "POST", path, "{credits: 2");
    expect(notJson.status).toBe(400);
    expect(notJson.body.issues).toEqual([{ path: "", message: "the body is not valid JSON" }]);
    const wrongTypes = await api(h, "POST", path, { credits: "two", reason: 7 });
    expect(wrongTypes.status).toBe(400);
    expect(wrongTypes.body.issues).toEqual([
      { path: "credits", message: "expected number" },
      { path: "reason", message: "expected string" },
    ]);
    // The page's own rules: no zero, at most 100 credits, a reason of 3 to 300 characters.
    const rules = await api(h, "POST", path, { credits: 0, reason: "x" });
    expect(rules.body.issues).toEqual([
      { path: "credits", message: "A correction of 0 changes nothing." },
      { path: "reason", message: "Give a reason of 3 to 300 characters." },
    ]);
    const tooBig = await api(h, "POST", path, { credits: 101, reason: "big one" });
    expect(tooBig.body.issues).toEqual([
      { path: "credits", message: "At most 100 credits in one correction." },
    ]);
    const overdraw = await api(h, "POST", path, { credits: -1, reason: "Logged twice" });
    expect(overdraw.status).toBe(409);
    expect(overdraw.body.error).toBe("overdraw");
    expect(await api(h, "POST", "/admin/api/members/999/corrections", { credits: 1, reason: "abc" })).toEqual(
      {
        status: 404,
        body: { error: "no such member" },
      },
    );
    expect(await snapshot(h)).toEqual(before);

    const added = await api(h, "POST", path, { credits: 1.5, reason: "Forgot the Tuesday shift" });
    expect(added.status).toBe(201);
    expect(added.body.member).toMatchObject({ id, available: 90 });
    const taken = await api(h, "POST", path, { credits: -0.5, reason: "Half an hour too many" });
    expect(taken.status).toBe(201);
    expect(taken.body.member).toMatchObject({ available: 60 });
    const rows = await h.rows(
      "SELECT id, kind, status, minutes, note FROM ledger_entries WHERE member_id = ? ORDER BY id",
      id,
    );
    expect(rows).toEqual([
      {
        id: expect.any(Number),
        kind: "correction",
        status: "confirmed",
        minutes: 90,
        note: "Forgot the Tuesday shift",
      },
      {
        id: expect.any(Number),
        kind: "correction",
        status: "confirmed",
        minutes: -30,
        note: "Half an hour too many",
      },
    ]);
    const log = await audit(h);
    expect(log.map((r) => [r.actor, r.action, r.subject])).toEqual([
      ["api", "ledger.correction", `member:${id}`],
      ["api", "ledger.correction", `member:${id}`],
    ]);
    expect(JSON.parse(String(log[1]?.after))).toMatchObject({
      available: 60,
      minutes: -30,
      entryId: rows[1]?.id,
    });
    // Now the balance is 1 credit: taking 2 would overdraw it.
    expect((await api(h, "POST", path, { credits: -2, reason: "Too much" })).status).toBe(409);
    expect(await h.rows("SELECT id FROM ledger_entries WHERE member_id = ?", id)).toHaveLength(2);
  });

  test("resend a message and set plain-letters SMS; an opted-out member gets nothing", async () => {
    const h = await adminHarness();
    await h.sms(SHARON, "LOG 2 staithe");
    const code = await latestCode(h, "staithe")();
    expect((await api(h, "POST", `/admin/api/requests/${code}/confirm`, { partner: "staithe" })).status).toBe(
      200,
    );
    const id = await memberId(h, SHARON);
    const [news] = await h.rows("SELECT id, body FROM outbox WHERE address = ? ORDER BY id", SHARON);
    const path = `/admin/api/members/${id}/resend`;
    await h.flush();
    const before = await snapshot(h);
    expect((await api(h, "POST", path, { messageId: "one" })).body.issues).toEqual([
      { path: "messageId", message: "expected number" },
    ]);
    expect(await api(h, "POST", path, { messageId: 99999 })).toEqual({
      status: 404,
      body: { error: "no such message to this member" },
    });
    expect(await snapshot(h)).toEqual(before);

    const resent = await api(h, "POST", path, { messageId: news?.id });
    expect(resent).toEqual({ status: 202, body: { resent: news?.id } });
    const copies = await h.rows("SELECT body FROM outbox WHERE address = ? ORDER BY id", SHARON);
    expect(copies).toEqual([{ body: news?.body }, { body: news?.body }]);
    expect((await audit(h)).at(-1)).toMatchObject({
      actor: "api",
      action: "message.resend",
      subject: `member:${id}`,
    });

    const plain = `/admin/api/members/${id}/plain-sms`;
    expect((await api(h, "PUT", plain, { on: "yes" })).body.issues).toEqual([
      { path: "on", message: "expected boolean" },
    ]);
    expect(await api(h, "PUT", plain, { on: true })).toEqual({ status: 200, body: { id, plainSms: true } });
    expect(await h.rows("SELECT plain_sms FROM members WHERE id = ?", id)).toEqual([{ plain_sms: 1 }]);
    expect((await audit(h)).at(-1)).toMatchObject({
      actor: "api",
      action: "member.plainSms",
      before: JSON.stringify({ plainSms: false }),
      after: JSON.stringify({ plainSms: true }),
    });
    expect((await api(h, "PUT", "/admin/api/members/999/plain-sms", { on: true })).status).toBe(404);

    await h.sms(SHARON, "STOP");
    await h.flush();
    const outboxBefore = await h.rows("SELECT id FROM outbox");
    const stopped = await api(h, "POST", path, { messageId: news?.id });
    expect(stopped.status).toBe(409);
    expect(await h.rows("SELECT id FROM outbox")).toEqual(outboxBefore);
  });
});

describe("partners", () => {
  test("list and one partner with contacts, aliases, activities and open requests", async () => {
    const h = await adminHarness();
    await h.sms(SHARON, "LOG 2 staithe");
    const code = await latestCode(h, "staithe")();
    const list = await api(h, "GET", "/admin/api/partners");
    expect(list.status).toBe(200);
    const ids = (list.body.partners as Array<{ id: string }>).map((p) => p.id);
    expect(ids).toContain("staithe");
    expect(ids).toContain("cinema");
    const staithe = await api(h, "GET", "/admin/api/partners/staithe");
    expect(staithe.status).toBe(200);
    expect(staithe.body).toMatchObject({
      id: "staithe",
      name: "The Staithe",
      aliases: ["staithe", "hostel", "schronisko", "noclegownia", "patversme"],
      earn: true,
      spend: false,
      contacts: expect.arrayContaining([expect.objectContaining({ phone: KATE, telegramId: 1001 })]),
      requests: [expect.objectContaining({ code, memberName: "Sharon", minutes: 120 })],
    });
    expect((staithe.body.activities as Array<{ id: string }>).length).toBeGreaterThan(0);
    expect(await api(h, "GET", "/admin/api/partners/nowhere")).toEqual({
      status: 404,
      body: { error: "no such partner" },
    });
  });

  const foodbank = {
    id: "foodbank",
    name: "Wisbech Food Bank",
    aliases: ["food"],
    activities: ["Sorting", { id: "driving", title: { en: "Driving", pl: "Kierowca" } }],
    contacts: [{ name: "Dev", phone: "07700 900050", locale: "en" }],
  };

  test("add a partner: the form's checks as issues with nothing written, then a partner the bot knows", async () => {
    const h = await adminHarness();
    const before = await snapshot(h);
    expect((await api(h, "POST", "/admin/api/partners", "not json")).status).toBe(400);
    const shape = await api(h, "POST", "/admin/api/partners", { name: 3, earn: "yes", contacts: [{}] });
    expect(shape.status).toBe(400);
    expect(paths(shape.body)).toEqual(["contacts.0.name", "earn", "name"]);
    const rules = await api(h, "POST", "/admin/api/partners", {
      ...foodbank,
      id: "Food Bank!",
      aliases: ["hostel"],
      contacts: [
        { name: "Dev", phone: "12", locale: "en" },
        { name: "", phone: "07700 900051" },
      ],
    });
    expect(rules.status).toBe(400);
    expect(rules.body.issues).toEqual(
      expect.arrayContaining([
        { path: "id", message: expect.any(String) },
        { path: "aliases", message: expect.any(String) },
        { path: "contacts.0.phone", message: expect.any(String) },
        { path: "contacts.1.name", message: expect.any(String) },
      ]),
    );
    // The form's own messages, in English, not their translation keys.
    expect(rules.body.issues).toContainEqual({
      path: "contacts.0.phone",
      message: "Give a phone number, e.g. 07700 900100.",
    });
    const taken = await api(h, "POST", "/admin/api/partners", { ...foodbank, id: "staithe", aliases: [] });
    expect(paths(taken.body)).toEqual(["id"]);
    expect(await snapshot(h)).toEqual(before);

    const created = await api(h, "POST", "/admin/api/partners", foodbank);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: "foodbank",
      name: "Wisbech Food Bank",
      earn: true,
      spend: false,
      aliases: ["food"],
      activities: [
        { id: "sorting", title: { en: "Sorting" } },
        { id: "driving", title: { en: "Driving", pl: "Kierowca" } },
      ],
      contacts: [expect.objectContaining({ name: "Dev", phone: "+447700900050", locale: "en" })],
      requests: [],
    });
    expect((await audit(h)).map((r) => [r.actor, r.action, r.subject])).toEqual([
      ["api", "partner.create", "partner:foodbank"],
    ]);

    // The bot knows the new partner by its alias, and asks its contact.
    const reply = await h.sms(SHARON, "LOG 2 food sorting");
    expect(reply.messages.join(" ")).toContain("Wisbech Food Bank");
    expect(await h.rows("SELECT partner_id, status, minutes FROM ledger_entries")).toEqual([
      { partner_id: "foodbank", status: "pending", minutes: 120 },
    ]);
    expect(await h.rows("SELECT address FROM outbox")).toContainEqual({ address: "+447700900050" });
  });

  test("edit a partner: contacts matched by phone, one left out is removed; unknown ids 404", async () => {
    const h = await adminHarness();
    const [kate] = await h.rows("SELECT id FROM partner_contacts WHERE phone = ?", KATE);
    const edit = {
      name: "The Staithe Hostel",
      aliases: ["staithe", "hostel"],
      activities: ["Kitchen"],
      contacts: [{ name: "Kate B", phone: "07700 900001", locale: "pl" }],
    };
    expect((await api(h, "PUT", "/admin/api/partners/nowhere", edit)).status).toBe(404);
    const before = await snapshot(h);
    const mismatch = await api(h, "PUT", "/admin/api/partners/staithe", { ...edit, id: "oasis" });
    expect(mismatch.body.issues).toEqual([{ path: "id", message: "must be the partner's id in the URL" }]);
    const clash = await api(h, "PUT", "/admin/api/partners/staithe", { ...edit, aliases: ["oasis"] });
    expect(paths(clash.body)).toEqual(["aliases"]);
    expect(await snapshot(h)).toEqual(before);

    const saved = await api(h, "PUT", "/admin/api/partners/staithe", edit);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ id: "staithe", name: "The Staithe Hostel" });
    // Kate keeps her row (and her Telegram id); the second contact, left out, is gone.
    expect(
      await h.rows(
        "SELECT id, name, phone, telegram_id, locale FROM partner_contacts WHERE partner_id = 'staithe'",
      ),
    ).toEqual([{ id: kate?.id, name: "Kate B", phone: KATE, telegram_id: 1001, locale: "pl" }]);
    const [row] = await audit(h);
    expect(row).toMatchObject({ actor: "api", action: "partner.update", subject: "partner:staithe" });
    expect(JSON.parse(String(row?.before))).toMatchObject({ name: "The Staithe" });
    expect(JSON.parse(String(row?.after))).toMatchObject({ name: "The Staithe Hostel" });
  });
});

describe("requests", () => {
  test("confirm a request logged by SMS: settled once, the member told, audited as api", async () => {
    const h = await adminHarness();
    await h.sms(SHARON, "LOG 2 staithe");
    await h.flush();
    const code = await latestCode(h, "staithe")();
    const path = `/admin/api/requests/${code}/confirm`;
    const before = await snapshot(h);
    expect(paths((await api(h, "POST", path, {})).body)).toEqual(["partner"]);
    expect((await api(h, "POST", path, "{")).status).toBe(400);
    expect(await api(h, "POST", path, { partner: "nowhere" })).toEqual({
      status: 404,
      body: { error: "no such partner" },
    });
    expect((await api(h, "POST", path, { partner: "oasis" })).status).toBe(404);
    expect((await api(h, "POST", "/admin/api/requests/000/confirm", { partner: "staithe" })).status).toBe(
      404,
    );
    expect(await snapshot(h)).toEqual(before);

    const confirmed = await api(h, "POST", path, { partner: "staithe" });
    expect(confirmed).toEqual({
      status: 200,
      body: {
        code,
        entry: expect.any(Number),
        status: "confirmed",
        member: await memberId(h, SHARON),
        minutes: 120,
      },
    });
    expect(await h.rows("SELECT status, settled_by FROM ledger_entries WHERE code = ?", code)).toEqual([
      { status: "confirmed", settled_by: "coordinator" },
    ]);
    const news = await h.rows("SELECT body FROM outbox WHERE address = ?", SHARON);
    expect(news).toHaveLength(1);
    expect(String(news[0]?.body)).toContain("The Staithe");
    expect((await audit(h)).map((r) => [r.actor, r.action])).toEqual([["api", "earning.confirm"]]);
    // Settled already: no open request with that code any more.
    expect((await api(h, "POST", path, { partner: "staithe" })).status).toBe(404);
    expect(await h.rows("SELECT id FROM audit_log")).toHaveLength(1);
  });

  test("reject with a reason: the member is told why, in their language", async () => {
    const h = await adminHarness();
    await h.sms(ANNA, "GODZINY 3 staithe");
    const code = await latestCode(h, "staithe")();
    const long = await api(h, "POST", `/admin/api/requests/${code}/reject`, {
      partner: "staithe",
      reason: "x".repeat(201),
    });
    expect(paths(long.body)).toEqual(["reason"]);
    const rejected = await api(h, "POST", `/admin/api/requests/${code}/reject`, {
      partner: "staithe",
      reason: "Nie było cię na zmianie",
    });
    expect(rejected.body).toMatchObject({ code, status: "rejected", minutes: 180 });
    expect(await h.rows("SELECT status, reason FROM ledger_entries WHERE code = ?", code)).toEqual([
      { status: "rejected", reason: "Nie było cię na zmianie" },
    ]);
    const [news] = await h.rows("SELECT body FROM outbox WHERE address = ?", ANNA);
    expect(String(news?.body)).toContain("Nie było cię na zmianie");
    expect((await audit(h)).map((r) => [r.actor, r.action])).toEqual([["api", "earning.reject"]]);
  });
});

describe("outbox", () => {
  test("failed and retrying messages without their text; retry a failed one", async () => {
    // Twilio refuses every message for good (a 400), so the member's news fails at once; later it takes them.
    let refuse = true;
    const h = await createHarness({
      env: { ADMIN_TOKEN },
      fetch: async () =>
        refuse
          ? new Response(JSON.stringify({ code: 21211, message: "Invalid 'To' Phone Number" }), {
              status: 400,
            })
          : new Response(JSON.stringify({ sid: "SM123" }), { status: 201 }),
    });
    await h.sms(SHARON, "LOG 2 staithe");
    await h.flush();
    const code = await latestCode(h, "staithe")();
    await api(h, "POST", `/admin/api/requests/${code}/confirm`, { partner: "staithe" });
    await h.flush();
    const [failed] = await h.rows(
      "SELECT id, body FROM outbox WHERE address = ? AND status = 'failed'",
      SHARON,
    );
    expect(failed).toBeDefined();

    const listed = await api(h, "GET", "/admin/api/outbox");
    expect(listed.status).toBe(200);
    expect(listed.body.counts).toMatchObject({ failed: expect.any(Number) });
    expect(listed.body.messages).toContainEqual(
      expect.objectContaining({ id: failed?.id, status: "failed", recipient: "••••0101", attempts: 1 }),
    );
    expect(JSON.stringify(listed.body)).not.toContain(String(failed?.body).slice(0, 20));

    const before = await snapshot(h);
    for (const bad of ["999999", "abc"])
      expect(await api(h, "POST", `/admin/api/outbox/${bad}/retry`)).toEqual({
        status: 404,
        body: { error: "no failed message with this id" },
      });
    expect(await snapshot(h)).toEqual(before);
    refuse = false;
    const retried = await api(h, "POST", `/admin/api/outbox/${failed?.id}/retry`);
    expect(retried).toEqual({ status: 200, body: { id: failed?.id, status: "pending" } });
    await h.flush();
    expect(await h.rows("SELECT status, attempts FROM outbox WHERE id = ?", Number(failed?.id))).toEqual([
      { status: "sent", attempts: 2 },
    ]);
    // Sent now: nothing left to retry.
    expect((await api(h, "POST", `/admin/api/outbox/${failed?.id}/retry`)).status).toBe(404);
    expect((await audit(h)).at(-1)).toMatchObject({
      actor: "api",
      action: "outbox.retry",
      subject: `outbox:${failed?.id}`,
    });
  });
});

describe("scheme file", () => {
  test("GET is the export; an invalid file is refused whole with every error; a valid one is imported", async () => {
    const h = await adminHarness();
    const exported = await api(h, "GET", "/admin/api/scheme");
    expect(exported.status).toBe(200);
    expect(exported.body.scheme).toMatchObject({ name: expect.any(String), timezone: "Europe/London" });
    expect((exported.body.partners as Array<{ id: string }>).map((p) => p.id)).toContain("staithe");

    const scheme = demoScheme() as { partners: unknown[]; offers: unknown[]; members: unknown[] };
    const foodbank = {
      id: "foodbank",
      name: "Wisbech Food Bank",
      aliases: ["food"],
      activities: ["Sorting"],
      contacts: [{ name: "Dev", phone: "07700 900050" }],
    };
    const before = await snapshot(h);
    const broken = {
      ...scheme,
      partners: [...scheme.partners, { ...foodbank, contacts: [{ name: "Dev", phone: "call me" }] }],
      offers: [...scheme.offers, { id: "soup", partner: "nowhere", title: { en: "Soup" }, cost: 0.1 }],
    };
    const refused = await api(h, "POST", "/admin/api/scheme", broken);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe("invalid scheme file");
    const n = scheme.partners.length;
    const o = scheme.offers.length;
    expect(refused.body.issues).toEqual(
      expect.arrayContaining([
        { path: `partners.${n}.contacts.0.phone`, message: 'not a valid phone number: "call me"' },
        { path: `offers.${o}.cost`, message: "must be a multiple of 0.25" },
        { path: `offers.${o}.partner`, message: 'unknown partner "nowhere"' },
      ]),
    );
    expect(refused.body.issues).toHaveLength(3);
    expect((await api(h, "POST", "/admin/api/scheme", "{")).status).toBe(400);
    expect((await api(h, "POST", "/admin/api/scheme", [])).status).toBe(400);
    expect(await snapshot(h)).toEqual(before);

    const valid = {
      ...scheme,
      partners: [...scheme.partners, foodbank],
      members: [...scheme.members, { name: "Olga", phone: "07700 900150", locale: "lv" }],
    };
    const imported = await api(h, "POST", "/admin/api/scheme", valid);
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toMatchObject({
      partners: n + 1,
      members: scheme.members.length + 1,
      offers: o,
    });
    const log = await audit(h);
    expect(log.map((r) => [r.actor, r.action, r.subject])).toEqual([["api", "scheme.import", "scheme"]]);
    expect(JSON.parse(String(log[0]?.after))).toMatchObject({ partners: n + 1 });
    expect(await h.rows("SELECT name, locale FROM members WHERE phone = '+447700900150'")).toEqual([
      { name: "Olga", locale: "lv" },
    ]);

    // The bot takes hours at the new partner at once.
    await h.sms(SHARON, "LOG 2 foodbank");
    expect(await h.rows("SELECT partner_id, minutes, status FROM ledger_entries")).toEqual([
      { partner_id: "foodbank", minutes: 120, status: "pending" },
    ]);
    // And the export now holds it.
    const again = await api(h, "GET", "/admin/api/scheme");
    expect((again.body.partners as Array<{ id: string }>).map((p) => p.id)).toContain("foodbank");
  });
});
