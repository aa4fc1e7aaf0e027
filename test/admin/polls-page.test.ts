// The polls pages through the whole app, as a logged-in coordinator: login and CSRF in front of every
// route; Preview shows recipients, segments, conversations, cost and quiet hours and writes nothing;
// refused forms come back translated; Send creates one poll and its outbox rows, and pressing it
// twice (one after the other, or both at once) sends once; the results page counts SMS answers;
// "Make this an event" creates the event; an idea sent by SMS opens a prefilled form.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import type { Harness } from "../support/harness.ts";
import { adminHarness, type Coordinator, csrfOf, loggedIn, type Page, textOf } from "./support.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

async function coordinator(now?: string) {
  fake.calls.length = 0;
  return loggedIn({ env: { TWILIO_API_URL: fake.url }, ...(now ? { now } : {}) });
}

/** The January poll as the form sends it; rows 4 and 5 left empty. */
const JANUARY: Record<string, string> = {
  q_en: "What shall we do in January?",
  q_pl: "Co robimy w styczniu?",
  q_lv: "Ko darīsim janvārī?",
  o1_en: "Bowling",
  o1_pl: "Kręgle",
  o1_lv: "Boulings",
  o2_en: "Cinema",
  o2_pl: "Kino",
  o2_lv: "Kino",
  o3_en: "Picnic",
  o3_pl: "Piknik",
  o3_lv: "Pikniks",
  o4_en: "",
  o5_en: "",
  audience: "all",
  open_days: "7",
};

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The fields of the form posting to `action`, as a browser would send them (hidden ones only). */
function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  if (start < 0) throw new Error(`no form posting to ${action}`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[m[1] as string] = decode(m[2] as string);
  return fields;
}

const preview = (c: Coordinator, form: Record<string, string> = JANUARY, lang = "en") =>
  c.submit(`/admin/polls/new?lang=${lang}`, "/admin/polls/new/preview", form);

/** Preview, then the Send form's fields (CSRF, one-time token, the poll). */
async function sendForm(
  c: Coordinator,
  form: Record<string, string> = JANUARY,
): Promise<Record<string, string>> {
  const page = await preview(c, form);
  expect(page.status).toBe(200);
  return formFields(page.html, "/admin/polls/new/send");
}

const written = async (h: Harness) => ({
  polls: (await h.rows("SELECT COUNT(*) AS n FROM polls"))[0]?.n,
  outbox: (await h.rows("SELECT COUNT(*) AS n FROM outbox"))[0]?.n,
  broadcasts: (await h.rows("SELECT COUNT(*) AS n FROM broadcasts"))[0]?.n,
  audit: (await h.rows("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'poll.%'"))[0]?.n,
});
const NOTHING = { polls: 0, outbox: 0, broadcasts: 0, audit: 0 };

async function sendJanuary(c: Coordinator): Promise<number> {
  const sent = await c.post("/admin/polls/new/send", await sendForm(c));
  expect(sent.status).toBe(303);
  const id = Number(/\/admin\/polls\/(\d+)\?notice=sent$/.exec(sent.location ?? "")?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

const textAt = async (c: Coordinator, path: string) => textOf((await c.get(path)).html);

describe("login and CSRF", () => {
  test("every page needs a login, every form the session's CSRF token; refused posts write nothing", async () => {
    const h = await adminHarness();
    for (const path of ["/admin/polls", "/admin/polls/new", "/admin/polls/1"]) {
      const res = await h.app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location")).toBe("/admin/login");
    }
    const anonymous = await h.app.request("/admin/polls/new/send", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(JANUARY).toString(),
    });
    expect(anonymous.status).toBe(401);

    const { h: h2, coordinator: c } = await coordinator();
    const fields = await sendForm(c);
    for (const action of ["/admin/polls/new/preview", "/admin/polls/new/send", "/admin/polls/1/event"]) {
      const { _csrf, ...rest } = fields;
      expect((await c.post(action, rest)).status, action).toBe(403);
      expect((await c.post(action, { ...rest, _csrf: "forged" })).status, action).toBe(403);
    }
    expect(await written(h2)).toEqual(NOTHING);
  });
});

describe("the polls page", () => {
  test("is in the menu, and says when there are no polls or ideas, in the coordinator's language", async () => {
    const { coordinator: c } = await coordinator();
    const page = await c.get("/admin/polls");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<a href="/admin/polls" aria-current="page">Polls</a>');
    expect(page.html).toContain('href="/admin/polls/new"');
    const text = textOf(page.html);
    expect(text).toContain("No polls yet.");
    expect(text).toContain("No ideas yet.");
    expect(await textAt(c, "/admin/polls?lang=pl")).toContain("Nie ma jeszcze ankiet.");
    expect(await textAt(c, "/admin/polls?lang=lv")).toContain("Aptauju vēl nav.");
  });
});

describe("preview and send", () => {
  test("Preview shows recipients, segments, conversations, cost and when it goes, and writes nothing", async () => {
    const { h, coordinator: c } = await coordinator();
    const page = await preview(c);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("This message will reach 3 members.");
    expect(text).toContain("It goes out as soon as you send it.");
    expect(text).toMatch(/\d+ SMS segments in all, at [\d.]+p each: about £\d+\.\d\d\./);
    expect(text).toContain("WhatsApp conversation");
    expect(text).toMatch(/In all about £\d+\.\d\d\. Telegram is free\./);
    expect(page.html).toMatch(/data-cost="total" data-value="[1-9]/);
    // The message each language's members get, as the service words it.
    expect(page.html).toContain(
      "Co robimy w styczniu?\n1 Kręgle\n2 Kino\n3 Piknik\nOdpisz numerem od 1 do 3.",
    );
    expect(text).toContain("Send to 3 members");
    const fields = formFields(page.html, "/admin/polls/new/send");
    expect(fields.token).toMatch(/^[0-9a-f-]{36}$/);
    expect(fields.q_pl).toBe("Co robimy w styczniu?");
    expect(await written(h)).toEqual(NOTHING);
  });

  test("in quiet hours the preview says when it will go out", async () => {
    const { coordinator: c } = await coordinator("2026-11-28T22:30:00Z");
    const text = textOf((await preview(c)).html);
    expect(text).toContain("Quiet hours (21:00 to 09:00): it will go out at");
    expect((await preview(c)).html).toContain('data-deferred="true"');
  });

  test("refused forms come back as typed, each error translated beside its field", async () => {
    const { h, coordinator: c } = await coordinator();
    const bad = await preview(c, {
      ...JANUARY,
      q_en: " ",
      o2_en: "",
      o2_pl: "Kino",
      o2_lv: "",
      o3_en: "",
      o3_pl: "",
      o3_lv: "",
      open_days: "0",
    });
    expect(bad.status).toBe(422);
    const text = textOf(bad.html);
    expect(text).toContain("Please correct the fields marked below.");
    expect(text).toContain("Write the question in English.");
    expect(text).toContain("Write this option in English too.");
    expect(text).toContain("Give a whole number of days, from 1 to 60.");
    expect(bad.html).toContain('value="Co robimy w styczniu?"');
    expect(bad.html).toContain(
      'name="o2_en" type="text" lang="en" maxlength="160" value="" aria-invalid="true"',
    );
    const few = await preview(c, {
      ...JANUARY,
      o2_en: "",
      o2_pl: "",
      o2_lv: "",
      o3_en: "",
      o3_pl: "",
      o3_lv: "",
    });
    expect(textOf(few.html)).toContain("Give from 2 to 5 options.");
    const pl = await preview(c, { ...JANUARY, q_en: "", audience: "active", days: "x" }, "pl");
    expect(textOf(pl.html)).toContain("Napisz pytanie po angielsku.");
    expect(pl.html).toMatch(/name="days" type="text" inputmode="numeric" value="x" aria-invalid="true"/);
    const lv = await preview(c, { ...JANUARY, o1_en: "", o1_pl: "", o1_lv: "Boulings" }, "lv");
    expect(textOf(lv.html)).toContain("Uzrakstiet šo variantu arī angliski.");
    // A Send that did not come from a preview.
    const { token, ...noToken } = await sendForm(c);
    const refused = await c.post("/admin/polls/new/send", noToken);
    expect(refused.status).toBe(422);
    expect(textOf(refused.html)).toContain("This form did not come from a preview.");
    expect(token).toBeTruthy();
    expect(await written(h)).toEqual(NOTHING);
  });

  test("Send creates one poll and one outbox row per member; the same form again sends nothing more", async () => {
    const { h, coordinator: c } = await coordinator();
    const fields = await sendForm(c);
    const sent = await c.post("/admin/polls/new/send", fields);
    expect(sent.status).toBe(303);
    expect(sent.location).toMatch(/^\/admin\/polls\/\d+\?notice=sent$/);
    await h.flush();
    expect(await written(h)).toEqual({ polls: 1, outbox: 3, broadcasts: 1, audit: 2 });
    expect(fake.calls.map((m) => m.to).sort()).toEqual([ANNA, SHARON, JANIS].sort());
    expect(await textAt(c, sent.location ?? "")).toContain("The poll is on its way.");
    // The second press of the same Send (a double click, the back button, a reload).
    const again = await c.post("/admin/polls/new/send", fields);
    expect(again.status).toBe(303);
    expect(again.location).toBe("/admin/polls?notice=already");
    expect(await textAt(c, again.location ?? "")).toContain("That poll was sent already");
    await h.flush();
    expect(await written(h)).toEqual({ polls: 1, outbox: 3, broadcasts: 1, audit: 2 });
    expect(fake.calls).toHaveLength(3);
    expect(
      await h.rows("SELECT actor, action FROM audit_log WHERE action LIKE 'poll.%' ORDER BY id"),
    ).toEqual([
      { actor: "coordinator:Kim", action: "poll.send" },
      { actor: "coordinator:Kim", action: "poll.create" },
    ]);
    const audit = await textAt(c, "/admin/audit");
    expect(audit).toContain("Poll: Send pressed");
    expect(audit).toContain("Poll sent");
  });

  test("two presses of one Send at the same moment send once", async () => {
    const { h, coordinator: c } = await coordinator();
    const fields = await sendForm(c);
    const both = await Promise.all([
      c.post("/admin/polls/new/send", fields),
      c.post("/admin/polls/new/send", fields),
    ]);
    expect(both.map((r) => r.status)).toEqual([303, 303]);
    expect(both.filter((r) => r.location === "/admin/polls?notice=already")).toHaveLength(1);
    await h.flush();
    expect(await written(h)).toEqual({ polls: 1, outbox: 3, broadcasts: 1, audit: 2 });
    // A new preview is a new poll.
    await sendJanuary(c);
    expect((await written(h)).polls).toBe(2);
  });

  test("the list shows each poll in the coordinator's language with its figures", async () => {
    const { coordinator: c } = await coordinator();
    const id = await sendJanuary(c);
    const page = await c.get("/admin/polls");
    expect(page.html).toContain(`href="/admin/polls/${id}"`);
    expect(page.html).toContain('data-figures="3/0"');
    const text = textOf(page.html);
    expect(text).toContain("What shall we do in January?");
    expect(text).toContain("Sent 28 Nov 2026, 12:00 · closes 5 Dec 2026, 12:00");
    expect(text).toContain("3 recipients · 0 answers");
    const pl = await textAt(c, "/admin/polls?lang=pl");
    expect(pl).toContain("Co robimy w styczniu?");
    expect(pl).toContain("3 odbiorcy · 0 odpowiedzi");
    const lv = await textAt(c, "/admin/polls?lang=lv");
    expect(lv).toContain("Ko darīsim janvārī?");
    expect(lv).toContain("3 saņēmēji · 0 atbilžu");
  });
});

describe("results and making an event", () => {
  const count = (page: Page, option: number) =>
    Number(new RegExp(`data-option="${option}" data-count="(\\d+)"`).exec(page.html)?.[1]);

  test("the results page counts SMS answers live, with bars and text figures", async () => {
    const { h, coordinator: c } = await coordinator();
    const id = await sendJanuary(c);
    const before = await c.get(`/admin/polls/${id}`);
    expect(before.status).toBe(200);
    expect([1, 2, 3].map((o) => count(before, o))).toEqual([0, 0, 0]);
    expect(textOf(before.html)).toContain("0 of 3 members answered (0%).");
    await h.sms(ANNA, "2");
    await h.sms(SHARON, "2");
    await h.sms(JANIS, "1");
    const page = await c.get(`/admin/polls/${id}`);
    expect([1, 2, 3].map((o) => count(page, o))).toEqual([1, 2, 0]);
    const text = textOf(page.html);
    expect(text).toContain("3 of 3 members answered (100%).");
    expect(text).toContain("2 Cinema 2 votes 67%");
    expect(text).toContain("1 Bowling 1 vote 33%");
    expect(text).toContain("Answers are counted until 5 Dec 2026, 12:00.");
    // The chart: one bar per option, the longest for the leader, its figure beside it.
    expect(page.html).toContain('data-chart="chart-poll"');
    const widths = [...page.html.matchAll(/<rect x="0" y="[\d.]+" width="([\d.]+)"/g)].map((m) =>
      Number(m[1]),
    );
    expect(widths).toHaveLength(3);
    expect(widths[1]).toBeGreaterThan(widths[0] as number);
    expect(widths[2]).toBe(0);
    expect(page.html).toContain("2 · 67%");
    // A change of mind moves a vote.
    await h.sms(JANIS, "kino");
    const later = await c.get(`/admin/polls/${id}`);
    expect([1, 2, 3].map((o) => count(later, o))).toEqual([0, 3, 0]);
    const pl = await textAt(c, `/admin/polls/${id}?lang=pl`);
    expect(pl).toContain("Odpowiedzi: 3 z 3 uczestników (100%).");
    expect(pl).toContain("2 Kino 3 głosy 100%");
    expect((await c.get("/admin/polls/999")).status).toBe(404);
  });

  test("Make this an event creates the event, closes the poll and links to the event", async () => {
    const { h, coordinator: c } = await coordinator();
    const id = await sendJanuary(c);
    await h.sms(ANNA, "2");
    const page = await c.get(`/admin/polls/${id}`);
    // The leading option is chosen already.
    expect(page.html).toMatch(/<option value="2" selected="">2 Cinema<\/option>/);
    const form = { option: "2", partner: "leisure", startsAt: "2026-12-13T14:00", cost: "1", capacity: "20" };
    // Refusals first: no partner, a start in the past; nothing is written.
    const noPartner = await c.submit(`/admin/polls/${id}`, `/admin/polls/${id}/event`, {
      ...form,
      partner: "",
    });
    expect(noPartner.status).toBe(400);
    expect(textOf(noPartner.html)).toContain("Choose a partner");
    const past = await c.submit(`/admin/polls/${id}`, `/admin/polls/${id}/event`, {
      ...form,
      startsAt: "2026-11-01T14:00",
    });
    expect(past.status).toBe(400);
    expect(past.html).toMatch(
      /name="startsAt" type="datetime-local" required="" value="2026-11-01T14:00" aria-invalid="true"/,
    );
    const badOption = await c.submit(`/admin/polls/${id}`, `/admin/polls/${id}/event`, {
      ...form,
      option: "9",
    });
    expect(textOf(badOption.html)).toContain("Choose one of the poll's options.");
    expect(await h.rows("SELECT id FROM events WHERE title LIKE '%Cinema%'")).toEqual([]);

    const made = await c.submit(`/admin/polls/${id}`, `/admin/polls/${id}/event`, form);
    expect(made.status).toBe(303);
    expect(made.location).toBe(`/admin/polls/${id}?notice=event`);
    const [event] = await h.rows(
      "SELECT id, partner_id, title, capacity FROM events WHERE title LIKE '%Cinema%'",
    );
    expect(event).toMatchObject({ partner_id: "leisure", capacity: 20 });
    expect(JSON.parse(String(event?.title))).toEqual({ en: "Cinema", pl: "Kino", lv: "Kino" });
    const after = await c.get(made.location ?? "");
    const text = textOf(after.html);
    expect(text).toContain("The poll is now an event, and it has closed.");
    expect(text).toContain("This poll became an event: Cinema");
    expect(after.html).toContain(`href="/admin/events/${event?.id}"`);
    expect(after.html).toContain('data-status="closed"');
    expect(after.html).not.toContain(`action="/admin/polls/${id}/event"`);
    expect((await c.get(`/admin/events/${event?.id}`)).status).toBe(200);
    // A second form (another tab) is refused, and makes no second event.
    const again = await c.post(`/admin/polls/${id}/event`, { _csrf: csrfOf(page.html), ...form });
    expect(again.status).toBe(409);
    expect(await h.rows("SELECT id FROM events WHERE title LIKE '%Cinema%'")).toHaveLength(1);
  });
});

describe("ideas", () => {
  test("an idea sent by SMS is listed; polling it prefills the form and links the poll to it", async () => {
    const { h, coordinator: c } = await coordinator();
    await h.sms(SHARON, "IDEA a family swim on Sundays");
    const list = await c.get("/admin/polls");
    const [idea] = await h.rows("SELECT id FROM ideas");
    const ideaId = Number(idea?.id);
    expect(textOf(list.html)).toContain("a family swim on Sundays Sharon, 28 Nov 2026, 12:00 Poll this idea");
    expect(list.html).toContain(`href="/admin/polls/new?idea=${ideaId}"`);
    const form = await c.get(`/admin/polls/new?idea=${ideaId}`);
    expect(form.html).toContain(
      'name="q_en" type="text" lang="en" maxlength="160" required="" value="a family swim on Sundays"',
    );
    expect(form.html).toContain(`<input type="hidden" name="idea" value="${ideaId}"/>`);
    expect(textOf(form.html)).toContain("About a member's idea: Sharon: a family swim on Sundays");
    const fields = await sendForm(c, {
      ...JANUARY,
      q_en: "A family swim on Sundays?",
      idea: String(ideaId),
    });
    const sent = await c.post("/admin/polls/new/send", fields);
    const pollId = Number(/\/admin\/polls\/(\d+)/.exec(sent.location ?? "")?.[1]);
    expect(await h.rows("SELECT poll_id FROM ideas WHERE id = ?", ideaId)).toEqual([{ poll_id: pollId }]);
    const after = await c.get("/admin/polls");
    expect(textOf(after.html)).toContain("See its poll");
    expect(after.html).not.toContain(`/admin/polls/new?idea=${ideaId}`);
  });
});
