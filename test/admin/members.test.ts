// The members page: search by name and number, a member's history, corrections by counter-entry
// (never an edited amount, never below zero, always audited) and resending a message.
import { describe, expect, test } from "vitest";
import type { Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { ADMIN_TOKEN, csrfOf, loggedIn, textOf } from "./support.ts";

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

describe("channels", () => {
  const ANNA = "+447700900100"; // member, Polish
  const JANIS = "+447700900102"; // member, Latvian, also on Telegram 2002

  /** A member's channels line on a page (their own page or a search result), as a reader sees it. */
  function channels(html: string, id: number): string {
    const start = html.indexOf(`<span class="muted" data-channels="${id}">`);
    if (start < 0) return "";
    // The line's own spans are nested in it: its end is where as many spans closed as opened.
    const tags = /<span[\s>]|<\/span>/g;
    tags.lastIndex = start;
    let depth = 0;
    for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
      depth += tag[0] === "</span>" ? -1 : 1;
      if (depth === 0) return textOf(html.slice(start, tag.index));
    }
    return "";
  }
  const states = (html: string) =>
    [...html.matchAll(/<span data-channel="(\w+)" data-state="(\w+)"( data-writes="true")?>/g)].map(
      (m) => `${m[1]}:${m[2]}${m[3] ? ":writes" : ""}`,
    );
  const api = async (h: Harness, path: string) => {
    const res = await h.app.request(path, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as Record<string, unknown>;
  };

  test("WhatsApp appears once she writes on it and the bot writes there; SMS when she asks; the API says the same", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await memberId(h, SHARON);
    const before = await coordinator.get(`/admin/members/${id}`);
    expect(channels(before.html, id)).toBe("Channels: SMS (the bot writes here)");

    // She writes on WhatsApp: it reaches her, and the bot answers there from now on.
    await h.sms(`whatsapp:${SHARON}`, "BALANCE");
    expect(await h.rows("SELECT last_channel, whatsapp_state FROM members WHERE id = ?", id)).toEqual([
      { last_channel: "whatsapp", whatsapp_state: "ok" },
    ]);
    const page = await coordinator.get(`/admin/members/${id}`);
    expect(channels(page.html, id)).toBe("Channels: SMS · WhatsApp (the bot writes here)");
    expect(states(page.html)).toEqual(["sms:ok", "whatsapp:ok:writes"]);
    const found = await coordinator.get("/admin/members?q=sharon");
    expect(channels(found.html, id)).toBe("Channels: SMS · WhatsApp (the bot writes here)");

    // SMS, asked for on WhatsApp: her choice wins over where she writes from.
    await h.sms(`whatsapp:${SHARON}`, "SMS");
    await h.sms(`whatsapp:${SHARON}`, "BALANCE");
    const chosen = await coordinator.get(`/admin/members/${id}`);
    expect(channels(chosen.html, id)).toBe("Channels: SMS (the bot writes here, as they asked) · WhatsApp");

    const one = await api(h, `/admin/api/members/${id}`);
    expect(one.member).toMatchObject({
      lastChannel: "sms",
      chosenChannel: "sms",
      whatsappState: "ok",
      channels: [
        { channel: "sms", address: SHARON, state: "ok", writesTo: true, chosen: true },
        { channel: "whatsapp", address: SHARON, state: "ok", writesTo: false, chosen: false },
      ],
    });
    const search = await api(h, "/admin/api/members?q=sharon");
    expect(search.members).toEqual([
      expect.objectContaining({ id, channels: (one.member as { channels: unknown }).channels }),
    ]);
  });

  test("Telegram, blocked and dead channels, opted out, and nobody to write to", async () => {
    const { h, coordinator } = await loggedIn();
    const [anna, sharon, janis] = [
      await memberId(h, ANNA),
      await memberId(h, SHARON),
      await memberId(h, JANIS),
    ];
    await h.db.batch(
      [
        // Jānis writes on Telegram; Anna's number turned out not to be on WhatsApp.
        `UPDATE members SET last_channel = 'telegram' WHERE id = ${janis}`,
        `UPDATE members SET whatsapp_state = 'dead', last_channel = 'sms' WHERE id = ${anna}`,
        `UPDATE members SET whatsapp_state = 'ok', last_channel = 'whatsapp', opted_out = 1 WHERE id = ${sharon}`,
      ],
      "write",
    );
    const line = async (id: number, lang = "en") =>
      channels((await coordinator.get(`/admin/members/${id}?lang=${lang}`)).html, id);
    expect(await line(janis)).toBe("Channels: SMS · Telegram (the bot writes here)");
    expect(await line(anna)).toBe("Channels: SMS (the bot writes here) · WhatsApp (not a WhatsApp number)");
    // STOP stops every channel: the bot writes nowhere.
    expect(await line(sharon)).toBe("Channels: SMS (opted out) · WhatsApp (opted out)");
    expect(states((await coordinator.get(`/admin/members/${sharon}`)).html)).toEqual([
      "sms:optedOut",
      "whatsapp:optedOut",
    ]);

    // Jānis blocks the bot on Telegram: his number is what is left.
    await h.db.execute(`UPDATE members SET telegram_blocked = 1 WHERE id = ${janis}`);
    expect(await line(janis)).toBe("Channels: SMS (the bot writes here) · Telegram (blocked the bot)");
    // Without the number, no channel reaches him.
    await h.db.execute(`UPDATE members SET phone = NULL WHERE id = ${janis}`);
    expect(await line(janis)).toBe("Channels: Telegram (blocked the bot) · the bot cannot reach this member");

    // In the coordinator's language.
    expect(await line(anna, "pl")).toBe("Kanały: SMS (tu pisze bot) · WhatsApp (ten numer nie ma WhatsAppa)");
    expect(await line(anna, "lv")).toBe(
      "Kanāli: SMS (bots raksta šeit) · WhatsApp (šis numurs nav WhatsApp)",
    );
  });

  test("each message sent shows Twilio's delivery report, and why a WhatsApp message went by SMS", async () => {
    const { h, coordinator } = await loggedIn();
    const id = await sharonEarns(h);
    const [sent] = await h.rows("SELECT id FROM outbox WHERE address = ? ORDER BY id DESC", SHARON);
    await h.db.batch(
      [
        `UPDATE outbox SET status = 'sent', delivery = 'undelivered', delivery_error = 30003 WHERE id = ${sent?.id}`,
        `INSERT INTO outbox (channel, address, body, status, attempts, next_attempt_at, created_at, sent_at,
           transport, fallback, delivery)
         VALUES ('whatsapp', '${SHARON}', 'Lunch on Friday', 'sent', 1, '2026-11-28T12:30:00Z',
           '2026-11-28T12:30:00Z', '2026-11-28T12:30:00Z', 'twilio-sms',
           'no WhatsApp template for broadcast (en) outside the 24-hour window', 'delivered')`,
      ],
      "write",
    );
    const page = await coordinator.get(`/admin/members/${id}`);
    const line = (message: unknown) =>
      textOf(
        new RegExp(`<p class="muted" data-message="${message}">([\\s\\S]*?)</p>`).exec(page.html)?.[1] ?? "",
      );
    expect(line(sent?.id)).toMatch(/^28 Nov 2026, \d\d:\d\d · SMS · sent · not delivered \(30003\)$/);
    const [fallback] = await h.rows("SELECT id FROM outbox WHERE channel = 'whatsapp'");
    expect(line(fallback?.id)).toBe(
      "28 Nov 2026, 12:30 · WhatsApp · sent · delivered By SMS instead of WhatsApp: no WhatsApp template for broadcast (en) outside the 24-hour window",
    );
    const pl = await coordinator.get(`/admin/members/${id}?lang=pl`);
    expect(textOf(pl.html)).toContain("SMS · wysłane · niedoręczone (30003)");
    expect(textOf(pl.html)).toContain("SMS-em, a nie przez WhatsAppa: no WhatsApp template");

    const one = await api(h, `/admin/api/members/${id}`);
    expect(one.messages).toContainEqual(
      expect.objectContaining({
        id: sent?.id,
        delivery: "undelivered",
        deliveryError: 30003,
        fallback: null,
      }),
    );
  });
});
