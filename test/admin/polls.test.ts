// Polls before events, end to end: POST /admin/api/polls previews (recipients and cost, nothing sent)
// and sends one message per member in their language; three members answer by SMS with a number, a
// word and a change of mind; GET /admin/api/polls/:id counts them live; a closed poll or a member it
// was not sent to gets the menu for a number again; IDEA … is listed for the coordinator, who polls
// it; a poll becomes an event in one step. Real HTTP, real libSQL, the fake Twilio REST API.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import type { Harness } from "../support/harness.ts";
import { ADMIN_TOKEN, adminHarness, Coordinator } from "./support.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

async function harness(): Promise<Harness> {
  fake.calls.length = 0;
  return adminHarness({ env: { TWILIO_API_URL: fake.url } });
}

const api = (h: Harness, path: string, body?: unknown, token = ADMIN_TOKEN) =>
  h.app.request(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const JANUARY = {
  question: { en: "What shall we do in January?", pl: "Co robimy w styczniu?", lv: "Ko darīsim janvārī?" },
  options: [
    { en: "Bowling", pl: "Kręgle", lv: "Boulings" },
    { en: "Cinema", pl: "Kino", lv: "Kino" },
    { en: "Picnic", pl: "Piknik", lv: "Pikniks" },
  ],
  audience: { kind: "all" },
};

/** A JSON answer, loosely typed as JSON.parse types it (tests read what they assert on). */
const json = async (r: Response): Promise<ReturnType<typeof JSON.parse>> => r.json();

/** The replies to one SMS, as TwiML bodies. */
const text = async (h: Harness, from: string, body: string) => (await h.sms(from, body)).messages.join("\n");

describe("a poll by the API, answered by SMS", () => {
  test("preview, send in three languages, a number, a word and a change of mind, live counts", async () => {
    const h = await harness();
    const preview = await api(h, "/admin/api/polls", { ...JANUARY, preview: true });
    expect(preview.status).toBe(200);
    const figures = await json(preview);
    expect(figures).toMatchObject({ preview: true, recipients: 3, deferred: false });
    expect(figures.costPence).toBeGreaterThan(0);
    expect(await h.rows("SELECT id FROM polls")).toEqual([]);
    expect(await h.rows("SELECT id FROM outbox")).toEqual([]);

    const sent = await api(h, "/admin/api/polls", JANUARY);
    expect(sent.status).toBe(201);
    const { id, recipients } = await json(sent);
    expect(recipients).toBe(3);
    await h.flush();
    const byPhone = Object.fromEntries(fake.calls.map((c) => [c.to, c.body]));
    expect(byPhone[ANNA]).toBe(
      "Co robimy w styczniu?\n1 Kręgle\n2 Kino\n3 Piknik\nOdpisz numerem od 1 do 3.",
    );
    expect(byPhone[SHARON]).toBe(
      "What shall we do in January?\n1 Bowling\n2 Cinema\n3 Picnic\nReply with a number, 1 to 3.",
    );
    expect(byPhone[JANIS]).toBe(
      "Ko darīsim janvārī?\n1 Boulings\n2 Kino\n3 Pikniks\nAtbildi ar numuru no 1 līdz 3.",
    );

    expect(await text(h, ANNA, "2")).toContain("Dziękujemy! Twoja odpowiedź: Kino. Inny numer ją zmieni.");
    expect(await text(h, SHARON, "bowling please")).toContain("Thanks! Your answer: Bowling.");
    expect(await text(h, JANIS, "3")).toContain("Paldies! Tava atbilde: Pikniks.");
    expect(await text(h, JANIS, "kino")).toContain("Mainīts uz: Kino. Paldies!");
    // An answer again is counted once.
    expect(await text(h, ANNA, "2")).toContain("Twoja odpowiedź: Kino");

    const results = await json(await api(h, `/admin/api/polls/${id}`));
    expect(results).toMatchObject({ id, counts: [1, 2, 0], voters: 3, recipients: 3, eventId: null });
    expect(await h.rows("SELECT option FROM poll_votes ORDER BY member_id")).toHaveLength(3);
    // Commands still work while the poll is open.
    expect(await text(h, ANNA, "SALDO")).toMatch(/Masz|kredyt/);
  });

  test("after the poll closes, or for a member it was not sent to, a number is the menu's again", async () => {
    const h = await harness();
    const sent = await api(h, "/admin/api/polls", {
      ...JANUARY,
      audience: { kind: "language", language: "pl" },
      days: 2,
    });
    expect((await json(sent)).recipients).toBe(1);
    expect(await text(h, SHARON, "2")).not.toContain("Your answer");
    h.setNow("2026-12-01T12:00:00Z");
    expect(await text(h, ANNA, "2")).not.toContain("Twoja odpowiedź");
    expect(await h.rows("SELECT * FROM poll_votes")).toEqual([]);
  });

  test("bad polls are refused with every issue, and nothing is sent", async () => {
    const h = await harness();
    const one = await api(h, "/admin/api/polls", { ...JANUARY, options: [JANUARY.options[0]] });
    expect(one.status).toBe(400);
    const noQuestion = await api(h, "/admin/api/polls", { ...JANUARY, question: { pl: "Co?" } });
    expect(noQuestion.status).toBe(400);
    expect((await json(noQuestion)).issues).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "question.en" })]),
    );
    expect((await api(h, "/admin/api/polls", JANUARY, "wrong-token")).status).toBe(401);
    expect((await api(h, "/admin/api/polls/999")).status).toBe(404);
    expect(await h.rows("SELECT id FROM polls")).toEqual([]);
    expect(await h.rows("SELECT id FROM outbox")).toEqual([]);
  });
});

describe("a partner proposes a poll by SMS", () => {
  test("POLL with a question and options is kept for the coordinator, who finds it prefilled", async () => {
    const h = await harness();
    const SUE = "+447700900003"; // Oasis, English
    const ILZE = "+447700900004"; // Oasis, Latvian
    expect(await text(h, SUE, "POLL Bowling or cinema in January? Bowling / Cinema / Picnic")).toContain(
      "Thanks! The coordinator will check your poll (3 options) and send it.",
    );
    expect(await text(h, ILZE, "APTAUJA kur iet?")).toContain("Sūti APTAUJA, jautājumu ar ?");
    expect(await text(h, ANNA, "ANKIETA kino czy kręgle? kino / kręgle")).toContain(
      "Ankiety zaczynają partnerzy i koordynator.",
    );
    // Nothing is sent by itself: no poll, no outbox row, only the proposal beside the ideas.
    expect(await h.rows("SELECT id FROM polls")).toEqual([]);
    const { ideas } = await json(await api(h, "/admin/api/ideas"));
    expect(ideas).toEqual([
      expect.objectContaining({
        name: "Oasis Community Centre (Sue)",
        body: "Bowling or cinema in January?",
        proposal: { options: ["Bowling", "Cinema", "Picnic"], partnerId: "oasis", locale: "en" },
      }),
    ]);
    // The coordinator's form comes prefilled: question, options, the partner's volunteers.
    const c = new Coordinator(h);
    await c.login();
    const page = await c.get(`/admin/polls/new?idea=${ideas[0].id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('value="Bowling or cinema in January?"');
    expect(page.html).toContain('value="Picnic"');
    expect(page.html).toMatch(/<option value="oasis"[^>]*selected/);
  });
});

describe("members propose, the coordinator polls, the poll becomes an event", () => {
  test("IDEA in three languages, a poll from an idea, and the winning option made an event", async () => {
    const h = await harness();
    expect(await text(h, SHARON, "IDEA a family swim on Sundays")).toContain("Thanks for the idea!");
    expect(await text(h, ANNA, "POMYSŁ wspólne gotowanie")).toContain("Dziękujemy za pomysł!");
    expect(await text(h, JANIS, "ideja")).toContain("Sūti IDEJA un ko tu vēlētos");
    const { ideas } = await json(await api(h, "/admin/api/ideas"));
    expect(ideas.map((i: { name: string; body: string }) => [i.name, i.body])).toEqual([
      ["Anna", "wspólne gotowanie"],
      ["Sharon", "a family swim on Sundays"],
    ]);
    const swim = ideas[1].id;
    const sent = await api(h, "/admin/api/polls", {
      question: {
        en: "A family swim on Sundays?",
        pl: "Rodzinny basen w niedziele?",
        lv: "Ģimenes peldēšana svētdienās?",
      },
      options: [
        { en: "Yes, mornings", pl: "Tak, rano", lv: "Jā, no rīta" },
        { en: "Yes, afternoons", pl: "Tak, po południu", lv: "Jā, pēcpusdienā" },
      ],
      audience: { kind: "all" },
      ideaId: swim,
    });
    const { id } = await json(sent);
    expect(await h.rows("SELECT poll_id FROM ideas WHERE id = ?", swim)).toEqual([{ poll_id: id }]);
    await text(h, ANNA, "2");
    await text(h, SHARON, "2");
    const made = await api(h, `/admin/api/polls/${id}/event`, {
      option: 2,
      partner: "leisure",
      startsAt: "2026-12-13T14:00",
      cost: 1,
      capacity: 20,
    });
    expect(made.status).toBe(201);
    const { event } = await json(made);
    expect(event.title).toEqual({ en: "Yes, afternoons", pl: "Tak, po południu", lv: "Jā, pēcpusdienā" });
    const results = await json(await api(h, `/admin/api/polls/${id}`));
    expect(results).toMatchObject({ counts: [0, 2], eventId: event.id });
    expect(results.closedAt).not.toBeNull();
    // Closed: a number is no longer an answer, and a second event from it is refused.
    expect(await text(h, JANIS, "1")).not.toContain("Tava atbilde");
    expect(
      (
        await api(h, `/admin/api/polls/${id}/event`, {
          option: 1,
          partner: "leisure",
          startsAt: "2026-12-14T14:00",
        })
      ).status,
    ).toBe(409);
  });
});
