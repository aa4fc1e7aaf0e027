// WhatsApp through Twilio, end to end: the adapter table from the captured payloads, then signed
// webhooks on a real libSQL database, outbound through the fake Twilio REST API (inside and outside
// the 24-hour window, template and SMS fallback) and each WhatsApp error on the status callback.
import { readFileSync } from "node:fs";
import { XMLParser } from "fast-xml-parser";
import twilio from "twilio";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { inboundOf } from "../../../src/channels/sms/route.ts";
import { statusOutcome } from "../../../src/channels/sms/status.ts";
import { routeWhatsApp } from "../../../src/channels/whatsapp/route-out.ts";
import { deliverDue } from "../../../src/jobs/outbox.ts";
import { parseScheme } from "../../../src/scheme/schema.ts";
import { type FakeTwilio, startFakeTwilio } from "../../support/fake-twilio.ts";
import { AUTH_TOKEN, createHarness, demoScheme, type Harness, PUBLIC_URL } from "../../support/harness.ts";

const WA_FROM = "whatsapp:+447700900998";
const fixture = (name: string) =>
  Object.fromEntries(
    new URLSearchParams(readFileSync(new URL(`../../fixtures/wire/${name}`, import.meta.url), "utf8").trim()),
  ) as Record<string, string>;
const TEXT = fixture("twilio-inbound-whatsapp.form.txt");
const MEDIA = fixture("twilio-inbound-whatsapp-media.form.txt");
const BUTTON = fixture("twilio-inbound-whatsapp-button.form.txt");
const STATUS = fixture("twilio-status-whatsapp-63016.form.txt");

const xml = new XMLParser({ isArray: (n) => n === "Message", parseTagValue: false, trimValues: false });

let sids = 0;
/** Posts a form to our route signed as Twilio signs it; returns the status and the TwiML messages. */
async function post(h: Harness, path: string, params: Record<string, string>, signature?: string) {
  const signed = signature ?? twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}${path}`, params);
  const res = await h.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signed },
    body: new URLSearchParams(params).toString(),
  });
  const text = await res.text();
  const parsed =
    res.status === 200 ? (xml.parse(text) as { Response?: { Message?: string[] } | string }) : {};
  const r = parsed.Response;
  return { status: res.status, messages: typeof r === "object" && r?.Message ? r.Message.map(String) : [] };
}

/** A WhatsApp text from `phone`, built from the captured payload. */
function wa(h: Harness, phone: string, body: string, extra: Record<string, string> = {}) {
  const sid = `SM${String(++sids).padStart(32, "a")}`;
  return post(h, "/sms", {
    ...TEXT,
    From: `whatsapp:${phone}`,
    WaId: phone.slice(1),
    Body: body,
    MessageSid: sid,
    SmsSid: sid,
    SmsMessageSid: sid,
    ...extra,
  });
}

const status = (h: Harness, sid: string, values: Record<string, string>) =>
  post(h, "/sms/status", { ...STATUS, MessageSid: sid, SmsSid: sid, ...values });

describe("the adapter, from the captured payloads", () => {
  test.each([
    [
      "a text",
      TEXT,
      { channel: "whatsapp", address: "+447700900123", text: "ile mam kredytów?", profileName: "Kasia" },
    ],
    [
      "a voice note with no text",
      MEDIA,
      { channel: "whatsapp", address: "+447700900103", text: "", media: true },
    ],
    ["a quick-reply button", BUTTON, { channel: "whatsapp", address: "+447700900001", text: "YES 482" }],
    [
      "an SMS",
      fixture("twilio-inbound-sms.form.txt"),
      { channel: "sms", address: "+447700900102", text: "GODZINY 2,5 staithe wczoraj" },
    ],
  ])("%s", (_name, params, expected) => {
    expect(inboundOf(params)).toMatchObject({ ...expected, externalId: params.MessageSid });
  });

  test("a sender that is not a number is refused with a reason that says so", () => {
    expect(inboundOf({ ...TEXT, From: "whatsapp:kasia" })).toEqual({
      error: "From must be a phone number, or whatsapp: and a phone number",
    });
  });

  test.each([
    ["whatsapp", "failed", 63016, "template"],
    ["whatsapp", "undelivered", 63003, "sms"],
    ["whatsapp", "failed", 63024, "sms"],
    ["whatsapp", "failed", 63018, "retry"],
    ["whatsapp", "failed", 63032, "sms"],
    ["whatsapp", "delivered", null, "record"],
    ["sms", "undelivered", 30003, "failed"],
    ["sms", "delivered", null, "record"],
  ] as const)("status %s %s %s → %s", (channel, s, code, kind) => {
    expect(statusOutcome(channel, s, code).kind).toBe(kind);
  });

  test("the status callback fixture is WhatsApp's 63016", () => {
    expect(statusOutcome("whatsapp", STATUS.MessageStatus ?? "", Number(STATUS.ErrorCode)).kind).toBe(
      "template",
    );
  });

  test("outside the window a message takes its template, filled in order, or goes by SMS", () => {
    const base = {
      sender: WA_FROM,
      windowClosed: false,
      locale: "pl" as const,
      template: { key: "partner.request", locale: "pl" as const, params: { member: "Anna", code: "482" } },
      now: new Date("2026-12-03T12:00:00Z"),
    };
    const templates = {
      "partner.request": { pl: { sid: `HX${"a".repeat(32)}`, variables: ["member", "code"] } },
    };
    expect(routeWhatsApp({ ...base, lastInboundAt: "2026-12-03T01:00:00Z", templates: {} }, "x")).toEqual({
      via: "whatsapp",
      from: WA_FROM,
    });
    expect(routeWhatsApp({ ...base, lastInboundAt: "2026-12-02T11:00:00Z", templates }, "x")).toEqual({
      via: "whatsapp",
      from: WA_FROM,
      contentSid: `HX${"a".repeat(32)}`,
      variables: { "1": "Anna", "2": "482" },
    });
    expect(routeWhatsApp({ ...base, lastInboundAt: null, templates: {} }, "x")).toEqual({
      via: "sms",
      why: "no WhatsApp template for partner.request (pl) outside the 24-hour window",
    });
    expect(routeWhatsApp({ ...base, sender: undefined, lastInboundAt: null, templates }, "x").via).toBe(
      "sms",
    );
  });
});

test("a scheme file with a malformed template SID is refused, naming where", () => {
  const scheme = demoScheme() as { scheme: { settings?: Record<string, unknown> } };
  scheme.scheme.settings = { whatsappTemplates: { "partner.request": { pl: "HX123" } } };
  const parsed = parseScheme(scheme);
  expect(parsed.ok).toBe(false);
  if (!parsed.ok)
    expect(parsed.errors.map((e) => e.path).join(" ")).toContain("scheme.settings.whatsappTemplates");
});

describe("inbound on a real database", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ now: "2026-12-02T12:00:00Z" });
  });

  test("a bad signature gets 403 and nothing is recorded", async () => {
    const res = await post(h, "/sms", TEXT, "bm90IGEgc2lnbmF0dXJl");
    expect(res.status).toBe(403);
    expect(await h.rows("SELECT * FROM inbound_messages")).toEqual([]);
  });

  test("a Polish newcomer is offered their WhatsApp name, confirms it, and joins", async () => {
    const first = await post(h, "/sms", TEXT);
    expect(first.status).toBe(200);
    expect(first.messages.join("\n")).toContain("Czy masz na imię Kasia?");
    const yes = await wa(h, "+447700900123", "tak");
    expect(yes.messages.join("\n")).toMatch(/Kasia/);
    await wa(h, "+447700900123", "tak");
    const [member] = await h.rows(
      "SELECT name, locale, phone, last_channel, whatsapp_state FROM members WHERE phone = ?",
      "+447700900123",
    );
    expect(member).toEqual({
      name: "Kasia",
      locale: "pl",
      phone: "+447700900123",
      last_channel: "whatsapp",
      whatsapp_state: "ok",
    });
  });

  test("a newcomer who gives another name is called by it", async () => {
    await post(h, "/sms", TEXT);
    const named = await wa(h, "+447700900123", "Katarzyna");
    expect(named.messages.join("\n")).toContain("Katarzyna");
  });

  test("a voice note gets a translated answer that only text is read, in three languages to a stranger", async () => {
    const res = await post(h, "/sms", MEDIA);
    const text = res.messages.join("\n");
    expect(text).toContain("I can only read text");
    expect(text).toContain("czytam tylko tekst");
    expect(text).toContain("saprotu tikai tekstu");
    // A member hears it in their own language, and the open question stays open.
    await wa(h, "+447700900102", "STUNDAS");
    const voice = await wa(h, "+447700900102", "", {
      NumMedia: "1",
      MessageType: "audio",
      MediaUrl0: MEDIA.MediaUrl0 ?? "",
    });
    expect(voice.messages.join("\n")).toBe("Atvaino, es saprotu tikai tekstu. Lūdzu, uzraksti ziņu.");
    const [conversation] = await h.rows(
      "SELECT state FROM conversations WHERE address = 'sms:+447700900102'",
    );
    expect(conversation?.state).not.toBe("idle");
  });

  test("a retried MessageSid has one effect", async () => {
    const params = { ...TEXT, From: "whatsapp:+447700900102", Body: "STUNDAS 2 staithe" };
    const a = await post(h, "/sms", params);
    const b = await post(h, "/sms", params);
    expect(b.messages).toEqual(a.messages);
    const entries = await h.rows(
      "SELECT id FROM ledger_entries WHERE member_id = (SELECT id FROM members WHERE phone = '+447700900102')",
    );
    expect(entries).toHaveLength(1);
  });

  test("a quick-reply button confirms the request it names", async () => {
    await h.sms("+447700900100", "GODZINY 3 staithe");
    const [entry] = await h.rows("SELECT code FROM ledger_entries WHERE status = 'pending' ORDER BY id DESC");
    const code = String(entry?.code);
    const res = await post(h, "/sms", { ...BUTTON, ButtonPayload: `c:${code}:y` });
    expect(res.status).toBe(200);
    const [after] = await h.rows("SELECT status FROM ledger_entries WHERE code = ?", code);
    expect(after?.status).toBe("confirmed");
  });

  test("STOP on WhatsApp stops WhatsApp and SMS alike, and says so", async () => {
    const res = await wa(h, "+447700900100", "STOP");
    expect(res.messages.join("\n")).toContain(
      "Nie będziemy już pisać ani na WhatsAppie, ani SMS-em. Napisz START, by wrócić.",
    );
    const [m] = await h.rows("SELECT opted_out FROM members WHERE phone = '+447700900100'");
    expect(m?.opted_out).toBe(1);
    // By SMS too, nothing but START is heard.
    expect((await h.sms("+447700900100", "SALDO")).messages).toEqual([]);
  });
});

describe("one member on SMS and WhatsApp", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness({ now: "2026-12-02T12:00:00Z" });
  });

  test.each([
    ["pl", "+447700900100", "GODZINY", "2 staithe", "SALDO", /Saldo|kredyt/i],
    ["lv", "+447700900102", "STUNDAS", "2 staithe", "ATLIKUMS", /kredīt|Atlikums/i],
    ["en", "+447700900101", "LOG", "2 staithe", "BALANCE", /credit/i],
  ])(
    "%s: a question asked by SMS is answered on WhatsApp, and the balance is the same",
    async (_l, phone, ask, answer, balance, credits) => {
      const asked = await h.sms(phone, ask);
      expect(asked.messages.length).toBeGreaterThan(0);
      const answered = await wa(h, phone, answer);
      expect(answered.messages.join("\n")).toMatch(/staithe/i);
      const bySms = (await h.sms(phone, balance)).messages.join("\n");
      const byWa = (await wa(h, phone, balance)).messages.join("\n");
      expect(byWa).toMatch(credits);
      expect(byWa).toBe(bySms);
      const members = await h.rows("SELECT id FROM members WHERE phone = ?", phone);
      expect(members).toHaveLength(1);
    },
  );

  test.each([
    ["WHATSAPP", "sms", "whatsapp"],
    ["pisz do mnie na whatsappie", "sms", "whatsapp"],
    ["SMS", "whatsapp", "sms"],
    ["wolę zwykłe SMS-y zamiast whatsappa", "whatsapp", "sms"],
  ] as const)(
    "“%s” sent on %s chooses %s, and it wins over the channel used last",
    async (text, on, chosen) => {
      const phone = "+447700900100";
      const res = on === "sms" ? await h.sms(phone, text) : await wa(h, phone, text);
      expect(res.messages.join("\n")).toMatch(chosen === "whatsapp" ? /na WhatsAppie/ : /SMS-em/);
      // Writing on the other channel later does not undo the choice.
      if (on === "sms") await h.sms(phone, "SALDO");
      else await wa(h, phone, "SALDO");
      const [m] = await h.rows("SELECT chosen_channel, last_channel FROM members WHERE phone = ?", phone);
      expect(m).toEqual({ chosen_channel: chosen, last_channel: chosen });
    },
  );
});

describe("outbound through the fake Twilio REST API", () => {
  let fake: FakeTwilio;
  let h: Harness;
  const templateSid = `HX${"b".repeat(32)}`;
  const withTemplates = (templates: unknown) => {
    const scheme = demoScheme() as { scheme: { settings?: Record<string, unknown> } };
    scheme.scheme.settings = {
      ...scheme.scheme.settings,
      whatsappTemplates: templates,
      contactNotifyMinutes: 0,
    };
    return scheme;
  };
  const start = async (templates: unknown = {}, env: Record<string, string> = {}) => {
    h = await createHarness({
      now: "2026-12-02T12:00:00Z",
      scheme: withTemplates(templates),
      env: { TWILIO_API_URL: fake.url, TWILIO_WHATSAPP_FROM: WA_FROM, ...env },
    });
  };
  beforeEach(async () => {
    fake = await startFakeTwilio();
  });
  afterEach(async () => {
    await fake.close();
  });

  /** Kate (The Staithe) writes on WhatsApp; then Anna logs hours there, which asks Kate. */
  const request = async (at?: string) => {
    await wa(h, "+447700900001", "MENU");
    await h.flush();
    if (at) h.setNow(at);
    fake.calls.length = 0;
    await h.sms("+447700900100", "GODZINY 3 staithe");
    await h.flush();
    return fake.calls.filter((c) => c.to.endsWith("+447700900001"));
  };

  test("inside the window: a WhatsApp text from the WhatsApp sender, with our status callback", async () => {
    await start();
    const [call] = await request();
    expect(call).toMatchObject({
      to: "whatsapp:+447700900001",
      from: WA_FROM,
      statusCallback: `${PUBLIC_URL}/sms/status`,
    });
    expect(call?.body).toMatch(/Anna/);
    const [row] = await h.rows(
      "SELECT channel, transport, fallback FROM outbox WHERE address = '+447700900001' AND status = 'sent'",
    );
    expect(row).toEqual({ channel: "whatsapp", transport: "twilio-whatsapp", fallback: null });
  });

  test("outside the window with a template: ContentSid and the variables in order", async () => {
    await start({ "partner.request": { en: { sid: templateSid, variables: ["member", "hours", "code"] } } });
    const [call] = await request("2026-12-03T13:00:00Z");
    expect(call?.contentSid).toBe(templateSid);
    const vars = JSON.parse(call?.contentVariables ?? "{}") as Record<string, string>;
    expect(vars["1"]).toBe("Anna");
    expect(vars["3"]).toMatch(/^\d{3,4}$/);
    expect(call?.from).toBe(WA_FROM);
  });

  test("outside the window without a template: SMS to the same number, and why", async () => {
    await start();
    const [call] = await request("2026-12-03T13:00:00Z");
    expect(call).toMatchObject({ to: "+447700900001", from: "+447700900999" });
    const [row] = await h.rows(
      "SELECT transport, fallback FROM outbox WHERE address = '+447700900001' AND status = 'sent'",
    );
    expect(row?.transport).toBe("twilio-sms");
    expect(row?.fallback).toMatch(
      /^no WhatsApp template for partner\.request \(en\) outside the 24-hour window$/,
    );
  });

  test("without TWILIO_WHATSAPP_FROM, WhatsApp is answered inline and outbound goes by SMS", async () => {
    h = await createHarness({
      now: "2026-12-02T12:00:00Z",
      scheme: withTemplates({}),
      env: { TWILIO_API_URL: fake.url },
    });
    const [call] = await request();
    expect(call).toMatchObject({ to: "+447700900001" });
  });

  test("a WhatsApp message Twilio refuses outright goes by SMS, and says why", async () => {
    await start();
    fake.failNext(400, {
      code: 63007,
      message: "Twilio could not find a Channel with the specified From address",
      status: 400,
    });
    const calls = await request();
    expect(calls.map((c) => c.to)).toEqual(["whatsapp:+447700900001", "+447700900001"]);
    const [row] = await h.rows(
      "SELECT transport, fallback FROM outbox WHERE address = '+447700900001' AND status = 'sent'",
    );
    expect(row?.transport).toBe("twilio-sms");
    expect(row?.fallback).toMatch(/^WhatsApp refused: Twilio HTTP 400 error 63007/);
  });

  /** The row Kate's request went out in, and its sid at the fake. */
  const sentRow = async () => {
    const [row] = await h.rows(
      "SELECT id, provider_id FROM outbox WHERE address = '+447700900001' AND status = 'sent' ORDER BY id DESC",
    );
    return { id: Number(row?.id), sid: String(row?.provider_id) };
  };

  test("63016: sent again with the template", async () => {
    await start({ "partner.request": { en: { sid: templateSid, variables: ["body"] } } });
    await request();
    const { id, sid } = await sentRow();
    fake.calls.length = 0;
    expect((await status(h, sid, { ErrorCode: "63016", MessageStatus: "failed" })).status).toBe(204);
    await h.flush();
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.contentSid).toBe(templateSid);
    // The callback repeated, for the old sid: nothing more.
    await status(h, sid, { ErrorCode: "63016", MessageStatus: "failed" });
    await h.flush();
    expect(fake.calls).toHaveLength(1);
    const [row] = await h.rows("SELECT status, window_closed, transport FROM outbox WHERE id = ?", id);
    expect(row).toEqual({ status: "sent", window_closed: 1, transport: "twilio-whatsapp-template" });
  });

  test("63016 with no template: by SMS, with the reason kept", async () => {
    await start();
    await request();
    const { id, sid } = await sentRow();
    fake.calls.length = 0;
    await status(h, sid, { ErrorCode: "63016", MessageStatus: "failed" });
    await h.flush();
    expect(fake.calls[0]).toMatchObject({ to: "+447700900001", from: "+447700900999" });
    const [row] = await h.rows("SELECT fallback, delivery, delivery_error FROM outbox WHERE id = ?", id);
    expect(row?.fallback).toMatch(/no WhatsApp template/);
  });

  test.each(["63003", "63024"])(
    "%s: WhatsApp is dead for them; this and later messages go by SMS",
    async (code) => {
      await start();
      await request();
      const { sid } = await sentRow();
      fake.calls.length = 0;
      await status(h, sid, { ErrorCode: code, MessageStatus: "undelivered" });
      await h.flush();
      expect(fake.calls[0]).toMatchObject({ to: "+447700900001" });
      const [contact] = await h.rows(
        "SELECT whatsapp_state, last_channel FROM partner_contacts WHERE phone = '+447700900001'",
      );
      expect(contact).toEqual({ whatsapp_state: "dead", last_channel: "sms" });
      fake.calls.length = 0;
      await h.sms("+447700900102", "STUNDAS 1 staithe");
      await h.flush();
      expect(fake.calls.find((c) => c.to.endsWith("900001"))?.to).toBe("+447700900001");
    },
  );

  test("63018: retried later, not lost", async () => {
    await start();
    await request();
    const { id, sid } = await sentRow();
    fake.calls.length = 0;
    await status(h, sid, { ErrorCode: "63018", MessageStatus: "failed" });
    await h.flush();
    expect(fake.calls).toHaveLength(0);
    const [row] = await h.rows("SELECT status, next_attempt_at FROM outbox WHERE id = ?", id);
    expect(row?.status).toBe("pending");
    h.setNow("2026-12-02T13:00:00Z");
    await deliverDue(h.deps);
    expect(fake.calls[0]).toMatchObject({ to: "whatsapp:+447700900001" });
  });

  test("an SMS that was not delivered is recorded, and a late 'sent' does not overwrite 'delivered'", async () => {
    await start();
    await h.sms("+447700900100", "GODZINY 3 staithe");
    await h.flush();
    const [row] = await h.rows(
      "SELECT id, provider_id FROM outbox WHERE channel = 'sms' AND status = 'sent' ORDER BY id DESC",
    );
    const sid = String(row?.provider_id);
    await status(h, sid, {
      MessageStatus: "delivered",
      ErrorCode: "",
      To: "+447700900001",
      ChannelPrefix: "",
    });
    await status(h, sid, { MessageStatus: "sent", ErrorCode: "" });
    const [after] = await h.rows("SELECT delivery, status FROM outbox WHERE id = ?", Number(row?.id));
    expect(after).toEqual({ delivery: "delivered", status: "sent" });
    await status(h, sid, { MessageStatus: "undelivered", ErrorCode: "30003" });
    const [failed] = await h.rows("SELECT status, last_error FROM outbox WHERE id = ?", Number(row?.id));
    expect(failed).toEqual({ status: "failed", last_error: "Twilio undelivered 30003" });
  });

  test("a status callback with a bad signature gets 403 and changes nothing", async () => {
    await start();
    await request();
    const { id, sid } = await sentRow();
    fake.calls.length = 0;
    const bad = { ...STATUS, MessageSid: sid, SmsSid: sid, ErrorCode: "63003", MessageStatus: "undelivered" };
    expect((await post(h, "/sms/status", bad, "bm90IGEgc2lnbmF0dXJl")).status).toBe(403);
    await h.flush();
    expect(fake.calls).toHaveLength(0);
    const [row] = await h.rows("SELECT status, channel, delivery FROM outbox WHERE id = ?", id);
    expect(row).toEqual({ status: "sent", channel: "whatsapp", delivery: null });
    const [contact] = await h.rows(
      "SELECT whatsapp_state FROM partner_contacts WHERE phone = '+447700900001'",
    );
    expect(contact?.whatsapp_state).toBe("ok");
  });
});
