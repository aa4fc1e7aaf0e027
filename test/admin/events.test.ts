// The events and offers pages and their JSON API: login and CSRF in front of every route, each form's
// errors with nothing written, an event made in the dashboard that the bot offers and books by SMS,
// its bookings list, cancelling (credits back, members told) versus deleting, the audit trail, and
// what a re-imported scheme file does to events made here.
import { describe, expect, test } from "vitest";
import { importScheme } from "../../src/scheme/import.ts";
import { parseScheme } from "../../src/scheme/schema.ts";
import { exportScheme } from "../../src/scheme/store.ts";
import { demoScheme, type Harness } from "../support/harness.ts";
import { ADMIN_TOKEN, adminHarness, type Coordinator, csrfOf, loggedIn, textOf } from "./support.ts";

const SHARON = "+447700900101"; // member, English
const ANNA = "+447700900100"; // member, Polish
const JANIS = "+447700900102"; // member, Latvian
const PLAYGROUND = "+447700900006"; // contact of Clarkson Adventure Playground (logs without a YES)

const SOUP = {
  partner: "oasis",
  "title-en": "Winter soup evening",
  "title-pl": "Wieczór z zupą",
  "title-lv": "",
  startsAt: "2026-11-30T18:30",
  cost: "1,5",
  capacity: "20",
  community: "on",
  family: "on",
};

/** Everything the events pages could write. */
const snapshot = (h: Harness) =>
  Promise.all([
    h.rows("SELECT * FROM events ORDER BY id"),
    h.rows("SELECT * FROM offers ORDER BY id"),
    h.rows("SELECT * FROM bookings ORDER BY id"),
    h.rows("SELECT * FROM ledger_entries ORDER BY id"),
    h.rows("SELECT * FROM audit_log ORDER BY id"),
    h.rows("SELECT * FROM outbox ORDER BY id"),
  ]);

const createSoup = async (coordinator: Coordinator, form: Record<string, string> = SOUP) =>
  coordinator.submit("/admin/events/new", "/admin/events/new", form);

/** A partner's contact logs hours for a member (confirmed at once), so the member can spend. */
const earn = (h: Harness, member: string, hours: number) =>
  h.sms(PLAYGROUND, `LOG ${hours} ${member.replace("+44", "0")}`);

/** A member books `places` of suggestion number `n` through the whole SMS conversation. */
async function book(h: Harness, member: string, n: number, places: number): Promise<string[]> {
  const said: string[] = [];
  for (const text of [String(n), String(places), "YES"]) said.push(...(await h.sms(member, text)).messages);
  return said;
}

const json = async (h: Harness, path: string, init: RequestInit = {}) => {
  const headers = new Headers(init.headers);
  headers.set("authorization", `Bearer ${ADMIN_TOKEN}`);
  if (init.body) headers.set("content-type", "application/json");
  const res = await h.app.request(path, { ...init, headers });
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { issues?: Array<{ path: string }> },
  };
};

describe("login and CSRF", () => {
  const PAGES = [
    "/admin/events",
    "/admin/events/new",
    "/admin/events/bingo-dec",
    "/admin/events/bingo-dec/edit",
    "/admin/events/offer/new",
    "/admin/events/offer/swim/edit",
  ];
  const FORMS = [
    "/admin/events/new",
    "/admin/events/bingo-dec/edit",
    "/admin/events/bingo-dec/cancel",
    "/admin/events/bingo-dec/delete",
    "/admin/events/offer/new",
    "/admin/events/offer/swim/edit",
    "/admin/events/offer/swim/withdraw",
    "/admin/events/offer/swim/restore",
  ];
  const API = [
    ["GET", "/admin/api/events"],
    ["POST", "/admin/api/events"],
    ["GET", "/admin/api/events/bingo-dec"],
    ["PUT", "/admin/api/events/bingo-dec"],
    ["GET", "/admin/api/events/bingo-dec/bookings"],
    ["GET", "/admin/api/offers"],
    ["POST", "/admin/api/offers"],
    ["PUT", "/admin/api/offers/swim"],
    ["POST", "/admin/api/offers/swim/withdraw"],
    ["POST", "/admin/api/offers/swim/restore"],
  ] as const;

  test("every page, form and API route needs a login; the API takes the bearer token only", async () => {
    const h = await adminHarness();
    for (const path of PAGES) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location")).toBe("/admin/login");
    }
    for (const path of FORMS) {
      const res = await h.app.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(SOUP).toString(),
      });
      expect(res.status, path).toBe(401);
    }
    // Each wrong token from its own address: five from one would be throttled (429, throttle.test.ts).
    for (const [i, [method, path]] of API.entries()) {
      const headers = { authorization: "Bearer wrong-token", "cf-connecting-ip": `192.0.2.${i + 1}` };
      const res = await h.app.request(path, { method, headers });
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    const { coordinator } = await loggedIn();
    for (const [method, path] of API) {
      const res = await (method === "GET" ? coordinator.get(path) : coordinator.post(path, {}));
      expect(res.status, `cookie ${method} ${path}`).toBe(401);
    }
    // Logged in, every page opens.
    for (const path of PAGES) expect((await coordinator.get(path)).status, path).toBe(200);
  });

  test("a form post without the session's CSRF token is refused and writes nothing", async () => {
    const { h, coordinator } = await loggedIn();
    const before = await snapshot(h);
    for (const path of FORMS) {
      for (const csrf of [undefined, "forged"]) {
        const form: Record<string, string> = { ...SOUP };
        if (csrf) form._csrf = csrf;
        expect((await coordinator.post(path, form)).status, path).toBe(403);
      }
    }
    expect(await snapshot(h)).toEqual(before);
  });
});

describe("the event form", () => {
  test("bad input comes back with each error beside its field, as typed, and nothing is written", async () => {
    const { h, coordinator } = await loggedIn();
    const before = await snapshot(h);
    const cases: Array<[Record<string, string>, string[]]> = [
      [
        { partner: "", "title-en": "", startsAt: "tomorrow", cost: "-1", capacity: "0" },
        [
          "Choose a partner.",
          "Give a title of 1 to 80 characters.",
          "Give a date and time, e.g. 2026-12-04 18:00.",
          "Give a cost of 0 to 100 credits, in quarters (e.g. 1.5).",
          "Give a whole number of places from 1 to 10000, or leave it empty.",
        ],
      ],
      [{ ...SOUP, cost: "1.3", capacity: "2.5" }, ["in quarters", "Give a whole number of places"]],
      [{ ...SOUP, cost: "" }, ["Give a cost of 0 to 100 credits"]],
      [{ ...SOUP, startsAt: "2026-11-28T11:00" }, ["The start must be in the future."]],
      [{ ...SOUP, startsAt: "2026-02-30T18:00" }, ["Give a date and time"]],
      [{ ...SOUP, partner: "nowhere" }, ["Choose a partner."]],
      [{ ...SOUP, "title-pl": "x".repeat(81) }, ["Give a title of 1 to 80 characters."]],
    ];
    for (const [form, messages] of cases) {
      const res = await createSoup(coordinator, form);
      expect(res.status, JSON.stringify(form)).toBe(400);
      const text = textOf(res.html);
      expect(text).toContain("Please correct the fields marked below. Nothing was saved.");
      for (const m of messages) expect(text, JSON.stringify(form)).toContain(m);
      expect(res.html).toContain('aria-invalid="true"');
      if (form.startsAt) expect(res.html).toContain(`value="${form.startsAt}"`);
    }
    expect(await snapshot(h)).toEqual(before);
  });

  test("a new event is saved and audited, the bot offers it by SMS in each language, and a member books it", async () => {
    const { h, coordinator } = await loggedIn();
    const res = await createSoup(coordinator);
    expect(res.status).toBe(303);
    expect(res.location).toBe("/admin/events/winter-soup-evening-2026-11-30?notice=saved");
    const id = "winter-soup-evening-2026-11-30";
    expect(await h.rows("SELECT * FROM events WHERE id = ?", id)).toEqual([
      {
        id,
        partner_id: "oasis",
        title: '{"en":"Winter soup evening","pl":"Wieczór z zupą"}',
        starts_at: "2026-11-30T18:30:00.000Z", // London is on UTC in November
        cost_minutes: 90,
        capacity: 20,
        community: 1,
        family: 1,
        extra: '{"source":"dashboard"}',
        updated_at: "2026-11-28T12:00:00.000Z",
        cancelled_at: null,
        min_places: null,
        decide_by: null,
        decided: null,
      },
    ]);
    const [audit] = await h.rows("SELECT actor, action, subject, before, after FROM audit_log");
    expect(audit).toMatchObject({
      actor: "coordinator:Kim",
      action: "event.create",
      subject: `event:${id}`,
      before: null,
    });
    expect(JSON.parse(String(audit?.after))).toEqual({
      partner: "oasis",
      title: { en: "Winter soup evening", pl: "Wieczór z zupą" },
      startsAt: "2026-11-30T18:30:00.000Z",
      cost: 1.5,
      capacity: 20,
      community: true,
      family: true,
      cancelledAt: null,
    });
    expect(textOf((await coordinator.get(res.location as string)).html)).toContain("Event saved.");

    // The bot offers it first (it is the soonest), in English, Polish, and English for a Latvian member.
    await earn(h, SHARON, 5);
    const en = await h.sms(SHARON, "EVENTS");
    expect(en.messages.join("\n")).toContain(
      "1 Winter soup evening, Mon 30 Nov 18:30, Oasis Community Centre: 1.5 credits",
    );
    await earn(h, ANNA, 2);
    expect((await h.sms(ANNA, "WYDARZENIA")).messages.join("\n")).toContain(
      "1 Wieczór z zupą, pon. 30 lis 18:30",
    );
    await earn(h, JANIS, 2);
    expect((await h.sms(JANIS, "PASĀKUMI")).messages.join("\n")).toContain("1 Winter soup evening,");

    const said = await book(h, SHARON, 1, 2);
    expect(said[0]).toBe("How many places at Winter soup evening? Each costs 1.5 credits.");
    expect(said[1]).toBe("Book Winter soup evening, places: 2, for 3 credits? Reply YES or NO.");
    expect(said[2]).toMatch(
      /^Booked Winter soup evening, Mon 30 Nov 18:30, places: 2\. Code (\d{4}): show it at the door\. CANCEL \1 to cancel\. 2 credits left\.$/,
    );
    const code = /Code (\d{4})/.exec(said[2] ?? "")?.[1];
    const sharon = Number((await h.rows("SELECT id FROM members WHERE phone = ?", SHARON))[0]?.id);
    expect(
      await h.rows(
        "SELECT code, member_id, partner_id, event_id, places, minutes, status, starts_at FROM bookings",
      ),
    ).toEqual([
      {
        code,
        member_id: sharon,
        partner_id: "oasis",
        event_id: id,
        places: 2,
        minutes: 180,
        status: "held",
        starts_at: "2026-11-30T18:30:00.000Z",
      },
    ]);
    expect(await h.rows("SELECT minutes, status, activity FROM ledger_entries WHERE kind = 'spend'")).toEqual(
      [{ minutes: -180, status: "held", activity: `event:${id}` }],
    );

    // The bookings page: who, how many, status, code, when, and the totals.
    const page = await coordinator.get(`/admin/events/${id}`);
    const text = textOf(page.html);
    expect(text).toContain("2 of 20 places booked");
    expect(text).toContain("held: 1 · redeemed: 0 · cancelled: 0 · released: 0");
    const row = /<tr data-booking="\d+">([\s\S]*?)<\/tr>/.exec(page.html)?.[1] ?? "";
    expect(textOf(row)).toBe(`Sharon 2 held ${code} 28 Nov 2026, 12:00`);
    // The list shows it among upcoming events with its places.
    const list = textOf((await coordinator.get("/admin/events")).html);
    expect(list).toMatch(
      /Upcoming events Winter soup evening community family 30 Nov 2026, 18:30 · Oasis Community Centre 1.5 credits · 2 of 20 places booked/,
    );

    // The API's bookings list says the same.
    const api = await json(h, `/admin/api/events/${id}/bookings`);
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({
      event: id,
      capacity: 20,
      booked: 2,
      bookings: [{ code, memberName: "Sharon", places: 2, credits: 3, status: "held" }],
    });
  });

  test("editing: capacity below the places booked is refused; a new time moves the open bookings; audited", async () => {
    const { h, coordinator } = await loggedIn();
    await createSoup(coordinator);
    const id = "winter-soup-evening-2026-11-30";
    await earn(h, SHARON, 5);
    await h.sms(SHARON, "EVENTS");
    await book(h, SHARON, 1, 3);
    const form = await coordinator.get(`/admin/events/${id}/edit`);
    expect(form.html).toContain('value="2026-11-30T18:30"');
    expect(form.html).toContain('value="Wieczór z zupą"');
    expect(form.html).toContain('value="1.5"');

    const before = await snapshot(h);
    const tooSmall = await coordinator.submit(`/admin/events/${id}/edit`, `/admin/events/${id}/edit`, {
      ...SOUP,
      capacity: "2",
    });
    expect(tooSmall.status).toBe(400);
    expect(textOf(tooSmall.html)).toContain(
      "More places are already booked than this: raise it or leave it empty.",
    );
    expect(await snapshot(h)).toEqual(before);

    const moved = await coordinator.submit(`/admin/events/${id}/edit`, `/admin/events/${id}/edit`, {
      ...SOUP,
      "title-en": "Winter soup night",
      "title-lv": "Zupas vakars",
      startsAt: "2026-12-01T19:00",
      capacity: "",
    });
    expect(moved.status).toBe(303);
    expect(moved.location).toBe(`/admin/events/${id}?notice=saved`);
    expect(await h.rows("SELECT title, starts_at, capacity FROM events WHERE id = ?", id)).toEqual([
      {
        title: '{"en":"Winter soup night","pl":"Wieczór z zupą","lv":"Zupas vakars"}',
        starts_at: "2026-12-01T19:00:00.000Z",
        capacity: null,
      },
    ]);
    expect(await h.rows("SELECT starts_at FROM bookings")).toEqual([
      { starts_at: "2026-12-01T19:00:00.000Z" },
    ]);
    const [audit] = await h.rows("SELECT action, before, after FROM audit_log WHERE action = 'event.update'");
    expect(JSON.parse(String(audit?.before))).toMatchObject({
      title: { en: "Winter soup evening" },
      capacity: 20,
      startsAt: "2026-11-30T18:30:00.000Z",
    });
    expect(JSON.parse(String(audit?.after))).toMatchObject({
      title: { en: "Winter soup night", lv: "Zupas vakars" },
      capacity: null,
      startsAt: "2026-12-01T19:00:00.000Z",
    });
    expect(textOf((await coordinator.get(`/admin/events/${id}`)).html)).toContain(
      "3 places booked, no limit",
    );
    expect((await coordinator.get("/admin/events/nowhere/edit")).status).toBe(404);
    expect((await coordinator.submit("/admin/events", "/admin/events/nowhere/edit", SOUP)).status).toBe(404);
  });
});

describe("cancelling and deleting", () => {
  test("cancelling gives every held booking's credits back in one go, tells the members, and the bot stops offering it", async () => {
    const { h, coordinator } = await loggedIn();
    await createSoup(coordinator);
    const id = "winter-soup-evening-2026-11-30";
    await earn(h, SHARON, 5);
    await earn(h, ANNA, 3);
    await h.sms(SHARON, "EVENTS");
    await book(h, SHARON, 1, 2);
    await h.sms(ANNA, "WYDARZENIA");
    await book(h, ANNA, 1, 1);
    const codes = (await h.rows("SELECT code FROM bookings ORDER BY id")).map((r) => String(r.code));
    expect((await h.sms(SHARON, "BALANCE")).messages).toEqual(["You have 2 credits."]);

    // With bookings it cannot be deleted: the page says why, and nothing changes.
    const before = await snapshot(h);
    const refused = await coordinator.submit(`/admin/events/${id}`, `/admin/events/${id}/delete`, {});
    expect(refused.status).toBe(409);
    expect(textOf(refused.html)).toContain(
      "This event has bookings, so it cannot be deleted. Cancel it instead",
    );
    expect(await snapshot(h)).toEqual(before);

    const page = await coordinator.get(`/admin/events/${id}`);
    expect(textOf(page.html)).toContain(
      "2 bookings are cancelled, their 4.5 credits go back and the members are told.",
    );
    const outboxBefore = Number((await h.rows("SELECT MAX(id) AS id FROM outbox"))[0]?.id ?? 0);
    const res = await coordinator.submit(`/admin/events/${id}`, `/admin/events/${id}/cancel`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/admin/events/${id}?notice=cancelled&released=2`);
    expect(textOf((await coordinator.get(res.location as string)).html)).toContain(
      "Event cancelled. 2 bookings were cancelled and their credits are back with the members.",
    );
    expect(await h.rows("SELECT code, status, settled_by FROM bookings ORDER BY id")).toEqual(
      codes.map((code) => ({ code, status: "cancelled", settled_by: "coordinator" })),
    );
    expect(
      await h.rows("SELECT minutes, status FROM ledger_entries WHERE kind = 'spend' ORDER BY id"),
    ).toEqual([
      { minutes: -180, status: "released" },
      { minutes: -90, status: "released" },
    ]);
    expect((await h.sms(SHARON, "BALANCE")).messages).toEqual(["You have 5 credits."]);
    expect(await h.rows("SELECT address, body FROM outbox WHERE id > ? ORDER BY id", outboxBefore)).toEqual([
      {
        address: SHARON,
        body: `Winter soup evening, Mon 30 Nov 18:30, is cancelled. Your booking ${codes[0]} is cancelled and your 3 credits are back.`,
      },
      {
        address: ANNA,
        body: `Wieczór z zupą, pon. 30 lis 18:30: wydarzenie odwołane. Rezerwacja ${codes[1]} anulowana, 1,5 kredytu wraca na konto.`,
      },
    ]);
    const [audit] = await h.rows(
      "SELECT actor, action, before, after FROM audit_log WHERE action = 'event.cancel'",
    );
    expect(audit?.actor).toBe("coordinator:Kim");
    expect(JSON.parse(String(audit?.before))).toEqual({ cancelledAt: null, held: codes });
    expect(JSON.parse(String(audit?.after))).toMatchObject({
      cancelledAt: "2026-11-28T12:00:00.000Z",
      released: [
        { code: codes[0], places: 2, credits: 3 },
        { code: codes[1], places: 1, credits: 1.5 },
      ],
    });

    // No longer offered; a second cancel, an edit, or a delete changes nothing.
    expect((await h.sms(SHARON, "EVENTS")).messages.join("\n")).not.toContain("Winter soup");
    const after = await snapshot(h);
    expect((await coordinator.submit(`/admin/events/${id}`, `/admin/events/${id}/cancel`, {})).status).toBe(
      409,
    );
    const edit = await coordinator.submit(`/admin/events/${id}/edit`, `/admin/events/${id}/edit`, SOUP);
    expect(edit.status).toBe(409);
    expect(textOf(edit.html)).toContain("This event is cancelled and can no longer be changed.");
    expect((await coordinator.submit(`/admin/events/${id}`, `/admin/events/${id}/delete`, {})).status).toBe(
      409,
    );
    expect(await snapshot(h)).toEqual(after);
    expect(textOf((await coordinator.get("/admin/events")).html)).toContain("Winter soup evening cancelled");
  });

  test("a member half-way through booking a cancelled event is not booked", async () => {
    const { h, coordinator } = await loggedIn();
    await createSoup(coordinator);
    const id = "winter-soup-evening-2026-11-30";
    await earn(h, SHARON, 5);
    await h.sms(SHARON, "EVENTS");
    await h.sms(SHARON, "1");
    expect((await h.sms(SHARON, "2")).messages).toEqual([
      "Book Winter soup evening, places: 2, for 3 credits? Reply YES or NO.",
    ]);
    expect((await coordinator.submit(`/admin/events/${id}`, `/admin/events/${id}/cancel`, {})).status).toBe(
      303,
    );
    expect((await h.sms(SHARON, "YES")).messages).toEqual(["OK, nothing booked."]);
    expect(await h.rows("SELECT * FROM bookings")).toEqual([]);
    expect((await h.sms(SHARON, "BALANCE")).messages).toEqual(["You have 5 credits."]);
  });

  test("an event nobody booked may be deleted; one that has started may not be cancelled", async () => {
    const { h, coordinator } = await loggedIn();
    await createSoup(coordinator);
    const id = "winter-soup-evening-2026-11-30";
    const res = await coordinator.submit(`/admin/events/${id}`, `/admin/events/${id}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.location).toBe("/admin/events?notice=deleted");
    expect(await h.rows("SELECT id FROM events WHERE id = ?", id)).toEqual([]);
    const [audit] = await h.rows("SELECT action, before, after FROM audit_log WHERE action = 'event.delete'");
    expect(JSON.parse(String(audit?.before))).toMatchObject({ title: { en: "Winter soup evening" } });
    expect(audit?.after).toBeNull();

    h.setNow("2026-12-04T18:30:00Z"); // bingo has begun
    await coordinator.login(); // the morning's session has long expired
    const started = await coordinator.submit("/admin/events/bingo-dec", "/admin/events/bingo-dec/cancel", {});
    expect(started.status).toBe(409);
    expect(textOf(started.html)).toContain("This event has already started, so it cannot be cancelled.");
    expect((await coordinator.submit("/admin/events", "/admin/events/nowhere/cancel", {})).status).toBe(404);
    expect((await coordinator.submit("/admin/events", "/admin/events/nowhere/delete", {})).status).toBe(404);
  });
});

describe("the offer form", () => {
  test("bad input is refused with its errors; a new offer is saved, audited and offered by the bot; editing audits before and after", async () => {
    const { h, coordinator } = await loggedIn();
    const before = await snapshot(h);
    const bad = await coordinator.submit("/admin/events/offer/new", "/admin/events/offer/new", {
      partner: "cinema",
      "title-en": "",
      cost: "0",
      value: "cheap",
    });
    expect(bad.status).toBe(400);
    const text = textOf(bad.html);
    expect(text).toContain("Give a title of 1 to 80 characters.");
    expect(text).toContain("Give a cost above 0 and up to 100 credits");
    expect(text).toContain("Give an amount in pounds, e.g. 8 or 4.50, or leave it empty.");
    expect(bad.html).toContain('value="cheap"');
    expect(await snapshot(h)).toEqual(before);

    const res = await coordinator.submit("/admin/events/offer/new", "/admin/events/offer/new", {
      partner: "theatre",
      "title-en": "Matinee ticket",
      "title-lv": "Dienas izrādes biļete",
      cost: "0.5",
      value: "£6.50",
    });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/admin/events?notice=offerSaved");
    expect(
      await h.rows(
        "SELECT id, partner_id, title, cost_minutes, value_pence, community FROM offers WHERE id = 'matinee-ticket'",
      ),
    ).toEqual([
      {
        id: "matinee-ticket",
        partner_id: "theatre",
        title: '{"en":"Matinee ticket","lv":"Dienas izrādes biļete"}',
        cost_minutes: 30,
        value_pence: 650,
        community: 0,
      },
    ]);
    const list = textOf((await coordinator.get(res.location as string)).html);
    expect(list).toContain("Offer saved.");
    expect(list).toContain("Matinee ticket Angles Theatre 0.5 credits · worth £6.50 · 0 codes given");
    await earn(h, JANIS, 1);
    expect((await h.sms(JANIS, "SPEND matinee")).messages.join("\n")).toContain("Dienas izrādes biļete");

    const edit = await coordinator.get("/admin/events/offer/matinee-ticket/edit");
    expect(edit.html).toContain('value="6.50"');
    const saved = await coordinator.submit(
      "/admin/events/offer/matinee-ticket/edit",
      "/admin/events/offer/matinee-ticket/edit",
      {
        partner: "theatre",
        "title-en": "Matinee ticket",
        cost: "1",
        value: "",
        community: "on",
      },
    );
    expect(saved.status).toBe(303);
    const audits = await h.rows("SELECT action, subject, before, after FROM audit_log ORDER BY id");
    expect(audits.map((a) => a.action)).toEqual(["offer.create", "offer.update"]);
    expect(JSON.parse(String(audits[1]?.before))).toMatchObject({
      cost: 0.5,
      valueGBP: 6.5,
      community: false,
    });
    expect(JSON.parse(String(audits[1]?.after))).toEqual({
      partner: "theatre",
      title: { en: "Matinee ticket" },
      cost: 1,
      valueGBP: null,
      community: true,
    });
    expect((await coordinator.get("/admin/events/offer/nowhere/edit")).status).toBe(404);
  });
});

describe("re-importing the scheme file", () => {
  test("keeps events made in the dashboard, their bookings, and a cancellation", async () => {
    const { h, coordinator } = await loggedIn();
    await createSoup(coordinator);
    await createSoup(coordinator, {
      ...SOUP,
      "title-en": "Carol singing",
      "title-pl": "",
      startsAt: "2026-12-10T18:00",
    });
    await earn(h, SHARON, 5);
    await h.sms(SHARON, "EVENTS");
    await book(h, SHARON, 1, 1);
    await coordinator.submit(
      "/admin/events/carol-singing-2026-12-10",
      "/admin/events/carol-singing-2026-12-10/cancel",
      {},
    );
    const before = await h.rows("SELECT * FROM events WHERE extra LIKE '%dashboard%' ORDER BY id");
    const bookings = await h.rows("SELECT * FROM bookings");
    const parsed = parseScheme(demoScheme());
    if (!parsed.ok) throw new Error("demo scheme invalid");
    await importScheme(h.db, parsed.scheme, new Date("2026-11-28T13:00:00Z"));
    expect(await h.rows("SELECT * FROM events WHERE extra LIKE '%dashboard%' ORDER BY id")).toEqual(before);
    expect(before.map((e) => [e.id, e.cancelled_at])).toEqual([
      ["carol-singing-2026-12-10", "2026-11-28T12:00:00.000Z"],
      ["winter-soup-evening-2026-11-30", null],
    ]);
    expect(await h.rows("SELECT * FROM bookings")).toEqual(bookings);
    await earn(h, ANNA, 2);
    const offered = (await h.sms(ANNA, "WYDARZENIA")).messages.join("\n");
    expect(offered).toContain("1 Wieczór z zupą");
    expect(offered).not.toContain("Carol singing");
  });
});

describe("the JSON API", () => {
  const body = (value: unknown): RequestInit => ({ method: "POST", body: JSON.stringify(value) });
  const put = (value: unknown): RequestInit => ({ method: "PUT", body: JSON.stringify(value) });
  const quiz = {
    partner: "academy",
    title: { en: "Pub quiz", pl: "Quiz w pubie" },
    startsAt: "2026-12-15T19:30",
    cost: 1,
    capacity: 40,
  };

  test("events: list, create, read, update and bookings; bad input is 400 with the issues, an unknown id 404", async () => {
    const h = await adminHarness();
    const list = await json(h, "/admin/api/events");
    expect(list.status).toBe(200);
    expect((list.body.events as Array<{ id: string }>).map((e) => e.id)).toEqual([
      "bingo-dec",
      "crafts-dec",
      "lunch-dec",
      "litter-pick-jan",
      "quiz-jan",
    ]);

    const before = await snapshot(h);
    const bad = await json(
      h,
      "/admin/api/events",
      body({ partner: "academy", title: { pl: "Quiz" }, startsAt: "soon", cost: 1.1, capacity: 0 }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.map((i) => i.path).sort()).toEqual(["capacity", "cost", "startsAt", "title.en"]);
    expect(bad.body.issues).toContainEqual({
      path: "startsAt",
      message: "Give a date and time, e.g. 2026-12-04 18:00.",
    });
    const notJson = await h.app.request("/admin/api/events", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    const unknownPartner = await json(h, "/admin/api/events", body({ ...quiz, partner: "nowhere" }));
    expect(unknownPartner).toEqual({
      status: 400,
      body: { error: "invalid input", issues: [{ path: "partner", message: "Choose a partner." }] },
    });
    const past = await json(h, "/admin/api/events", body({ ...quiz, startsAt: "2026-11-01T10:00" }));
    expect(past.body.issues).toEqual([{ path: "startsAt", message: "The start must be in the future." }]);
    const takenId = await json(h, "/admin/api/events", body({ ...quiz, id: "bingo-dec" }));
    expect(takenId.body.issues).toEqual([{ path: "id", message: "This id is already used." }]);
    expect(await snapshot(h)).toEqual(before);

    const created = await json(h, "/admin/api/events", body({ ...quiz, id: "pub-quiz" }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: "pub-quiz",
      partner: "academy",
      title: quiz.title,
      startsAt: "2026-12-15T19:30:00.000Z",
      startsAtLocal: "2026-12-15T19:30",
      cost: 1,
      capacity: 40,
      community: true,
      family: false,
      booked: 0,
    });
    expect(await json(h, "/admin/api/events/pub-quiz")).toMatchObject({
      status: 200,
      body: { id: "pub-quiz" },
    });
    expect(await json(h, "/admin/api/events/nowhere")).toEqual({ status: 404, body: { error: "not found" } });
    expect((await json(h, "/admin/api/events/nowhere/bookings")).status).toBe(404);
    expect((await json(h, "/admin/api/events/nowhere", put(quiz))).status).toBe(404);
    expect((await json(h, "/admin/api/events/pub-quiz", put({ ...quiz, cost: -1 }))).status).toBe(400);

    const updated = await json(
      h,
      "/admin/api/events/pub-quiz",
      put({ ...quiz, capacity: null, family: true }),
    );
    expect(updated).toMatchObject({ status: 200, body: { capacity: null, family: true } });
    const bookings = await json(h, "/admin/api/events/pub-quiz/bookings");
    expect(bookings).toEqual({
      status: 200,
      body: { event: "pub-quiz", capacity: null, booked: 0, bookings: [] },
    });
    const audits = await h.rows("SELECT actor, action, subject FROM audit_log ORDER BY id");
    expect(audits).toEqual([
      { actor: "api", action: "event.create", subject: "event:pub-quiz" },
      { actor: "api", action: "event.update", subject: "event:pub-quiz" },
    ]);
  });

  test("offers: list, create and update; bad input is 400, an unknown id 404", async () => {
    const h = await adminHarness();
    const list = await json(h, "/admin/api/offers");
    expect((list.body.offers as Array<{ id: string }>).map((o) => o.id)).toContain("cinema-ticket");
    const before = await snapshot(h);
    const bad = await json(
      h,
      "/admin/api/offers",
      body({ partner: "cinema", title: { en: "" }, cost: 0, valueGBP: -2 }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.map((i) => i.path).sort()).toEqual(["cost", "title.en", "valueGBP"]);
    expect(await snapshot(h)).toEqual(before);
    const created = await json(
      h,
      "/admin/api/offers",
      body({ partner: "cinema", title: { en: "Popcorn" }, cost: 0.5, valueGBP: 3.5 }),
    );
    expect(created).toMatchObject({
      status: 201,
      body: { id: "popcorn", cost: 0.5, valueGBP: 3.5, community: false },
    });
    const again = await json(
      h,
      "/admin/api/offers",
      body({ partner: "cinema", title: { en: "Popcorn" }, cost: 1 }),
    );
    expect(again).toMatchObject({ status: 201, body: { id: "popcorn-2" } });
    const updated = await json(
      h,
      "/admin/api/offers/popcorn",
      put({ partner: "cinema", title: { en: "Big popcorn" }, cost: 1 }),
    );
    expect(updated).toMatchObject({
      status: 200,
      body: { id: "popcorn", title: { en: "Big popcorn" }, valueGBP: null },
    });
    expect(
      (await json(h, "/admin/api/offers/nowhere", put({ partner: "cinema", title: { en: "X" }, cost: 1 })))
        .status,
    ).toBe(404);
    expect(
      (
        await json(
          h,
          "/admin/api/offers/popcorn",
          put({ partner: "cinema", title: { en: "X" }, cost: "lots" }),
        )
      ).status,
    ).toBe(400);
    expect((await h.rows("SELECT action FROM audit_log ORDER BY id")).map((r) => r.action)).toEqual([
      "offer.create",
      "offer.create",
      "offer.update",
    ]);
  });
});

describe("withdrawing an offer", () => {
  const GEMMA = "+447700900011"; // contact, Hudson Leisure Centre (swim)

  test("the bot stops offering it, a code already held stays valid, audited; offering it again brings it back", async () => {
    const { h, coordinator } = await loggedIn();
    await earn(h, SHARON, 5);
    await earn(h, ANNA, 5);
    await h.sms(SHARON, "SPEND swim");
    const held = (await h.sms(SHARON, "YES")).messages.join("\n");
    const code = /code for Swimming session: (\d+)/.exec(held)?.[1];
    expect(code).toBeTruthy();

    const list = await coordinator.get("/admin/events");
    expect(list.html).toContain('action="/admin/events/offer/swim/withdraw"');
    const res = await coordinator.submit("/admin/events", "/admin/events/offer/swim/withdraw", {});
    expect(res.status).toBe(303);
    expect(res.location).toBe("/admin/events?notice=withdrawn");
    const page = textOf((await coordinator.get(res.location as string)).html);
    expect(page).toContain("Offer withdrawn. Members no longer see it; codes already given stay valid.");
    expect(page).toContain("Swimming session withdrawn");
    expect(page).toContain("Codes already given stay valid until used or cancelled.");
    expect((await coordinator.get("/admin/events")).html).toContain(
      'action="/admin/events/offer/swim/restore"',
    );

    const [offer] = await h.rows("SELECT withdrawn_at FROM offers WHERE id = 'swim'");
    expect(offer).toEqual({ withdrawn_at: "2026-11-28T12:00:00.000Z" });
    const [audit] = await h.rows("SELECT actor, action, subject, before, after FROM audit_log");
    expect(audit).toMatchObject({
      actor: "coordinator:Kim",
      action: "offer.withdraw",
      subject: "offer:swim",
    });
    expect(JSON.parse(String(audit?.before))).toEqual({ withdrawnAt: null, codesGiven: 1 });
    expect(JSON.parse(String(audit?.after))).toEqual({ withdrawnAt: "2026-11-28T12:00:00.000Z" });

    // The bot: not suggested (all pages of ideas), not bookable by name, in any language.
    const ideas: string[] = [];
    ideas.push(...(await h.sms(ANNA, "WYDARZENIA")).messages);
    for (let i = 0; i < 4; i++) ideas.push(...(await h.sms(ANNA, "MORE")).messages);
    expect(ideas.join("\n")).toContain("Bilet do kina");
    expect(ideas.join("\n")).not.toContain("na basen");
    const bySpend = (await h.sms(ANNA, "SPEND swim")).messages.join("\n");
    expect(bySpend).not.toContain("na basen");
    expect(await h.rows("SELECT COUNT(*) AS n FROM bookings WHERE member_id != 1")).toEqual([{ n: 0 }]);

    // Sharon's code is still good at the door.
    const redeemed = (await h.sms(GEMMA, `YES ${code}`)).messages.join("\n");
    expect(redeemed).toContain(String(code));
    expect(await h.rows("SELECT status FROM bookings WHERE code = ?", String(code))).toEqual([
      { status: "redeemed" },
    ]);

    // A second withdraw changes nothing and says so.
    const again = await coordinator.submit("/admin/events", "/admin/events/offer/swim/withdraw", {});
    expect(again.status).toBe(409);
    expect(textOf(again.html)).toContain("This offer was already withdrawn: nothing was changed.");
    expect(await h.rows("SELECT COUNT(*) AS n FROM audit_log")).toEqual([{ n: 1 }]);

    const back = await coordinator.submit("/admin/events", "/admin/events/offer/swim/restore", {});
    expect(back.location).toBe("/admin/events?notice=restored");
    expect(await h.rows("SELECT withdrawn_at FROM offers WHERE id = 'swim'")).toEqual([
      { withdrawn_at: null },
    ]);
    expect((await h.rows("SELECT action FROM audit_log ORDER BY id")).map((a) => a.action)).toEqual([
      "offer.withdraw",
      "offer.restore",
    ]);
    expect((await h.sms(ANNA, "SPEND swim")).messages.join("\n")).toContain("na basen");
    expect(
      (await coordinator.post("/admin/events/offer/nowhere/withdraw", { _csrf: csrfOf(list.html) })).status,
    ).toBe(404);
  });

  test("the API withdraws and restores; the export writes withdrawn: true and a re-import keeps it withdrawn", async () => {
    const h = await adminHarness();
    const out = await json(h, "/admin/api/offers/gym/withdraw", { method: "POST" });
    expect(out.status).toBe(200);
    expect(out.body).toMatchObject({ id: "gym", withdrawnAt: "2026-11-28T12:00:00.000Z" });
    expect((await json(h, "/admin/api/offers/gym/withdraw", { method: "POST" })).status).toBe(409);
    expect((await json(h, "/admin/api/offers/nowhere/withdraw", { method: "POST" })).status).toBe(404);
    const listed = (await json(h, "/admin/api/offers")).body.offers as Array<{
      id: string;
      withdrawnAt: unknown;
    }>;
    expect(listed.find((o) => o.id === "gym")?.withdrawnAt).toBe("2026-11-28T12:00:00.000Z");

    const exported = await exportScheme(h.db);
    expect(exported.offers.find((o) => o.id === "gym")).toMatchObject({ withdrawn: true });
    expect(exported.offers.find((o) => o.id === "swim")).not.toHaveProperty("withdrawn");
    const reparsed = parseScheme(JSON.parse(JSON.stringify(exported)));
    if (!reparsed.ok) throw new Error(JSON.stringify(reparsed.errors));
    // The original file (no withdrawn flag) does not bring it back either.
    const original = parseScheme(demoScheme());
    if (!original.ok) throw new Error("demo scheme invalid");
    await importScheme(h.db, original.scheme, new Date("2026-11-29T12:00:00Z"));
    await importScheme(h.db, reparsed.scheme, new Date("2026-11-29T12:00:00Z"));
    expect(await h.rows("SELECT id, withdrawn_at FROM offers WHERE withdrawn_at IS NOT NULL")).toEqual([
      { id: "gym", withdrawn_at: "2026-11-28T12:00:00.000Z" },
    ]);
    const [extra] = await h.rows("SELECT extra FROM offers WHERE id = 'gym'");
    expect(String(extra?.extra)).not.toContain("withdrawn");

    const restored = await json(h, "/admin/api/offers/gym/restore", { method: "POST" });
    expect(restored.body).toMatchObject({ id: "gym", withdrawnAt: null });
    expect((await h.rows("SELECT action FROM audit_log ORDER BY id")).map((a) => a.action)).toEqual([
      "offer.withdraw",
      "offer.restore",
    ]);
  });
});
