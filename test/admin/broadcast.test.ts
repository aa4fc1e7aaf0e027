// Broadcast: a message to a filtered group, each member in their language on their channel, with a
// preview of recipients, segments and cost; opt-outs respected, quiet hours kept, a double-pressed
// Send queued once; delivered through the fake Twilio and Bot APIs. Figures below are counted by hand.
import { describe, expect, onTestFinished, test } from "vitest";
import { sendTime } from "../../src/admin/broadcast/plan.ts";
import { deliverDue } from "../../src/jobs/outbox.ts";
import { plainLetters } from "../../src/lib/plain-letters.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { demoScheme, type Harness } from "../support/harness.ts";
import { BOT_TOKEN, WEBHOOK_SECRET } from "../support/telegram.ts";
import { latestCode } from "../support/transcript.ts";
import { ADMIN_TOKEN, adminHarness, Coordinator, csrfOf, textOf } from "./support.ts";

const SHARON = "+447700900101"; // en, SMS
const ANNA = "+447700900100"; // pl, SMS
const JANIS_TG = 2002; // lv, Telegram (his last channel)
const PIOTR = "+447700900103"; // pl, SMS, plain letters
const OLGA = "+447700900104"; // en, sends STOP
const EWA = "+447700900105"; // pl, erased her data
const NEW = "+447700900106"; // invited by a partner, never joined
const SUE = "+447700900003"; // Oasis contact
const WA_FROM = "whatsapp:+447700900998"; // the scheme's WhatsApp sender
const KATE = "+447700900001"; // The Staithe contact

const EN = "Community lunch on Friday at 12:00 at Oasis. Bring a friend!"; // 60 GSM-7 characters: 1 segment
// 76 characters with ó, ą, ź, ę: UCS-2, 70 a single segment, 67 a part → 2 segments; plain: 76 GSM-7 → 1.
const PL = "Wspólny obiad w piątek o 12:00 w Oasis. Przyjdź z przyjacielem, będzie zupa!";
const PL_PLAIN = "Wspolny obiad w piatek o 12:00 w Oasis. Przyjdz z przyjacielem, bedzie zupa!";

// Fresh fakes per test, so a late delivery from one test cannot land in the next one's record.
let twilio: FakeTwilio;

function scheme(settings: Record<string, unknown> = {}) {
  const s = demoScheme() as { scheme: Record<string, unknown>; members: unknown[] };
  s.scheme.settings = settings;
  s.members.push(
    { name: "Piotr", phone: PIOTR, locale: "pl" },
    { name: "Olga", phone: OLGA, locale: "en" },
    { name: "Ewa", phone: EWA, locale: "pl" },
  );
  return s;
}

/** Six members and one invitee: four reachable, Olga stopped, Ewa erased, the invitee never joined. */
async function setup(
  options: { now?: string; settings?: Record<string, unknown>; env?: Record<string, string> } = {},
) {
  const telegram: FakeTelegram = await startFakeTelegram();
  twilio = await startFakeTwilio();
  onTestFinished(async () => {
    await Promise.all([telegram.close(), twilio.close()]);
  });
  const h = await adminHarness({
    ...(options.now ? { now: options.now } : {}),
    scheme: scheme(options.settings),
    env: {
      TWILIO_API_URL: twilio.url,
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_ROOT: telegram.url,
      ...options.env,
    },
  });
  await h.db.batch(
    [
      `UPDATE members SET last_channel = 'telegram' WHERE telegram_id = ${JANIS_TG}`,
      `UPDATE members SET plain_sms = 1 WHERE phone = '${PIOTR}'`,
      `UPDATE members SET name = '', phone = NULL, opted_out = 1, deleted_at = '2026-11-01T00:00:00Z' WHERE phone = '${EWA}'`,
      `INSERT INTO members (phone, name, locale, source, created_at) VALUES ('${NEW}', '', 'en', 'invited', '2026-11-20T00:00:00Z')`,
    ],
    "write",
  );
  expect((await h.sms(OLGA, "STOP")).status).toBe(200);
  await h.flush();
  twilio.calls.length = 0;
  const coordinator = new Coordinator(h);
  expect((await coordinator.login()).status).toBe(303);
  return { h, coordinator, telegram };
}

type Form = Record<string, string>;
const form = (extra: Form = {}): Form => ({
  text_en: EN,
  text_pl: PL,
  text_lv: "",
  audience: "all",
  days: "30",
  partner: "",
  language: "en",
  credits: "5",
  ...extra,
});

const preview = (c: Coordinator, extra: Form = {}) =>
  c.submit("/admin/broadcast", "/admin/broadcast/preview", form(extra));

/** The Send form's hidden fields, as the browser would post them. */
function sendForm(html: string): Form {
  const action = html.indexOf('action="/admin/broadcast/send"');
  expect(action).toBeGreaterThan(0);
  const part = html.slice(action, html.indexOf("</form>", action));
  const fields: Form = {};
  for (const m of part.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    fields[m[1] as string] = (m[2] as string)
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  return fields;
}

const row = (html: string, attr: string) =>
  textOf(new RegExp(`<tr ${attr}>([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? "");

/** The preview's cost lines by their data-cost attribute (sms, whatsapp, total), as a reader sees them. */
const cost = (html: string): Record<string, string> =>
  Object.fromEntries(
    [...html.matchAll(/<li data-cost="(\w+)">([\s\S]*?)<\/li>/g)].map((m) => [m[1], textOf(m[2] ?? "")]),
  );

const outbox = (h: Harness) =>
  h.rows(
    "SELECT channel, address, body, status, next_attempt_at, broadcast_id FROM outbox WHERE broadcast_id IS NOT NULL ORDER BY id",
  );

const bearer = (h: Harness, path: string, body?: unknown, token = ADMIN_TOKEN) =>
  h.app.request(path, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });

describe("broadcast page", () => {
  test("needs a login; every post needs the session's CSRF token and writes nothing without it", async () => {
    const { h, coordinator } = await setup();
    const anonymous = new Coordinator(h);
    expect((await anonymous.get("/admin/broadcast")).location).toBe("/admin/login");
    expect((await anonymous.post("/admin/broadcast/preview", form())).status).toBe(401);
    const page = await coordinator.get("/admin/broadcast");
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain("No broadcasts yet.");
    expect((await coordinator.post("/admin/broadcast/preview", form())).status).toBe(403);
    const previewed = await preview(coordinator);
    const send = sendForm(previewed.html);
    expect((await coordinator.post("/admin/broadcast/send", { ...send, _csrf: "forged" })).status).toBe(403);
    const { _csrf, ...noToken } = send;
    expect((await coordinator.post("/admin/broadcast/send", noToken)).status).toBe(403);
    expect(await h.rows("SELECT id FROM broadcasts")).toEqual([]);
    expect(await outbox(h)).toEqual([]);
  });

  test("the preview counts recipients per language and channel, those left out, segments and cost", async () => {
    const { coordinator } = await setup();
    const page = await preview(coordinator);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain("This message will reach 4 members.");
    expect(text).toContain("It goes out as soon as you send it.");
    // Language | SMS | WhatsApp | Telegram | Total
    expect(row(page.html, 'data-language="en"')).toBe("English 1 0 0 1"); // Sharon
    expect(row(page.html, 'data-language="pl"')).toBe("Polish 2 0 0 2"); // Anna, Piotr
    expect(row(page.html, 'data-language="lv"')).toBe("Latvian 0 0 1 1"); // Jānis on Telegram
    expect(row(page.html, 'data-language="all"')).toBe("Total 3 0 1 4");
    expect(text).toContain("Opted out (STOP): 1");
    expect(text).toContain("Deleted their data: 1");
    expect(text).toContain("Invited, not joined yet: 1");
    expect(text).toContain("Blocked the bot, no phone number: 0");
    // Language | segments | after plain letters
    expect(row(page.html, 'data-text="en"')).toBe("English 0 members on plain letters 1 GSM-7 1 GSM-7");
    expect(row(page.html, 'data-text="pl"')).toBe("Polish 1 member on plain letters 2 UCS-2 1 GSM-7");
    expect(row(page.html, 'data-text="lv"')).toBe(
      "Latvian · gets the English text 0 members on plain letters 1 GSM-7 1 GSM-7",
    );
    // Sharon 1 + Anna 2 + Piotr (plain) 1 = 4 segments at 4p.
    expect(cost(page.html)).toEqual({
      sms: "4 SMS segments in all, at 4p each: about £0.16.",
      whatsapp: "0 WhatsApp conversations, at 5p each: about £0.00.",
      total: "In all about £0.16. Telegram is free.",
    });
    expect(text).toContain("Send to 4 members");
    // The compose form comes back filled in, to change the message.
    expect(page.html).toContain(`>${PL}</textarea>`);
  });

  test("the price per segment is the scheme's smsSegmentPence", async () => {
    const { coordinator } = await setup({ settings: { smsSegmentPence: 5 } });
    const page = await preview(coordinator);
    expect(cost(page.html).sms).toBe("4 SMS segments in all, at 5p each: about £0.20.");
    expect(cost(page.html).total).toBe("In all about £0.20. Telegram is free.");
  });

  test("a member on WhatsApp is counted apart from SMS, priced per conversation, and gets it on WhatsApp", async () => {
    const template = `HX${"b".repeat(32)}`;
    const { h, coordinator } = await setup({
      settings: { whatsappTemplates: { broadcast: { en: template } } },
      env: { TWILIO_WHATSAPP_FROM: WA_FROM },
    });
    // Sharon wrote on WhatsApp last: the bot reaches her there, on the number she has on SMS.
    await h.db.execute(
      `UPDATE members SET last_channel = 'whatsapp', whatsapp_state = 'ok' WHERE phone = '${SHARON}'`,
    );
    const page = await preview(coordinator);
    expect(textOf(page.html)).toContain("This message will reach 4 members.");
    // Language | SMS | WhatsApp | Telegram | Total
    expect(page.html).toMatch(
      /<th class="num" data-channel="sms">SMS<\/th><th class="num" data-channel="whatsapp">WhatsApp<\/th><th class="num" data-channel="telegram">Telegram<\/th>/,
    );
    expect(row(page.html, 'data-language="en"')).toBe("English 0 1 0 1"); // Sharon on WhatsApp
    expect(row(page.html, 'data-language="pl"')).toBe("Polish 2 0 0 2");
    expect(row(page.html, 'data-language="all"')).toBe("Total 2 1 1 4");
    // Her text is no SMS segment any more: Anna 2 + Piotr 1 at 4p, and one conversation at the default 5p.
    expect(cost(page.html)).toEqual({
      sms: "3 SMS segments in all, at 4p each: about £0.12.",
      whatsapp: "1 WhatsApp conversation, at 5p: about £0.05.",
      total: "In all about £0.17. Telegram is free.",
    });

    // The JSON API prices the plan the same way.
    const res = await bearer(h, "/admin/api/broadcast/preview", {
      texts: { en: EN, pl: PL },
      audience: { kind: "all" },
    });
    const api = (await res.json()) as Record<string, unknown>;
    expect(api).toMatchObject({
      recipients: 4,
      smsSegments: 3,
      segmentPence: 4,
      whatsappConversations: 1,
      conversationPence: 5,
      costPence: 17,
    });
    expect(api.byLanguage).toMatchObject({ en: { sms: 0, whatsapp: 1, telegram: 0 } });

    // Send: her message is queued for WhatsApp and goes out as the broadcast template (no 24-hour window).
    await coordinator.post("/admin/broadcast/send", sendForm(page.html));
    const [broadcast] = await h.rows("SELECT recipients, sms_segments, cost_pence FROM broadcasts");
    expect(broadcast).toEqual({ recipients: 4, sms_segments: 3, cost_pence: 17 });
    expect((await outbox(h)).map((m) => [m.channel, m.address])).toEqual([
      ["whatsapp", SHARON],
      ["sms", ANNA],
      ["telegram", String(JANIS_TG)],
      ["sms", PIOTR],
    ]);
    await h.flush();
    expect(twilio.calls.find((c) => c.to === `whatsapp:${SHARON}`)).toMatchObject({
      from: WA_FROM,
      contentSid: template,
    });
    expect(twilio.calls.some((c) => c.to === SHARON)).toBe(false);
  });

  test("the price per WhatsApp conversation is the scheme's whatsappConversationPence", async () => {
    const { h, coordinator } = await setup({ settings: { whatsappConversationPence: 2.5 } });
    await h.db.execute(
      `UPDATE members SET last_channel = 'whatsapp', whatsapp_state = 'ok' WHERE phone IN ('${SHARON}', '${ANNA}')`,
    );
    const page = await preview(coordinator);
    expect(cost(page.html)).toEqual({
      sms: "1 SMS segment, at 4p: about £0.04.", // Piotr
      whatsapp: "2 WhatsApp conversations, at 2.5p each: about £0.05.",
      total: "In all about £0.09. Telegram is free.",
    });
  });

  test.each([
    [{ text_en: "  " }, "text_en", "Write the message in English."],
    [{ text_pl: "ą".repeat(202) }, "text_pl", "Too long: at most 3 SMS segments."], // UCS-2: 3 × 67 = 201
    [{ text_en: "x".repeat(460) }, "text_en", "Too long: at most 3 SMS segments."], // GSM-7: 3 × 153 = 459
    [{ audience: "active", days: "soon" }, "days", "Give a whole number of days, from 1 to 3650."],
    [{ audience: "active", days: "0" }, "days", "Give a whole number of days, from 1 to 3650."],
    [{ audience: "partner", partner: "" }, "partner", "Choose a partner."],
    [{ audience: "partner", partner: "nowhere" }, "partner", "Choose a partner."],
    [{ audience: "language", language: "de" }, "language", "Choose a language."],
    [{ audience: "credits", credits: "-1" }, "credits", "Give a number of credits, 0 or more."],
    [{ audience: "everyone" }, "audience", "Choose who gets the message."],
  ])("%j is refused with the form and its error, nothing written", async (extra, field, message) => {
    const { h, coordinator } = await setup();
    for (const action of ["/admin/broadcast/preview", "/admin/broadcast/send"]) {
      const page = await coordinator.submit(
        "/admin/broadcast",
        action,
        form({ ...extra, key: "k-12345678" }),
      );
      expect(page.status, action).toBe(422);
      const text = textOf(page.html);
      expect(text).toContain("Please correct the fields marked below. Nothing was saved.");
      expect(text).toContain(message);
      expect(page.html).toMatch(
        new RegExp(
          `name="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="${field}"|id="${field}" name="${field}"[^>]*aria-invalid="true"`,
        ),
      );
      expect(page.html).not.toContain('action="/admin/broadcast/send"');
    }
    expect(await h.rows("SELECT id FROM broadcasts")).toEqual([]);
    expect(await outbox(h)).toEqual([]);
    expect(await h.rows("SELECT id FROM audit_log WHERE action = 'broadcast.send'")).toEqual([]);
  });

  test("a Send that did not come from a preview (no key) is refused", async () => {
    const { h, coordinator } = await setup();
    const page = await coordinator.submit("/admin/broadcast", "/admin/broadcast/send", form());
    expect(page.status).toBe(422);
    expect(textOf(page.html)).toContain("This preview has expired. Preview the message again.");
    expect(await outbox(h)).toEqual([]);
  });

  test("Send queues one message per recipient in their language (plain letters for Piotr), once however often it is pressed; the outbox delivers them", async () => {
    const { h, coordinator, telegram } = await setup();
    const send = sendForm((await preview(coordinator)).html);
    const first = await coordinator.post("/admin/broadcast/send", send);
    expect(first.status).toBe(303);
    expect(first.location).toBe("/admin/broadcast?notice=sent");
    const again = await coordinator.post("/admin/broadcast/send", send);
    expect(again.location).toBe("/admin/broadcast?notice=already");

    const [broadcast] = await h.rows(
      "SELECT id, actor, recipients, sms_segments, cost_pence, texts, filter FROM broadcasts",
    );
    expect(await h.rows("SELECT COUNT(*) AS n FROM broadcasts")).toEqual([{ n: 1 }]);
    expect(broadcast).toMatchObject({
      // The name typed at login and the session's short ref (sessions.test.ts).
      actor: expect.stringMatching(/^coordinator:Kim#[0-9a-f]{8}$/),
      recipients: 4,
      sms_segments: 4,
      cost_pence: 16,
    });
    expect(JSON.parse(String(broadcast?.texts))).toEqual({ en: EN, pl: PL, lv: "" });
    expect(JSON.parse(String(broadcast?.filter))).toEqual({ kind: "all" });
    const queued = await outbox(h);
    expect(queued.map((m) => [m.channel, m.address, m.body])).toEqual([
      ["sms", SHARON, EN],
      ["sms", ANNA, PL],
      ["telegram", String(JANIS_TG), EN], // Latvian left empty: English
      ["sms", PIOTR, PL_PLAIN],
    ]);
    expect(PL_PLAIN).toBe(plainLetters(PL));
    expect(queued.every((m) => m.broadcast_id === broadcast?.id)).toBe(true);
    // Nothing to Olga (STOP), Ewa (erased) or the invitee.
    expect(queued.some((m) => m.address === OLGA || m.address === NEW)).toBe(false);

    const [audit] = await h.rows(
      "SELECT actor, subject, after FROM audit_log WHERE action = 'broadcast.send'",
    );
    expect(audit?.actor).toBe("coordinator:Kim");
    expect(audit?.subject).toBe(`broadcast:${send.key}`);
    expect(JSON.parse(String(audit?.after))).toMatchObject({
      broadcastId: broadcast?.id,
      recipients: 4,
      texts: { en: EN },
    });
    expect(await h.rows("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'broadcast.send'")).toEqual([
      { n: 1 },
    ]);

    // Daytime: delivered after the answer.
    await h.flush();
    expect(twilio.calls.map((c) => [c.to, c.body]).sort()).toEqual(
      [
        [ANNA, PL],
        [SHARON, EN],
        [PIOTR, PL_PLAIN],
      ].sort(),
    );
    expect(telegram.sent(JANIS_TG).map((m) => m.text)).toEqual([EN]);
    expect((await outbox(h)).map((m) => m.status)).toEqual(["sent", "sent", "sent", "sent"]);

    const page = await coordinator.get("/admin/broadcast?notice=sent");
    const text = textOf(page.html);
    expect(text).toContain("The broadcast is on its way.");
    expect(text).toContain(EN);
    expect(text).toMatch(/coordinator:Kim#[0-9a-f]{8} · all members/);
    expect(text).toContain("4 recipients · 4 delivered · 0 failed · about £0.16");
  });

  test("at 22:30 the preview says 09:00 tomorrow, the messages wait for it, then go", async () => {
    const { h, coordinator, telegram } = await setup({ now: "2026-11-28T22:30:00Z" });
    const page = await preview(coordinator);
    expect(textOf(page.html)).toContain(
      "Quiet hours (21:00 to 09:00): it will go out at 29 Nov 2026, 09:00.",
    );
    const sent = await coordinator.post("/admin/broadcast/send", sendForm(page.html));
    expect(sent.location).toBe("/admin/broadcast?notice=scheduled");
    await h.flush();
    const queued = await outbox(h);
    expect(queued).toHaveLength(4);
    expect(
      queued.every((m) => m.next_attempt_at === "2026-11-29T09:00:00.000Z" && m.status === "pending"),
    ).toBe(true);
    expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 0 });
    h.setNow("2026-11-29T08:59:00Z");
    expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 0 });
    expect(twilio.calls).toEqual([]);
    h.setNow("2026-11-29T09:00:00Z");
    expect(await deliverDue(h.deps)).toEqual({ sent: 4, failed: 0, retrying: 0 });
    expect(twilio.calls.map((c) => c.to).sort()).toEqual([ANNA, PIOTR, SHARON].sort());
    expect(telegram.sent(JANIS_TG).map((m) => m.text)).toEqual([EN]);
    expect(textOf((await coordinator.get("/admin/broadcast")).html)).toContain(
      "held until 29 Nov 2026, 09:00",
    );
  });
});

describe("filters", () => {
  /** Sharon earns 2 credits at Oasis today; Anna logged 1 h at The Staithe on 1 September, confirmed. */
  async function history() {
    const ctx = await setup();
    const { h } = ctx;
    h.setNow("2026-09-01T12:00:00Z");
    await h.sms(ANNA, "GODZINY 1 staithe");
    await h.sms(KATE, `YES ${await latestCode(h, "staithe")()}`);
    h.setNow("2026-11-28T12:00:00Z");
    await h.sms(SHARON, "LOG 2 oasis");
    await h.sms(SUE, `YES ${await latestCode(h, "oasis")()}`);
    await h.flush();
    return ctx;
  }

  const reach = async (c: Coordinator, extra: Form) => {
    const page = await preview(c, extra);
    expect(page.status).toBe(200);
    return /This message will reach (\d+) member/.exec(textOf(page.html))?.[1];
  };

  test("active in N days, earned at a partner, by language, holding at least X credits", async () => {
    const { coordinator, h } = await history();
    expect(await reach(coordinator, { audience: "active", days: "30" })).toBe("1"); // Sharon
    expect(await reach(coordinator, { audience: "active", days: "100" })).toBe("2"); // and Anna
    expect(await reach(coordinator, { audience: "partner", partner: "oasis" })).toBe("1");
    expect(await reach(coordinator, { audience: "partner", partner: "staithe" })).toBe("1");
    expect(await reach(coordinator, { audience: "partner", partner: "academy" })).toBe("0");
    expect(await reach(coordinator, { audience: "language", language: "pl" })).toBe("2"); // Anna, Piotr (Ewa erased)
    expect(await reach(coordinator, { audience: "credits", credits: "1,5" })).toBe("1"); // Sharon's 2
    expect(await reach(coordinator, { audience: "credits", credits: "1" })).toBe("2"); // and Anna's 1

    // A group with no one in it cannot be sent.
    const nobody = await preview(coordinator, { audience: "partner", partner: "academy" });
    expect(textOf(nobody.html)).toContain("No member matches, so there is no one to send this to.");
    expect(nobody.html).not.toContain('action="/admin/broadcast/send"');

    // Sent to Polish speakers only: Anna and Piotr.
    const page = await preview(coordinator, { audience: "language", language: "pl" });
    expect(textOf(page.html)).toContain("Opted out (STOP): 0");
    expect(textOf(page.html)).toContain("Deleted their data: 1");
    await coordinator.post("/admin/broadcast/send", sendForm(page.html));
    expect((await outbox(h)).map((m) => [m.address, m.body])).toEqual([
      [ANNA, PL],
      [PIOTR, PL_PLAIN],
    ]);
    expect(textOf((await coordinator.get("/admin/broadcast")).html)).toContain("language: Polish");
  });
});

describe("quiet hours", () => {
  test.each([
    ["2026-11-28T12:00:00Z", "2026-11-28T12:00:00.000Z"], // daytime: now
    ["2026-11-28T20:59:00Z", "2026-11-28T20:59:00.000Z"],
    ["2026-11-28T21:00:00Z", "2026-11-29T09:00:00.000Z"], // evening: tomorrow 09:00
    ["2026-11-29T03:00:00Z", "2026-11-29T09:00:00.000Z"], // small hours: today 09:00
    ["2026-11-29T08:59:59Z", "2026-11-29T09:00:00.000Z"],
    ["2026-07-01T21:30:00Z", "2026-07-02T08:00:00.000Z"], // 22:30 BST → 09:00 BST
  ])("queued at %s goes out at %s (London)", (now, at) => {
    expect(sendTime(new Date(now), "Europe/London").toISOString()).toBe(at);
  });
});

describe("JSON API", () => {
  const body = (extra: Record<string, unknown> = {}) => ({
    texts: { en: EN, pl: PL },
    audience: { kind: "all" },
    ...extra,
  });

  test("bearer only: no token or a cookie session is 401", async () => {
    const { h, coordinator } = await setup();
    expect((await h.app.request("/admin/api/broadcasts")).status).toBe(401);
    expect((await bearer(h, "/admin/api/broadcast/preview", body(), "wrong-token")).status).toBe(401);
    expect((await coordinator.get("/admin/api/broadcasts")).status).toBe(401);
    expect(
      (
        await coordinator.post("/admin/api/broadcast", {
          _csrf: csrfOf((await coordinator.get("/admin/broadcast")).html),
        })
      ).status,
    ).toBe(401);
    expect(await h.rows("SELECT id FROM broadcasts")).toEqual([]);
  });

  test("bad input is 400 with its issues, nothing written", async () => {
    const { h } = await setup();
    const res = await bearer(h, "/admin/api/broadcast", {
      texts: { en: "", pl: "ą".repeat(300) },
      audience: { kind: "active", days: 0 },
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { issues: Array<{ path: string; message: string }> };
    expect(json.issues).toEqual(
      expect.arrayContaining([
        { path: "texts.en", message: "Write the message in English." },
        { path: "audience.days", message: "Give a whole number of days, from 1 to 3650." },
      ]),
    );
    const long = await bearer(h, "/admin/api/broadcast/preview", body({ texts: { en: "x".repeat(460) } }));
    expect(await long.json()).toEqual({
      error: "invalid body",
      issues: [{ path: "texts.en", message: "Too long: at most 3 SMS segments." }],
    });
    expect((await bearer(h, "/admin/api/broadcast", "{not json")).status).toBe(400);
    expect((await bearer(h, "/admin/api/broadcast", body({ key: "bad key!" }))).status).toBe(400);
    expect(await h.rows("SELECT id FROM broadcasts")).toEqual([]);
    expect(await outbox(h)).toEqual([]);
  });

  test("preview figures, then a send with the key, once; the list shows it", async () => {
    const { h } = await setup({ now: "2026-11-28T22:30:00Z" });
    const res = await bearer(h, "/admin/api/broadcast/preview", body());
    expect(res.status).toBe(200);
    const figures = (await res.json()) as Record<string, unknown> & { key: string };
    expect(figures).toMatchObject({
      recipients: 4,
      sendAt: "2026-11-29T09:00:00.000Z",
      deferred: true,
      byLanguage: {
        en: { sms: 1, telegram: 0, plainSms: 0 },
        pl: { sms: 2, telegram: 0, plainSms: 1 },
        lv: { sms: 0, telegram: 1, plainSms: 0 },
      },
      leftOut: { optedOut: 1, deleted: 1, notJoined: 1, unreachable: 0 },
      texts: {
        en: { own: true, encoding: "GSM-7", segments: 1, plainSegments: 1 },
        pl: { own: true, encoding: "UCS-2", segments: 2, plainEncoding: "GSM-7", plainSegments: 1 },
        lv: { own: false, encoding: "GSM-7", segments: 1 },
      },
      smsSegments: 4,
      segmentPence: 4,
      costPence: 16,
    });
    expect(figures.key).toMatch(/^[A-Za-z0-9-]{8,64}$/);

    const sent = await bearer(h, "/admin/api/broadcast", body({ key: figures.key }));
    expect(sent.status).toBe(201);
    const created = (await sent.json()) as { id: number; duplicate: boolean };
    expect(created).toMatchObject({ key: figures.key, duplicate: false, recipients: 4 });
    const again = await bearer(h, "/admin/api/broadcast", body({ key: figures.key }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: created.id, key: figures.key, duplicate: true });
    expect(await outbox(h)).toHaveLength(4);

    const list = (await (await bearer(h, "/admin/api/broadcasts")).json()) as { broadcasts: unknown[] };
    expect(list.broadcasts).toEqual([
      expect.objectContaining({
        id: created.id,
        actor: "api",
        recipients: 4,
        sendAt: "2026-11-29T09:00:00.000Z",
        texts: { en: EN, pl: PL, lv: "" },
        audience: { kind: "all" },
        sent: 0,
        failed: 0,
      }),
    ]);
    const [audit] = await h.rows("SELECT actor FROM audit_log WHERE action = 'broadcast.send'");
    expect(audit?.actor).toBe("api");
  });

  test("a group with no one in it is 422", async () => {
    const { h } = await setup();
    const res = await bearer(
      h,
      "/admin/api/broadcast",
      body({ audience: { kind: "partner", partner: "academy" } }),
    );
    expect(res.status).toBe(422);
    expect(await h.rows("SELECT id FROM broadcasts")).toEqual([]);
  });
});
