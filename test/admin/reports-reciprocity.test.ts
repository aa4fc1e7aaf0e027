// The reciprocity reports (issue 17, part 6) on rows written with SQL at fixed times, some just inside
// and some just outside the summer (British Summer Time: local midnight is 23:00 UTC the day before),
// checked against values worked out by hand below: the page's tables (in English and Polish), the CSV
// rows and the JSON API.
import { beforeAll, describe, expect, test } from "vitest";
import type { Harness } from "../support/harness.ts";
import { parseCsv } from "./csv.ts";
import { ADMIN_TOKEN, type Coordinator, loggedIn, textOf } from "./support.ts";

/** July to September: 92 days, so spending is shown week by week. */
const SUMMER = "from=2026-07-01&to=2026-09-30";
/** June to today (28 November): six months, spending shown month by month. */
const LONG = "from=2026-06-01&to=2026-11-28";
/** November and December: events still to come (now is 28 November, 12:00 UTC). */
const WINTER = "from=2026-11-01&to=2026-12-31";

let h: Harness;
let coordinator: Coordinator;
const id: Record<string, number> = {};

type Arg = string | number | null;
async function insert(sqlText: string, ...args: Arg[]): Promise<number> {
  const rows = await h.rows(`${sqlText} RETURNING rowid AS id`, ...args);
  return Number(rows[0]?.id);
}

const member = (name: string, phone: string, locale: string) =>
  insert(
    `INSERT INTO members (phone, name, locale, consent_at, created_at) VALUES (?, ?, ?, '2026-05-01T10:00:00.000Z', '2026-05-01T10:00:00.000Z')`,
    phone,
    name,
    locale,
  );

const post = (
  code: string,
  memberId: number,
  kind: "offer" | "ask",
  status: string,
  createdAt: string,
  approvedAt: string | null,
  closedAt: string | null = null,
) =>
  insert(
    `INSERT INTO posts (code, member_id, kind, body, status, created_at, approved_at, approved_by, expires_at, closed_at)
     VALUES (?, ?, ?, 'help', ?, ?, ?, ?, '2027-01-01T00:00:00.000Z', ?)`,
    code,
    memberId,
    kind,
    status,
    createdAt,
    approvedAt,
    approvedAt || status === "refused" ? "Kim" : null,
    closedAt,
  );

const link = (postId: number, memberId: number, status: string, answeredAt: string | null) =>
  insert(
    `INSERT INTO post_links (post_id, member_id, status, created_at, answered_at) VALUES (?, ?, ?, '2026-06-01T10:00:00.000Z', ?)`,
    postId,
    memberId,
    status,
    answeredAt,
  );

/** A payment for help: the payer's debit and the helper's credit, as spend-write.ts writes them. */
async function help(
  payer: number,
  helper: number,
  postId: number | null,
  minutes: number,
  at: string,
  status = "confirmed",
) {
  await insert(
    `INSERT INTO ledger_entries (member_id, kind, status, minutes, counterpart_member_id, created_at, post_id)
     VALUES (?, 'gift', ?, ?, ?, ?, ?)`,
    payer,
    status,
    -minutes,
    helper,
    at,
    postId,
  );
  await insert(
    `INSERT INTO ledger_entries (member_id, kind, status, minutes, counterpart_member_id, created_at, settled_at, post_id)
     VALUES (?, 'gift', ?, ?, ?, ?, ?, ?)`,
    helper,
    status,
    minutes,
    payer,
    at,
    status === "confirmed" ? at : null,
    postId,
  );
}

const event = (
  eventId: string,
  startsAt: string,
  minPlaces: number | null,
  decided: "on" | "off" | null,
  cancelledAt: string | null,
) =>
  insert(
    `INSERT INTO events (id, partner_id, title, starts_at, cost_minutes, community, updated_at, min_places, decide_by, decided, cancelled_at)
     VALUES (?, 'oasis', ?, ?, 60, 1, '2026-06-01T10:00:00.000Z', ?, ?, ?, ?)`,
    eventId,
    JSON.stringify({ en: eventId }),
    startsAt,
    minPlaces,
    minPlaces ? startsAt : null,
    decided,
    cancelledAt,
  );

let bookingCode = 7000;

/** A redemption: a booking of an event or an offer and its spend entry; `held` is not yet redeemed. */
async function spend(
  memberId: number,
  item: { event?: string; offer?: string },
  minutes: number,
  at: string,
  held = false,
) {
  const booking = await insert(
    `INSERT INTO bookings (code, member_id, partner_id, event_id, offer_id, places, minutes, status, created_at, settled_at)
     VALUES (?, ?, 'oasis', ?, ?, 1, ?, ?, ?, ?)`,
    String(bookingCode++),
    memberId,
    item.event ?? null,
    item.offer ?? null,
    minutes,
    held ? "held" : "redeemed",
    at,
    held ? null : at,
  );
  await insert(
    `INSERT INTO ledger_entries (member_id, kind, status, minutes, booking_id, created_at, settled_at)
     VALUES (?, 'spend', ?, ?, ?, ?, ?)`,
    memberId,
    held ? "held" : "confirmed",
    -minutes,
    booking,
    at,
    held ? null : at,
  );
}

const poll = (createdAt: string, ideaId: number | null, eventId: string | null) =>
  insert(
    `INSERT INTO polls (question, options, audience, idea_id, event_id, created_by, created_at, closes_at)
     VALUES (?, '[]', '{}', ?, ?, 'coordinator:Kim', ?, '2027-01-01T00:00:00.000Z')`,
    JSON.stringify({ en: `Poll of ${createdAt.slice(0, 10)}`, pl: `Ankieta z ${createdAt.slice(0, 10)}` }),
    ideaId,
    eventId,
    createdAt,
  );

async function sendTo(pollId: number, recipients: number[], voters: Array<[number, string]>) {
  for (const m of recipients)
    await h.rows("INSERT INTO poll_recipients (poll_id, member_id) VALUES (?, ?)", pollId, m);
  for (const [m, at] of voters)
    await h.rows(
      "INSERT INTO poll_votes (poll_id, member_id, option, voted_at) VALUES (?, ?, 1, ?)",
      pollId,
      m,
      at,
    );
}

const idea = (memberId: number, createdAt: string) =>
  insert("INSERT INTO ideas (member_id, body, created_at) VALUES (?, 'a picnic', ?)", memberId, createdAt);

/**
 * Members: Anna, Sharon, Jānis (the demo's), Olga and Piotr.
 * Posts (created → approved / refused):
 *   P1 offer, Sharon: 25 Jun (June) → approved 2 Jul.    P2 ask, Anna: 10 Jul → approved 10 Jul, closed.
 *   P3 offer, Jānis: 1 Aug → refused 2 Aug.              P4 ask, Olga: 23:30 on 30 Sep local, waiting.
 *   P5 offer, Piotr: 00:30 on 1 Oct local, open at once. P6 ask, Sharon: 23:30 on 30 Jun local, open at once, expired.
 * Replies answered: P1 Anna shared 3 Jul, Olga declined 4 Jul, Piotr shared 5 Oct; P2 Jānis shared
 *   11 Jul, Piotr still asked; P6 Jānis declined 23:45 on 30 Jun local.
 * Help paid (payer → helper): Anna → Sharon 2 h on 5 Jul and 1.5 h on 10 Aug (P1); Anna → Jānis 1 h
 *   on 12 Jul (P2); Olga → Piotr 3 h on 5 Oct (P5); Anna → Jānis 0.5 h at 23:30 on 30 Jun local (P1).
 *   Not help: a gift Sharon → Olga 1 h on 20 Jul (no post), and a help payment still pending on 15 Aug.
 * Polls: A 15 Jul to Anna, Sharon, Jānis, Olga, answered by Anna and Sharon (and a vote from Piotr,
 *   who was not asked), from idea I1, became event picnic-jul; B 1 Sep to Anna and Piotr, Piotr
 *   answering on 2 Oct, from idea I4; C 10 Oct (three asked, three answered), from idea I2; D at
 *   23:30 on 30 Jun local. Ideas: I1 1 Jul, I2 20 Aug, I3 1 Oct, I4 20 Jun.
 * Events (start): picnic-jul 20 Jul, min 5, on; walk-aug 10 Aug, min 4, called off; talk-aug 20 Aug,
 *   min 3, never decided, past; swap-sep 5 Sep, min 6, cancelled by the coordinator; film-sep 12 Sep,
 *   no minimum, cancelled; quiz-sep 15 Sep, no minimum; late-sep 00:30 on 1 Oct local, min 2, called
 *   off; past-nov 20 Nov, min 2, undecided (past); on-dec 5 Dec, min 3, on; maybe-dec 20 Dec, min 3,
 *   undecided. The demo's bingo, crafts and lunch are in December too, no minimum.
 * Spending (redeemed): Anna picnic-jul 2 credits 20 Jul; Sharon cinema 1 on 21 Jul; Jānis cinema 1 on
 *   5 Aug; Olga talk-aug 3 on 20 Aug; Piotr quiz-sep 1 at 23:30 on 30 Sep local and cinema 1 at 00:30
 *   on 1 Oct local. Olga's hold for quiz-sep on 14 Sep is not spent.
 */
beforeAll(async () => {
  ({ h, coordinator } = await loggedIn());
  const phone = async (p: string) =>
    Number((await h.rows("SELECT id FROM members WHERE phone = ?", p))[0]?.id);
  id.anna = await phone("+447700900100");
  id.sharon = await phone("+447700900101");
  id.janis = await phone("+447700900102");
  id.olga = await member("Olga", "+447700900201", "pl");
  id.piotr = await member("Piotr", "+447700900202", "pl");

  const p1 = await post(
    "P101",
    id.sharon,
    "offer",
    "open",
    "2026-06-25T10:00:00.000Z",
    "2026-07-02T09:00:00.000Z",
  );
  const p2 = await post(
    "P102",
    id.anna,
    "ask",
    "closed",
    "2026-07-10T10:00:00.000Z",
    "2026-07-10T12:00:00.000Z",
    "2026-08-01T10:00:00.000Z",
  );
  await post(
    "P103",
    id.janis,
    "offer",
    "refused",
    "2026-08-01T10:00:00.000Z",
    null,
    "2026-08-02T10:00:00.000Z",
  );
  await post("P104", id.olga, "ask", "waiting", "2026-09-30T22:30:00.000Z", null);
  const p5 = await post(
    "P105",
    id.piotr,
    "offer",
    "open",
    "2026-09-30T23:30:00.000Z",
    "2026-09-30T23:30:00.000Z",
  );
  const p6 = await post(
    "P106",
    id.sharon,
    "ask",
    "expired",
    "2026-06-30T22:30:00.000Z",
    "2026-06-30T22:30:00.000Z",
    "2026-07-30T22:30:00.000Z",
  );
  await link(p1, id.anna, "shared", "2026-07-03T10:00:00.000Z");
  await link(p1, id.olga, "declined", "2026-07-04T10:00:00.000Z");
  await link(p1, id.piotr, "shared", "2026-10-05T10:00:00.000Z");
  await link(p2, id.janis, "shared", "2026-07-11T10:00:00.000Z");
  await link(p2, id.piotr, "asked", null);
  await link(p6, id.janis, "declined", "2026-06-30T22:45:00.000Z");

  await help(id.anna, id.sharon, p1, 120, "2026-07-05T10:00:00.000Z");
  await help(id.anna, id.sharon, p1, 90, "2026-08-10T10:00:00.000Z");
  await help(id.anna, id.janis, p2, 60, "2026-07-12T10:00:00.000Z");
  await help(id.olga, id.piotr, p5, 180, "2026-10-05T10:00:00.000Z");
  await help(id.anna, id.janis, p1, 30, "2026-06-30T22:30:00.000Z");
  await help(id.sharon, id.olga, null, 60, "2026-07-20T10:00:00.000Z");
  await help(id.olga, id.anna, p2, 120, "2026-08-15T10:00:00.000Z", "pending");

  await event("picnic-jul", "2026-07-20T11:00:00.000Z", 5, "on", null);
  await event("walk-aug", "2026-08-10T09:00:00.000Z", 4, "off", "2026-08-08T09:00:00.000Z");
  await event("talk-aug", "2026-08-20T17:00:00.000Z", 3, null, null);
  await event("swap-sep", "2026-09-05T10:00:00.000Z", 6, null, "2026-09-01T10:00:00.000Z");
  await event("film-sep", "2026-09-12T18:00:00.000Z", null, null, "2026-09-10T10:00:00.000Z");
  await event("quiz-sep", "2026-09-15T18:00:00.000Z", null, null, null);
  await event("late-sep", "2026-09-30T23:30:00.000Z", 2, "off", "2026-09-29T10:00:00.000Z");
  await event("past-nov", "2026-11-20T18:00:00.000Z", 2, null, null);
  await event("on-dec", "2026-12-05T18:00:00.000Z", 3, "on", null);
  await event("maybe-dec", "2026-12-20T18:00:00.000Z", 3, null, null);

  await spend(id.anna, { event: "picnic-jul" }, 120, "2026-07-20T12:00:00.000Z");
  await spend(id.sharon, { offer: "cinema-ticket" }, 60, "2026-07-21T12:00:00.000Z");
  await spend(id.janis, { offer: "cinema-ticket" }, 60, "2026-08-05T12:00:00.000Z");
  await spend(id.olga, { event: "talk-aug" }, 180, "2026-08-20T18:00:00.000Z");
  await spend(id.olga, { event: "quiz-sep" }, 60, "2026-09-14T12:00:00.000Z", true);
  await spend(id.piotr, { event: "quiz-sep" }, 60, "2026-09-30T22:30:00.000Z");
  await spend(id.piotr, { offer: "cinema-ticket" }, 60, "2026-09-30T23:30:00.000Z");

  const i1 = await idea(id.olga, "2026-07-01T08:00:00.000Z");
  const i2 = await idea(id.anna, "2026-08-20T10:00:00.000Z");
  await idea(id.piotr, "2026-10-01T10:00:00.000Z");
  const i4 = await idea(id.janis, "2026-06-20T10:00:00.000Z");
  const a = await poll("2026-07-15T10:00:00.000Z", i1, "picnic-jul");
  const b = await poll("2026-09-01T10:00:00.000Z", i4, null);
  const c = await poll("2026-10-10T10:00:00.000Z", i2, null);
  const d = await poll("2026-06-30T22:30:00.000Z", null, null);
  for (const [ideaId, pollId] of [
    [i1, a],
    [i4, b],
    [i2, c],
  ] as const)
    await h.rows("UPDATE ideas SET poll_id = ? WHERE id = ?", pollId, ideaId);
  await sendTo(
    a,
    [id.anna, id.sharon, id.janis, id.olga],
    [
      [id.anna, "2026-07-15T11:00:00.000Z"],
      [id.sharon, "2026-07-16T11:00:00.000Z"],
      [id.piotr, "2026-07-16T12:00:00.000Z"],
    ],
  );
  await sendTo(b, [id.anna, id.piotr], [[id.piotr, "2026-10-02T10:00:00.000Z"]]);
  await sendTo(
    c,
    [id.anna, id.sharon, id.olga],
    [
      [id.anna, "2026-10-10T11:00:00.000Z"],
      [id.sharon, "2026-10-10T11:00:00.000Z"],
      [id.olga, "2026-10-10T11:00:00.000Z"],
    ],
  );
  await sendTo(d, [id.anna], [[id.anna, "2026-07-01T10:00:00.000Z"]]);
});

/** The rows of a table on a page (`data-table`), body and footer, each cell as the reader sees it. */
function table(html: string, name: string): string[][] {
  const body = new RegExp(`<table data-table="${name}">([\\s\\S]*?)</table>`).exec(html)?.[1];
  if (body === undefined) throw new Error(`no table ${name}`);
  const rows = body.replace(/<thead>[\s\S]*?<\/thead>/, "").match(/<tr>[\s\S]*?<\/tr>/g) ?? [];
  return rows.map((r) => (r.match(/<t[hd][^>]*>[\s\S]*?<\/t[hd]>/g) ?? []).map(textOf));
}

const figure = (html: string, name: string) =>
  textOf(new RegExp(`data-figure="${name}">([\\s\\S]*?)</(p|strong)>`).exec(html)?.[1] ?? "");

async function csv(name: string, query: string) {
  const res = await coordinator.get(`/admin/reports/${name}.csv?${query}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  return { res, rows: parseCsv(res.html) };
}

async function api(name: string, query: string): Promise<Record<string, unknown>> {
  const res = await h.app.request(`/admin/api/reports/${name}?${query}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

const page = async (query: string, lang = "en") => {
  const res = await coordinator.get(`/admin/reports?${query}&lang=${lang}`);
  expect(res.status).toBe(200);
  return res.html;
};

describe("members helping members", () => {
  // Summer: Anna → Sharon 2 h + 1.5 h, Anna → Jānis 1 h: 4.5 h in 3 payments, 2 helpers, 1 helped.
  // The June half hour (23:30 local on 30 June), October's 3 h, the plain gift and the pending one are out.
  test("page, in English and Polish", async () => {
    const en = await page(SUMMER);
    expect(figure(en, "help-summary")).toBe("3 payments for help from one member to another.");
    expect(table(en, "help")).toEqual([
      ["Hours exchanged", "4.5"],
      ["Payments", "3"],
      ["Members who helped", "2"],
      ["Members who were helped", "1"],
    ]);
    expect(table(en, "help-month")).toEqual([
      ["Jul 2026", "3", "2"],
      ["Aug 2026", "1.5", "1"],
      ["Sept 2026", "0", "0"],
    ]);
    expect(en).toContain('data-chart="chart-help-month"');
    const pl = await page(SUMMER, "pl");
    expect(figure(pl, "help-summary")).toBe("3 płatności za pomoc między uczestnikami.");
    expect(table(pl, "help")).toEqual([
      ["Wymienione godziny", "4,5"],
      ["Płatności", "3"],
      ["Uczestnicy, którzy pomogli", "2"],
      ["Uczestnicy, którzy otrzymali pomoc", "1"],
    ]);
  });

  test("CSV and API, June to today", async () => {
    // Jun 0.5 h (Jānis helps Anna); Jul 3 h; Aug 1.5 h; Oct 3 h (Piotr helps Olga): 8 h, 5 payments,
    // helpers Sharon, Jānis, Piotr; helped Anna, Olga.
    const { res, rows } = await csv("help", LONG);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="member-to-member-help_2026-06-01_2026-11-28.csv"',
    );
    expect(rows).toEqual([
      ["month", "payments", "minutes", "hours", "helpers", "helped"],
      ["2026-06", "1", "30", "0.5", "1", "1"],
      ["2026-07", "2", "180", "3", "2", "1"],
      ["2026-08", "1", "90", "1.5", "1", "1"],
      ["2026-09", "0", "0", "0", "0", "0"],
      ["2026-10", "1", "180", "3", "1", "1"],
      ["2026-11", "0", "0", "0", "0", "0"],
      ["total", "5", "480", "8", "3", "2"],
    ]);
    const body = await api("help", SUMMER);
    expect(body).toMatchObject({ minutes: 270, hours: 4.5, payments: 3, helpers: 2, helped: 1 });
    expect(body.months).toHaveLength(3);
  });
});

describe("offers and asks", () => {
  // Summer: posted offers P3, asks P2 and P4 (23:30 local on 30 Sep); approved P1 (2 Jul) and P2;
  // refused P3. Replies: offers 1 shared (Anna), 1 declined (Olga); asks 1 shared (Jānis).
  test("page, in English and Polish", async () => {
    expect(table(await page(SUMMER), "posts")).toEqual([
      ["Posted", "1", "2", "3"],
      ["Approved", "1", "1", "2"],
      ["Refused", "1", "0", "1"],
      ["Matches", "1", "1", "2"],
      ["Replies declined", "1", "0", "1"],
    ]);
    const pl = await page(SUMMER, "pl");
    expect(table(pl, "posts")[3]).toEqual(["Dopasowania", "1", "1", "2"]);
    expect(textOf(pl)).toContain("Oferty i prośby");
  });

  test("CSV and API", async () => {
    const { rows } = await csv("posts", SUMMER);
    expect(rows).toEqual([
      ["measure", "offers", "asks", "all"],
      ["posted", "1", "2", "3"],
      ["approved", "1", "1", "2"],
      ["refused", "1", "0", "1"],
      ["matches", "1", "1", "2"],
      ["declined", "1", "0", "1"],
    ]);
    // June to today adds P1, P5 and P6 posted (P6 and P5 approved at once), Piotr's October match
    // and the June decline.
    expect(await api("posts", LONG)).toMatchObject({
      offers: { posted: 3, approved: 2, refused: 1, matches: 2, declined: 1 },
      asks: { posted: 3, approved: 2, refused: 0, matches: 1, declined: 1 },
      all: { posted: 6, approved: 4, refused: 1, matches: 3, declined: 2 },
    });
  });
});

describe("polls and turnout", () => {
  // Summer: polls A (4 asked, 2 answered; Piotr's vote was not asked for) and B (2 asked, Piotr
  // answered in October): 6 asked, 3 answered, 50%. Ideas received I1, I2; polled I1 (A) and I4 (B).
  test("page, in English and Polish", async () => {
    const en = await page(SUMMER);
    expect(figure(en, "polls-turnout")).toBe("3 of 6 members asked answered (50%)");
    expect(table(en, "polls")).toEqual([
      ["Polls sent", "2"],
      ["Members asked", "6"],
      ["Members who answered", "3"],
      ["Turnout", "50%"],
      ["Ideas received", "2"],
      ["Ideas put to a poll", "2"],
      ["Polls that became an event", "1"],
    ]);
    expect(table(en, "polls-each").map((r) => [r[0], r[2], r[3], r[4]])).toEqual([
      ["Poll of 2026-07-15", "4", "2", "50%"],
      ["Poll of 2026-09-01", "2", "1", "50%"],
    ]);
    const pl = await page(SUMMER, "pl");
    expect(figure(pl, "polls-turnout")).toBe("Odpowiedzi od 3 z 6 zapytanych osób (50%)");
    expect(table(pl, "polls-each")[0]?.[0]).toBe("Ankieta z 2026-07-15");
    const lv = await page(SUMMER, "lv");
    expect(figure(lv, "polls-turnout")).toBe("Atbildēja 3 no 6 aptaujātajiem dalībniekiem (50%)");
  });

  test("CSV and API", async () => {
    const { rows } = await csv("polls", SUMMER);
    expect(rows).toEqual([
      ["measure", "value"],
      ["polls_sent", "2"],
      ["recipients", "6"],
      ["voters", "3"],
      ["turnout", "0.5"],
      ["ideas_received", "2"],
      ["ideas_polled", "2"],
      ["became_events", "1"],
    ]);
    // June to today: D (1 of 1) and C (3 of 3) too: 10 asked, 7 answered; ideas I1, I2, I3, I4; all three polled.
    expect(await api("polls", LONG)).toMatchObject({
      sent: 4,
      recipients: 10,
      voters: 7,
      turnout: 0.7,
      ideasReceived: 4,
      ideasPolled: 3,
      becameEvents: 1,
    });
    const none = await api("polls", "from=2026-05-01&to=2026-05-31");
    expect(none).toMatchObject({ sent: 0, recipients: 0, voters: 0, turnout: null, polls: [] });
    // With no poll the page says so in the table, and lists none one by one.
    const may = await page("from=2026-05-01&to=2026-05-31");
    expect(figure(may, "polls-turnout")).toBe("0 of 0 members asked answered (–)");
    expect(may).not.toContain('data-table="polls-each"');
  });
});

describe("events held and called off", () => {
  // Summer: six events start (late-sep is 00:30 on 1 October local). With a minimum: picnic (on),
  // walk (off), talk (never decided, past: held), swap (cancelled by the coordinator). Cancelled by
  // the coordinator: swap and film; the walk was called off, not cancelled by anyone.
  test("page, in English and Polish", async () => {
    const en = await page(SUMMER);
    expect(figure(en, "events-summary")).toBe("4 events with a minimum number of places.");
    expect(table(en, "events")).toEqual([
      ["All events", "6"],
      ["With a minimum number of places", "4"],
      ["Held (went ahead)", "2"],
      ["Called off: too few places", "1"],
      ["Not decided yet", "0"],
      ["Cancelled by the coordinator (any event)", "2"],
    ]);
    const pl = await page(SUMMER, "pl");
    expect(figure(pl, "events-summary")).toBe("4 wydarzenia z minimalną liczbą miejsc.");
    expect(table(pl, "events")[3]).toEqual(["Odwołane: za mało miejsc", "1"]);
  });

  test("CSV and API, with events still to come", async () => {
    const { rows } = await csv("events", SUMMER);
    expect(rows).toEqual([
      ["measure", "events"],
      ["events", "6"],
      ["with_minimum", "4"],
      ["held", "2"],
      ["called_off", "1"],
      ["waiting", "0"],
      ["cancelled_by_coordinator", "2"],
    ]);
    // November–December: past-nov (past, held), on-dec (on: held), maybe-dec (waiting), and the
    // demo's bingo, crafts and lunch.
    expect(await api("events", WINTER)).toEqual(
      expect.objectContaining({
        events: 6,
        withMinimum: 3,
        held: 2,
        calledOff: 0,
        waiting: 1,
        cancelledByCoordinator: 0,
      }),
    );
    const pl = await page(WINTER, "pl");
    expect(figure(pl, "events-summary")).toBe("3 wydarzenia z minimalną liczbą miejsc.");
    const lv = await page(WINTER, "lv");
    expect(figure(lv, "events-summary")).toBe("3 pasākumi ar minimālo vietu skaitu.");
  });
});

describe("community against corporate spending over time", () => {
  // Summer, week by week: 20–26 Jul picnic 2 + cinema 1; 3–9 Aug cinema 1; 17–23 Aug talk 3; 28–30 Sep
  // quiz 1 (23:30 local on the 30th). Piotr's cinema at 00:30 on 1 October and Olga's hold are out.
  // In all, 6 community and 2 corporate: 75%, the same as the credits report's two figures.
  test("page: a week-by-week chart and table, and Polish", async () => {
    const en = await page(SUMMER);
    expect(figure(en, "spending-share")).toBe("75%");
    const weeks = table(en, "spending");
    expect(weeks).toHaveLength(15);
    expect(weeks[0]).toEqual(["1 – 5 Jul", "–", "0", "0"]);
    expect(weeks[3]).toEqual(["20 – 26 Jul", "66.7%", "2", "1"]);
    expect(weeks[5]).toEqual(["3 – 9 Aug", "0%", "0", "1"]);
    expect(weeks[7]).toEqual(["17 – 23 Aug", "100%", "3", "0"]);
    expect(weeks[13]).toEqual(["28 – 30 Sept", "100%", "1", "0"]);
    expect(weeks[14]).toEqual(["Total", "75%", "6", "2"]);
    const chart =
      /<figure class="chart" data-chart="chart-spending">([\s\S]*?)<\/figure>/.exec(en)?.[1] ?? "";
    expect(chart).toContain("Spending per week");
    expect(chart.match(/<g>/g)).toHaveLength(14);
    expect(textOf(chart)).toContain("Community Corporate");
    expect(table(en, "credits")).toEqual(
      expect.arrayContaining([
        ["Spent at community events and offers", "6"],
        ["Spent at corporate offers and events", "2"],
      ]),
    );
    const pl = await page(SUMMER, "pl");
    expect(textOf(pl)).toContain("Wydatki w tygodniu");
    expect(table(pl, "spending")[3]).toEqual(["20–26 lip", "66,7%", "2", "1"]);
  });

  test("CSV and API: month by month for a longer period", async () => {
    const { res, rows } = await csv("spending", LONG);
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="community-spending-over-time_2026-06-01_2026-11-28.csv"',
    );
    expect(rows).toEqual([
      [
        "span",
        "from",
        "to",
        "spent_community_minutes",
        "spent_corporate_minutes",
        "spent_community_credits",
        "spent_corporate_credits",
        "community_share",
      ],
      ["month", "2026-06-01", "2026-06-30", "0", "0", "0", "0", ""],
      ["month", "2026-07-01", "2026-07-31", "120", "60", "2", "1", "0.6667"],
      ["month", "2026-08-01", "2026-08-31", "180", "60", "3", "1", "0.75"],
      ["month", "2026-09-01", "2026-09-30", "60", "0", "1", "0", "1"],
      ["month", "2026-10-01", "2026-10-31", "0", "60", "0", "1", "0"],
      ["month", "2026-11-01", "2026-11-28", "0", "0", "0", "0", ""],
      ["total", "2026-06-01", "2026-11-28", "360", "180", "6", "3", "0.6667"],
    ]);
    const body = await api("spending", SUMMER);
    expect(body.unit).toBe("week");
    expect(body.total).toEqual({ spentCommunity: 360, spentCorporate: 120, communityShare: 0.75 });
    const spans = body.spans as Array<{ from: string; to: string }>;
    expect(spans).toHaveLength(14);
    expect(spans[0]).toEqual({
      from: "2026-07-01",
      to: "2026-07-05",
      spentCommunity: 0,
      spentCorporate: 0,
      communityShare: null,
    });
    expect(spans[13]).toMatchObject({ from: "2026-09-28", to: "2026-09-30", spentCommunity: 60 });
    // The credits report counts the same redemptions.
    expect(await api("credits", LONG)).toMatchObject({ spentCommunity: 360, spentCorporate: 180 });
  });
});

test("every new report is listed and linked, and the API names them", async () => {
  const html = await page(SUMMER);
  for (const name of ["spending", "help", "posts", "polls", "events"]) {
    expect(html).toContain(`href="/admin/reports/${name}.csv?from=2026-07-01&amp;to=2026-09-30"`);
    expect(html).toContain(`<a href="#${name}">`);
  }
  const res = await h.app.request("/admin/api/reports", {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  expect(((await res.json()) as { reports: string[] }).reports).toEqual([
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
  ]);
});
