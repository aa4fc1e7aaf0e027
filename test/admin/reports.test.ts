// The reports on a scheme seeded through the real flows (SMS to the webhook, a correction through the
// dashboard) plus rows with fixed timestamps for months in the past, checked against values worked out
// by hand in the comments below: the page's tables, the CSV rows and the JSON API.
import { beforeAll, describe, expect, test } from "vitest";
import type { Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { parseCsv } from "./csv.ts";
import { ADMIN_TOKEN, Coordinator, loggedIn, textOf } from "./support.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian
const KATE = "+447700900001"; // contact, The Staithe
const SUE = "+447700900003"; // contact, Oasis
const DAVE = "+447700900006"; // contact, Adventure Playground
const TOM = "+447700900010"; // contact, the cinema

/** May to today: everything but the demo members' joining (1 April) and Anna's April hours. */
const ALL = "from=2026-05-01&to=2026-11-28";
/** July to September, British Summer Time: local midnight is 23:00 UTC the day before. */
const SUMMER = "from=2026-07-01&to=2026-09-30";

let h: Harness;
let coordinator: Coordinator;
const id: Record<string, number> = {};

async function insert(sqlText: string, ...args: Array<string | number | null>): Promise<number> {
  const rows = await h.rows(`${sqlText} RETURNING id`, ...args);
  return Number(rows[0]?.id);
}

const member = (
  name: string,
  phone: string | null,
  locale: string,
  consentAt: string,
  before: number | null,
) =>
  insert(
    `INSERT INTO members (phone, name, locale, consent_at, created_at, volunteered_before) VALUES (?, ?, ?, ?, ?, ?)`,
    phone,
    name,
    locale,
    consentAt,
    consentAt,
    before,
  );

const earning = (
  memberId: number,
  partner: string,
  day: string,
  minutes: number,
  status: string,
  code: string | null,
  createdAt: string,
  settledAt: string,
) =>
  insert(
    `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, day, code, created_at, settled_at, settled_by)
     VALUES (?, 'earning', ?, ?, ?, ?, ?, ?, ?, 'partner')`,
    memberId,
    status,
    minutes,
    partner,
    day,
    code,
    createdAt,
    settledAt,
  );

/**
 * The demo scheme is imported on 1 April (Sharon, Anna, Jānis join then). Rows with fixed times:
 *   Anna: 1.5 h at The Staithe on 15 April, confirmed (before the May–November period).
 *   Olga (pl) joins 15 June, never volunteered; 11 h at Oasis on 20 June, logged 10:00, confirmed 12:00
 *     (2 h); books the Christmas lunch (2 credits, a community event) on 1 November, still booked.
 *   Piotr (pl) joins 20 June, volunteered before; 12 h at The Staithe on 10 July, logged 18:00,
 *     confirmed 08:00 next day (14 h); a cinema ticket (1 credit, corporate) booked 1 Aug 11:00,
 *     redeemed 12:00. Then nothing: 11 credits and no booking in the 90 days before 29 November.
 *   Ruth (en) joins 00:30 on 1 July local time (23:30 UTC on 30 June), not answered; 4 h at The
 *     Staithe in August, rejected.
 *   Dace (lv), named with a comma and quotes, joins 3 September, never volunteered; 10 h at Oasis on
 *     5 September, logged 10:00, confirmed 16:00 next day (30 h). Never spends: exactly 10 credits.
 *   An erased member (lv) who joined 1 June; a number invited in August who never joined.
 * Through the app (SMS), October and November:
 *   20 Oct: Dave logs 5 h for Jānis (confirmed at once, no request).
 *   25 Nov: Sharon logs 4 h at The Staithe, never answered. 26 Nov 09:00: Sharon logs 2 h at Oasis;
 *   28 Nov 12:00 Sue confirms (51 h). Kate logs 3 h for Anna (confirmed at once). Anna gets a cinema
 *   code (2 credits) that Tom redeems; Sharon books a swim (1 credit), not used; Jānis books family
 *   bingo (1 credit, community) that Sue redeems; Anna gives Sharon 1 credit; the coordinator takes
 *   0.5 from Jānis.
 * Messages with fixed times (for the language mix): inbound from Olga ×3 (one at 23:30 on 30 June local,
 *   outside the summer), Dace, a non-member, and Ruth answered in Latvian; outbox rows to Olga ×2,
 *   Sue, the Oasis contact Ilze on Telegram (plus a callback answer that is not a message), an unknown
 *   number, Dace, and one at 01:30 on 1 October local time (outside the summer).
 */
beforeAll(async () => {
  ({ h, coordinator } = await loggedIn({ now: "2026-04-01T09:00:00Z" }));
  id.anna = Number((await h.rows("SELECT id FROM members WHERE phone = ?", ANNA))[0]?.id);
  id.janis = Number((await h.rows("SELECT id FROM members WHERE phone = ?", JANIS))[0]?.id);
  await earning(
    id.anna,
    "staithe",
    "2026-04-15",
    90,
    "confirmed",
    null,
    "2026-04-15T17:00:00.000Z",
    "2026-04-15T17:00:00.000Z",
  );

  id.olga = await member("Olga", "+447700900201", "pl", "2026-06-15T10:00:00.000Z", 0);
  id.piotr = await member("Piotr", "+447700900202", "pl", "2026-06-20T10:00:00.000Z", 1);
  id.ruth = await member("Ruth", "+447700900203", "en", "2026-06-30T23:30:00.000Z", null);
  id.dace = await member('Dace, "DJ" Ozola', "+447700900204", "lv", "2026-09-03T10:00:00.000Z", 0);
  const erased = await member("", null, "lv", "2026-06-01T10:00:00.000Z", null);
  await h.rows("UPDATE members SET deleted_at = '2026-07-01T10:00:00.000Z' WHERE id = ?", erased);
  await insert(
    `INSERT INTO members (phone, name, locale, source, created_at) VALUES ('+447700900205', '', 'en', 'invited', '2026-08-05T10:00:00.000Z')`,
  );

  await earning(
    id.olga,
    "oasis",
    "2026-06-20",
    660,
    "confirmed",
    "101",
    "2026-06-20T10:00:00.000Z",
    "2026-06-20T12:00:00.000Z",
  );
  await earning(
    id.piotr,
    "staithe",
    "2026-07-10",
    720,
    "confirmed",
    "102",
    "2026-07-10T18:00:00.000Z",
    "2026-07-11T08:00:00.000Z",
  );
  await earning(
    id.dace,
    "oasis",
    "2026-09-05",
    600,
    "confirmed",
    "103",
    "2026-09-05T10:00:00.000Z",
    "2026-09-06T16:00:00.000Z",
  );
  await earning(
    id.ruth,
    "staithe",
    "2026-08-10",
    240,
    "rejected",
    "104",
    "2026-08-10T10:00:00.000Z",
    "2026-08-11T10:00:00.000Z",
  );

  const cinema = await insert(
    `INSERT INTO bookings (code, member_id, partner_id, offer_id, places, minutes, status, created_at, settled_at, settled_by)
     VALUES ('5001', ?, 'cinema', 'cinema-ticket', 1, 60, 'redeemed', '2026-08-01T11:00:00.000Z', '2026-08-01T12:00:00.000Z', 'Tom')`,
    id.piotr,
  );
  await insert(
    `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, activity, booking_id, created_at, settled_at, settled_by)
     VALUES (?, 'spend', 'confirmed', -60, 'cinema', 'offer:cinema-ticket', ?, '2026-08-01T11:00:00.000Z', '2026-08-01T12:00:00.000Z', 'Tom')`,
    id.piotr,
    cinema,
  );
  const lunch = await insert(
    `INSERT INTO bookings (code, member_id, partner_id, event_id, places, minutes, status, starts_at, created_at)
     VALUES ('5002', ?, 'oasis', 'lunch-dec', 1, 120, 'held', '2026-12-19T12:30', '2026-11-01T10:00:00.000Z')`,
    id.olga,
  );
  await insert(
    `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, activity, booking_id, created_at)
     VALUES (?, 'spend', 'held', -120, 'oasis', 'event:lunch-dec', ?, '2026-11-01T10:00:00.000Z')`,
    id.olga,
    lunch,
  );

  const inbound = (ext: string, memberId: number | null, locale: string, at: string) =>
    insert(
      `INSERT INTO inbound_messages (channel, external_id, member_id, locale, received_at) VALUES ('sms', ?, ?, ?, ?)`,
      ext,
      memberId,
      locale,
      at,
    );
  await inbound("X1", id.olga, "pl", "2026-07-05T10:00:00.000Z");
  await inbound("X2", id.olga, "pl", "2026-07-06T10:00:00.000Z");
  await inbound("X3", id.dace, "lv", "2026-09-04T10:00:00.000Z");
  await inbound("X4", null, "en", "2026-08-01T10:00:00.000Z");
  await inbound("X5", id.ruth, "lv", "2026-06-30T23:45:00.000Z");
  await inbound("X6", id.olga, "pl", "2026-06-30T22:30:00.000Z");
  const outbox = (channel: string, address: string, at: string, payload: string | null = null) =>
    insert(
      `INSERT INTO outbox (channel, address, body, status, next_attempt_at, created_at, payload) VALUES (?, ?, '', 'sent', ?, ?, ?)`,
      channel,
      address,
      at,
      at,
      payload,
    );
  await outbox("sms", "+447700900201", "2026-07-05T10:00:00.000Z");
  await outbox("sms", "+447700900003", "2026-07-11T08:00:00.000Z");
  await outbox("telegram", "1004", "2026-08-02T10:00:00.000Z", '{"kind":"send"}');
  await outbox("telegram", "1004", "2026-08-02T10:00:01.000Z", '{"kind":"answer","callbackId":"c1"}');
  await outbox("sms", "+447700900999", "2026-09-10T10:00:00.000Z");
  await outbox("sms", "+447700900204", "2026-09-20T10:00:00.000Z");
  await outbox("sms", "+447700900201", "2026-09-30T22:30:00.000Z");
  await outbox("sms", "+447700900201", "2026-10-01T00:30:00.000Z");

  const ok = async (from: string, text: string) => {
    const res = await h.sms(from, text);
    expect(res.status).toBe(200);
    return res.messages.join("\n");
  };
  h.setNow("2026-10-20T10:00:00Z");
  await ok(DAVE, "LOG 5 07700900102");
  h.setNow("2026-11-25T10:00:00Z");
  await ok(SHARON, "LOG 4 staithe");
  h.setNow("2026-11-26T09:00:00Z");
  await ok(SHARON, "LOG 2 oasis");
  h.setNow("2026-11-28T12:00:00Z");
  await ok(SUE, `YES ${await latestCode(h, "oasis")()}`);
  await ok(KATE, "LOG 3 07700900100");
  await ok(ANNA, "SPEND cinema");
  const cinemaCode = /\b(\d{4})\b/.exec(await ok(ANNA, "TAK"))?.[1];
  expect(await ok(TOM, `REDEEM ${cinemaCode}`)).toMatch(/Anna/);
  await ok(SHARON, "SPEND swim");
  expect(await ok(SHARON, "YES")).toMatch(/\b\d{4}\b/);
  await ok(JANIS, "PASĀKUMI");
  await ok(JANIS, "1");
  await ok(JANIS, "1");
  const bingoCode = /\b(\d{4})\b/.exec(await ok(JANIS, "JĀ"))?.[1];
  expect(await ok(SUE, `REDEEM ${bingoCode}`)).toMatch(/Jānis/);
  await ok(ANNA, "GIVE 1 07700900101");
  expect(await ok(ANNA, "TAK")).toMatch(/Sharon/);
  // The session from April has long expired: log in again today, and correct Jānis's balance.
  coordinator = new Coordinator(h);
  await coordinator.login();
  const corrected = await coordinator.submit(
    `/admin/members/${id.janis}`,
    `/admin/members/${id.janis}/corrections`,
    { hours: "-0.5", reason: "A break" },
  );
  expect(corrected.status).toBe(303);
  await h.flush();
});

/** The rows of a table on a page (`data-table`), body and footer, each cell as the reader sees it. */
function table(html: string, name: string): string[][] {
  const body = new RegExp(`<table data-table="${name}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (body === undefined) throw new Error(`no table ${name}`);
  const rows = body.replace(/<thead>[\s\S]*?<\/thead>/, "").match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
  return rows.map((r) => (r.match(/<t[hd][^>]*>[\s\S]*?<\/t[hd]>/g) ?? []).map(textOf));
}

async function csv(name: string, query: string) {
  const res = await coordinator.get(`/admin/reports/${name}.csv?${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  return { res, rows: parseCsv(res.html) };
}

async function api(name: string, query = ""): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await h.app.request(`/admin/api/reports/${name}?${query}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("the seed", () => {
  test("the ledger holds what the seed did", async () => {
    const rows = await h.rows(
      `SELECT m.name, l.kind, l.status, l.minutes FROM ledger_entries l JOIN members m ON m.id = l.member_id
       WHERE l.created_at >= '2026-10-20' AND m.name != 'Olga' ORDER BY l.id`,
    );
    expect(rows).toEqual([
      { name: "Jānis", kind: "earning", status: "confirmed", minutes: 300 },
      { name: "Sharon", kind: "earning", status: "pending", minutes: 240 },
      { name: "Sharon", kind: "earning", status: "confirmed", minutes: 120 },
      { name: "Anna", kind: "earning", status: "confirmed", minutes: 180 },
      { name: "Anna", kind: "spend", status: "confirmed", minutes: -120 },
      { name: "Sharon", kind: "spend", status: "held", minutes: -60 },
      { name: "Jānis", kind: "spend", status: "confirmed", minutes: -60 },
      { name: "Anna", kind: "gift", status: "confirmed", minutes: -60 },
      { name: "Sharon", kind: "gift", status: "confirmed", minutes: 60 },
      { name: "Jānis", kind: "correction", status: "confirmed", minutes: -30 },
    ]);
  });
});

describe("hours by partner and month", () => {
  // Confirmed, by the day given: Jun Olga 11 h Oasis; Jul Piotr 12 h Staithe; Sep Dace 10 h Oasis;
  // Oct Jānis 5 h Playground; Nov Sharon 2 h Oasis + Anna 3 h Staithe. Total 43 h. Ruth's rejected
  // 4 h and Sharon's unanswered 4 h count nowhere; Anna's April 1.5 h is before May.
  test("page", async () => {
    const page = await coordinator.get(`/admin/reports?${ALL}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('data-period="2026-05-01/2026-11-28"');
    expect(/data-figure="hours-total">([^<]*)</.exec(page.html)?.[1]).toBe("43");
    expect(table(page.html, "hours-month")).toEqual([
      ["May 2026", "0"],
      ["Jun 2026", "11"],
      ["Jul 2026", "12"],
      ["Aug 2026", "0"],
      ["Sept 2026", "10"],
      ["Oct 2026", "5"],
      ["Nov 2026", "5"],
    ]);
    expect(table(page.html, "hours-partner")).toEqual([
      ["Oasis Community Centre", "3", "23"],
      ["The Staithe", "2", "15"],
      ["Clarkson Adventure Playground", "1", "5"],
    ]);
    expect(table(page.html, "hours-detail")).toEqual([
      ["Jun 2026", "Oasis Community Centre", "1", "11"],
      ["Jul 2026", "The Staithe", "1", "12"],
      ["Sept 2026", "Oasis Community Centre", "1", "10"],
      ["Oct 2026", "Clarkson Adventure Playground", "1", "5"],
      ["Nov 2026", "Oasis Community Centre", "1", "2"],
      ["Nov 2026", "The Staithe", "1", "3"],
    ]);
    // The chart: one bar per month, labelled, inside a scalable SVG with a title.
    const chart = /<figure class="chart" data-chart="chart-hours-month">([\s\S]*?)<\/figure>/.exec(
      page.html,
    )?.[1];
    expect(chart).toMatch(
      /<svg viewBox="0 0 320 \d+" width="100%" role="img" aria-labelledby="chart-hours-month-title"/,
    );
    expect(chart?.match(/<rect /g)).toHaveLength(7);
    expect(textOf(chart ?? "")).toBe(
      "Hours per month May 2026 0 Jun 2026 11 Jul 2026 12 Aug 2026 0 Sept 2026 10 Oct 2026 5 Nov 2026 5",
    );
  });

  test("CSV", async () => {
    const { res, rows } = await csv("hours", ALL);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="hours-by-partner-and-month_2026-05-01_2026-11-28.csv"',
    );
    expect(rows).toEqual([
      ["month", "partner_id", "partner", "entries", "minutes", "credits"],
      ["2026-06", "oasis", "Oasis Community Centre", "1", "660", "11"],
      ["2026-07", "staithe", "The Staithe", "1", "720", "12"],
      ["2026-09", "oasis", "Oasis Community Centre", "1", "600", "10"],
      ["2026-10", "playground", "Clarkson Adventure Playground", "1", "300", "5"],
      ["2026-11", "oasis", "Oasis Community Centre", "1", "120", "2"],
      ["2026-11", "staithe", "The Staithe", "1", "180", "3"],
    ]);
  });

  test("API, and the default period of twelve months to today", async () => {
    const { status, body } = await api("hours", ALL);
    expect(status).toBe(200);
    expect(body.totalMinutes).toBe(2580);
    expect(body.partners).toEqual([
      { partnerId: "oasis", partner: "Oasis Community Centre", entries: 3, minutes: 1380 },
      { partnerId: "staithe", partner: "The Staithe", entries: 2, minutes: 900 },
      { partnerId: "playground", partner: "Clarkson Adventure Playground", entries: 1, minutes: 300 },
    ]);
    const fallback = await api("hours");
    expect(fallback.body.period).toEqual({
      from: "2025-12-01",
      to: "2026-11-28",
      timezone: "Europe/London",
      start: "2025-12-01T00:00:00.000Z",
      end: "2026-11-29T00:00:00.000Z",
    });
    // Anna's 1.5 h in April are inside it.
    expect(fallback.body.totalMinutes).toBe(2670);
    expect((fallback.body.months as unknown[]).length).toBe(12);
    const page = await coordinator.get("/admin/reports");
    expect(page.html).toContain('data-period="2025-12-01/2026-11-28"');
    expect(/data-figure="hours-total">([^<]*)</.exec(page.html)?.[1]).toBe("44.5");
  });
});

describe("new members", () => {
  // Joined May–Nov: June Olga (never), Piotr (before), the erased member (not answered); July Ruth
  // (23:30 UTC on 30 June is July in London; not answered); September Dace (never). The invited number
  // never joined; the demo members joined in April.
  test("page", async () => {
    const page = await coordinator.get(`/admin/reports?${ALL}`);
    expect(table(page.html, "members")).toEqual([
      ["May 2026", "0", "0", "0", "0"],
      ["Jun 2026", "3", "1", "1", "1"],
      ["Jul 2026", "1", "0", "0", "1"],
      ["Aug 2026", "0", "0", "0", "0"],
      ["Sept 2026", "1", "1", "0", "0"],
      ["Oct 2026", "0", "0", "0", "0"],
      ["Nov 2026", "0", "0", "0", "0"],
      ["Total", "5", "2", "1", "2"],
    ]);
    expect(textOf(page.html)).toContain("Never volunteered Volunteered before Not answered");
  });

  test("CSV", async () => {
    const { rows } = await csv("members", ALL);
    expect(rows).toEqual([
      ["month", "joined", "never_volunteered", "volunteered_before", "not_answered"],
      ["2026-05", "0", "0", "0", "0"],
      ["2026-06", "3", "1", "1", "1"],
      ["2026-07", "1", "0", "0", "1"],
      ["2026-08", "0", "0", "0", "0"],
      ["2026-09", "1", "1", "0", "0"],
      ["2026-10", "0", "0", "0", "0"],
      ["2026-11", "0", "0", "0", "0"],
    ]);
  });

  test("API, and the summer in British Summer Time", async () => {
    expect((await api("members", ALL)).body.total).toEqual({
      joined: 5,
      volunteeredBefore: 1,
      neverVolunteered: 2,
      notAnswered: 2,
    });
    const summer = await api("members", SUMMER);
    expect(summer.body.months).toEqual([
      { month: "2026-07", joined: 1, volunteeredBefore: 0, neverVolunteered: 0, notAnswered: 1 },
      { month: "2026-08", joined: 0, volunteeredBefore: 0, neverVolunteered: 0, notAnswered: 0 },
      { month: "2026-09", joined: 1, volunteeredBefore: 0, neverVolunteered: 1, notAnswered: 0 },
    ]);
    // The default twelve months take in the three demo members who joined in April.
    expect((await api("members")).body.total).toEqual({
      joined: 8,
      volunteeredBefore: 1,
      neverVolunteered: 2,
      notAnswered: 5,
    });
  });
});

describe("credits", () => {
  // May–Nov: issued 11 + 12 + 10 + 5 + 2 + 3 = 43. Community: Jānis's bingo 1. Corporate: Piotr's
  // cinema 1 + Anna's cinema 2 = 3. Gifted: Anna → Sharon 1. Corrections: −0.5 (Jānis).
  // Held at the end, member by member: Anna 1.5 + 3 − 2 − 1 = 1.5; Sharon 2 + 1 = 3; Jānis 5 − 1 − 0.5
  // = 3.5; Olga 11; Piotr 12 − 1 = 11; Dace 10; total 40. Booked now: Sharon's swim 1 + Olga's lunch 2.
  test("page", async () => {
    const page = await coordinator.get(`/admin/reports?${ALL}`);
    expect(table(page.html, "credits")).toEqual([
      ["Issued (confirmed hours)", "43"],
      ["Spent at community events and offers", "1"],
      ["Spent at corporate offers and events", "3"],
      ["Gifted between members", "1"],
      ["Corrections by the coordinator", "-0.5"],
      ["Held by members at the end of the period", "40"],
      ["Booked and not yet used (now)", "3"],
    ]);
  });

  test("CSV", async () => {
    const { rows } = await csv("credits", ALL);
    expect(rows).toEqual([
      ["measure", "minutes", "credits"],
      ["issued", "2580", "43"],
      ["spent_community", "60", "1"],
      ["spent_corporate", "180", "3"],
      ["gifted", "60", "1"],
      ["corrections", "-30", "-0.5"],
      ["outstanding_at_end", "2400", "40"],
      ["held_in_bookings_now", "180", "3"],
    ]);
  });

  test("API, for the summer: what was held at its end, not today", async () => {
    const { body } = await api("credits", SUMMER);
    // Issued: Piotr 12 (July) + Dace 10 (September). Spent: Piotr's cinema. Held at 30 September:
    // Anna 1.5 + Olga 11 + Piotr 11 + Dace 10 = 33.5 (everything from October on is later).
    expect(body).toMatchObject({
      issued: 1320,
      spentCommunity: 0,
      spentCorporate: 60,
      gifted: 0,
      corrections: 0,
      outstandingAtEnd: 2010,
      heldNow: 180,
    });
  });
});

describe("hoarding", () => {
  // At the end of November, ≥ 10 credits and no booking since 31 August: Piotr (11, last booked
  // 1 August) and Dace (exactly 10, never). Olga holds 11 but booked the lunch on 1 November.
  test("page", async () => {
    const page = await coordinator.get(`/admin/reports?${ALL}`);
    expect(/data-figure="hoarding-count">([^<]*)</.exec(page.html)?.[1]).toBe("2");
    expect(table(page.html, "hoarding")).toEqual([
      ["Piotr", "11", "1 Aug 2026, 12:00"],
      ['Dace, "DJ" Ozola', "10", "never"],
    ]);
    expect(page.html).toContain(`href="/admin/members/${id.piotr}"`);
  });

  test("CSV, with a name that needs quoting", async () => {
    const { res, rows } = await csv("hoarding", ALL);
    expect(res.html).toContain(`${id.dace},"Dace, ""DJ"" Ozola",600,10,\r\n`);
    expect(rows).toEqual([
      ["member_id", "name", "balance_minutes", "balance_credits", "last_spend"],
      [String(id.piotr), "Piotr", "660", "11", "2026-08-01T11:00:00.000Z"],
      [String(id.dace), 'Dace, "DJ" Ozola', "600", "10", ""],
    ]);
  });

  test("API, at the end of the summer", async () => {
    // At 30 September Piotr had booked within 90 days (1 August) and Olga had not booked yet.
    const { body } = await api("hoarding", SUMMER);
    expect(body.members).toEqual([
      { memberId: id.olga, name: "Olga", minutes: 660, lastSpend: null },
      { memberId: id.dace, name: 'Dace, "DJ" Ozola', minutes: 600, lastSpend: null },
    ]);
  });
});

describe("language mix", () => {
  // Members who had joined (not erased): pl Anna, Olga, Piotr; en Sharon, Ruth; lv Jānis, Dace.
  // Inbound May–Nov by the sender's language: SMS from Sharon 4 (en), Anna 4 (pl), Jānis 4 (lv),
  // contacts 5 (not members); with fixed times Olga 3 (pl), Dace 1 (lv), Ruth 1 (en), a non-member 1.
  // Replies, in the language written: contacts' 5 and Sharon's 4 in English + the non-member's 1 = 10;
  // pl Anna 4 + Olga 3 = 7; lv Jānis 4 + Dace 1 + Ruth's 1 (answered in Latvian) = 6.
  test("page", async () => {
    const page = await coordinator.get(`/admin/reports?${ALL}`);
    expect(table(page.html, "languages-members")).toEqual([
      ["Polish", "3"],
      ["English", "2"],
      ["Latvian", "2"],
    ]);
    expect(table(page.html, "languages-inbound")).toEqual([
      ["Polish", "7"],
      ["not a member", "6"],
      ["English", "5"],
      ["Latvian", "5"],
    ]);
    expect(table(page.html, "languages-replies")).toEqual([
      ["English", "10"],
      ["Polish", "7"],
      ["Latvian", "6"],
    ]);
  });

  test("API and CSV for the summer, outbox included", async () => {
    // Summer inbound: Olga 2 (pl), Dace (lv), Ruth (en; at 00:45 on 1 July local), a non-member; Olga's
    // at 23:30 on 30 June is outside. Outbox: Olga ×2 (one at 23:30 on 30 September local), the Oasis
    // contact Ilze on Telegram and Dace (lv), Sue (en), an unknown number; not the callback answer, not
    // the one at 01:30 on 1 October.
    const { body } = await api("languages", SUMMER);
    expect(body).toMatchObject({
      members: [
        { locale: "pl", count: 3 },
        { locale: "en", count: 2 },
        { locale: "lv", count: 2 },
      ],
      inbound: [
        { locale: "pl", count: 2 },
        { locale: "", count: 1 },
        { locale: "en", count: 1 },
        { locale: "lv", count: 1 },
      ],
      replies: [
        { locale: "lv", count: 2 },
        { locale: "pl", count: 2 },
        { locale: "en", count: 1 },
      ],
      outbox: [
        { locale: "lv", count: 2 },
        { locale: "pl", count: 2 },
        { locale: "", count: 1 },
        { locale: "en", count: 1 },
      ],
    });
    const { rows } = await csv("languages", SUMMER);
    expect(rows).toEqual([
      ["messages", "language", "count"],
      ["members", "pl", "3"],
      ["members", "en", "2"],
      ["members", "lv", "2"],
      ["inbound", "pl", "2"],
      ["inbound", "none", "1"],
      ["inbound", "en", "1"],
      ["inbound", "lv", "1"],
      ["replies", "lv", "2"],
      ["replies", "pl", "2"],
      ["replies", "en", "1"],
      ["outbox", "lv", "2"],
      ["outbox", "pl", "2"],
      ["outbox", "none", "1"],
      ["outbox", "en", "1"],
    ]);
  });
});

describe("time to confirmation", () => {
  // Requests confirmed May–Nov: Oasis 2 h (Olga), 30 h (Dace), 51 h (Sharon: 09:00 on the 26th to
  // 12:00 on the 28th); The Staithe 14 h (Piotr). Logs by partners (no request) do not count.
  // Oasis: median 30; 90th percentile at rank 0.9 × 2 = 1.8 → 30 + 0.8 × (51 − 30) = 46.8.
  // All four, 2 14 30 51: median (14 + 30) / 2 = 22; 90th at 2.7 → 30 + 0.7 × 21 = 44.7.
  test("page", async () => {
    const page = await coordinator.get(`/admin/reports?${ALL}`);
    expect(table(page.html, "confirmation")).toEqual([
      ["Oasis Community Centre", "3", "30", "46.8"],
      ["The Staithe", "1", "14", "14"],
      ["All partners", "4", "22", "44.7"],
    ]);
    const pl = await coordinator.get(`/admin/reports?${ALL}&lang=pl`);
    expect(table(pl.html, "confirmation")[0]).toEqual(["Oasis Community Centre", "3", "30", "46,8"]);
    await coordinator.get("/admin?lang=en");
  });

  test("CSV", async () => {
    const { rows } = await csv("confirmation", ALL);
    expect(rows).toEqual([
      ["partner_id", "partner", "requests", "median_hours", "p90_hours"],
      ["oasis", "Oasis Community Centre", "3", "30", "46.8"],
      ["staithe", "The Staithe", "1", "14", "14"],
      ["*", "all partners", "4", "22", "44.7"],
    ]);
  });

  test("API, for the summer", async () => {
    // Piotr's 14 h (July) and Dace's 30 h (September): median 22; 90th at 0.9 → 14 + 0.9 × 16 = 28.4.
    const { body } = await api("confirmation", SUMMER);
    expect(body).toMatchObject({
      partners: [
        { partnerId: "oasis", partner: "Oasis Community Centre", requests: 1, medianHours: 30, p90Hours: 30 },
        { partnerId: "staithe", partner: "The Staithe", requests: 1, medianHours: 14, p90Hours: 14 },
      ],
      all: { requests: 2, medianHours: 22, p90Hours: 28.4 },
    });
  });
});

describe("bad input, unknown names and auth", () => {
  test("a bad period is answered with the form and its errors", async () => {
    const impossible = await coordinator.get("/admin/reports?from=2026-02-30&to=2026-03-01");
    expect(impossible.status).toBe(400);
    expect(textOf(impossible.html)).toContain("Please correct the dates below. No report was made.");
    expect(textOf(impossible.html)).toContain("Enter a real date as YYYY-MM-DD.");
    expect(impossible.html).toMatch(
      /name="from" type="date" value="2026-02-30" required="" aria-invalid="true"/,
    );
    expect(impossible.html).not.toContain('data-table="hours-month"');

    const backwards = await coordinator.get("/admin/reports?from=2026-11-01&to=2026-10-01");
    expect(backwards.status).toBe(400);
    expect(textOf(backwards.html)).toContain("The end must not be before the start.");
    const word = await coordinator.get("/admin/reports?from=yesterday");
    expect(word.status).toBe(400);
    const long = await coordinator.get("/admin/reports?from=2016-01-01&to=2026-11-28");
    expect(textOf(long.html)).toContain("A period can be at most 60 months long.");
    const csvBad = await coordinator.get("/admin/reports/hours.csv?from=2026-13-01");
    expect(csvBad.status).toBe(400);
    expect(csvBad.headers.get("content-type")).toMatch(/^text\/html/);
    const pl = await coordinator.get("/admin/reports?from=2026-11-01&to=2026-10-01&lang=pl");
    expect(textOf(pl.html)).toContain("Koniec nie może być przed początkiem.");
    await coordinator.get("/admin?lang=en");
  });

  test("the API answers 400 for bad dates and 404 for an unknown report", async () => {
    const bad = await api("hours", "from=2026-11-01&to=2026-10-01");
    expect(bad).toEqual({
      status: 400,
      body: {
        error: "invalid query",
        issues: [{ path: "to", message: "The end must not be before the start." }],
      },
    });
    expect((await api("hours", "from=1.1.2026")).status).toBe(400);
    expect((await api("nonsense", ALL)).status).toBe(404);
    expect((await coordinator.get(`/admin/reports/nonsense.csv?${ALL}`)).status).toBe(404);
    expect((await coordinator.get(`/admin/reports/hours.txt?${ALL}`)).status).toBe(404);
  });

  test("every report needs a coordinator", async () => {
    const stranger = new Coordinator(h);
    const page = await stranger.get(`/admin/reports?${ALL}`);
    expect(page.status).toBe(303);
    expect(page.location).toBe("/admin/login");
    const file = await stranger.get(`/admin/reports/hours.csv?${ALL}`);
    expect(file.status).toBe(303);
    expect(file.html).not.toContain("oasis");
    expect((await h.app.request(`/admin/api/reports/hours?${ALL}`)).status).toBe(401);
    const wrong = await h.app.request(`/admin/api/reports/hours?${ALL}`, {
      headers: { authorization: "Bearer not-the-token-at-all-0000" },
    });
    expect(wrong.status).toBe(401);
    // The JSON API is for scripts: a browser session's cookie does not open it.
    expect((await coordinator.get(`/admin/api/reports/hours?${ALL}`)).status).toBe(401);
  });

  test("the menu links to the reports, and every section offers its CSV", async () => {
    const page = await coordinator.get(`/admin/reports?${ALL}`);
    expect(page.html).toContain('<a href="/admin/reports" aria-current="page">Reports</a>');
    for (const name of [
      "hours",
      "members",
      "credits",
      "spending",
      "help",
      "posts",
      "polls",
      "events",
      "hoarding",
      "languages",
      "confirmation",
    ]) {
      expect(page.html).toContain(`href="/admin/reports/${name}.csv?from=2026-05-01&amp;to=2026-11-28"`);
    }
    expect(page.html).not.toMatch(/<script/i);
  });
});
