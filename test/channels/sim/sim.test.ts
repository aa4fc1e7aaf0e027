// The chat simulator's HTTP surface on a real libSQL database with the demo scheme: the page in each
// language, the people list, sending as a phone number or a Telegram user (buttons and the shared
// contact included), and reading the outbox.
import { describe, expect, it } from "vitest";
import { pageLocale } from "../../../src/channels/sim/route.ts";
import { queueMessage } from "../../../src/store/outbox.ts";
import { createHarness, type Harness } from "../../support/harness.ts";

interface SendAnswer {
  error?: string;
  channel?: string;
  address?: string;
  locale?: string;
  replies?: Array<{ text: string; segments: number; encoding: string }>;
}

interface TelegramAnswer {
  error?: string;
  channel?: string;
  address?: string;
  locale?: string;
  replies: Array<{
    text: string;
    buttons: Array<Array<{ label: string; data: string }>>;
    shareContact?: boolean;
    shareLabel?: string;
  }>;
}

function post(h: Harness, path: string, body: unknown) {
  return h.app.request(`/sim/api/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function send(h: Harness, body: unknown) {
  return post(h, "send", body);
}

/** Posts to a Telegram endpoint of the simulator and expects a 200 answer. */
async function telegram(h: Harness, path: "send" | "press" | "share-contact", body: object) {
  const res = await post(h, path, path === "send" ? { channel: "telegram", ...body } : body);
  const answer = (await res.json()) as TelegramAnswer;
  expect(res.status, answer.error).toBe(200);
  return answer;
}

const texts = (answer: TelegramAnswer) => answer.replies.map((r) => r.text).join("\n");

async function inboundCount(h: Harness): Promise<number> {
  const [row] = await h.rows("SELECT COUNT(*) AS n FROM inbound_messages");
  return Number(row?.n);
}

describe("GET /sim", () => {
  it.each([
    ["/sim", {}, "en", "Time Credits chat simulator"],
    ["/sim?lang=pl", {}, "pl", "Symulator czatu Time Credits"],
    ["/sim", { "accept-language": "lv-LV,lv;q=0.9,en;q=0.5" }, "lv", "Time Credits tērzēšanas simulators"],
    ["/sim?lang=xx", { "accept-language": "de, pl;q=0.8" }, "pl", "Symulator czatu Time Credits"],
  ])("%s %o is in %s", async (path, headers, lang, title) => {
    const h = await createHarness();
    const res = await h.app.request(path, { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).not.toMatch(/<(script|link)[^>]+(src|href)="https?:/);
  });

  it("keeps the strings blob safe inside <script>", async () => {
    const h = await createHarness();
    const html = await (await h.app.request("/sim?lang=pl")).text();
    const blob = /<script type="application\/json" id="sim-strings">([^<]*)<\/script>/.exec(html)?.[1];
    const strings = JSON.parse(blob ?? "null") as { segments: Record<string, string> };
    expect(Object.keys(strings.segments).sort()).toEqual(["few", "many", "one", "other"]);
  });
});

describe("pageLocale", () => {
  it.each([
    [undefined, undefined, "en"],
    ["lv", "pl", "lv"],
    [undefined, "en-GB;q=0.5, pl-PL", "pl"],
    [undefined, "lv;q=0, fr", "en"],
  ] as const)("?lang=%s Accept-Language %s → %s", (query, header, expected) => {
    expect(pageLocale(query, header)).toBe(expected);
  });
});

describe("GET /sim/api/people", () => {
  it("lists the demo scheme's members and partner contacts, in E.164", async () => {
    const h = await createHarness();
    const people = (await (await h.app.request("/sim/api/people")).json()) as {
      members: Array<Record<string, string>>;
      contacts: Array<Record<string, string>>;
    };
    expect(people.members).toEqual(
      expect.arrayContaining([
        { name: "Sharon", phone: "+447700900101", telegramId: null, locale: "en" },
        { name: "Anna", phone: "+447700900100", telegramId: null, locale: "pl" },
        { name: "Jānis", phone: "+447700900102", telegramId: 2002, locale: "lv" },
      ]),
    );
    expect(people.contacts).toEqual(
      expect.arrayContaining([
        { name: "Kate", phone: "+447700900001", telegramId: 1001, partner: "The Staithe", locale: "en" },
        { name: "Marek", phone: "+447700900002", telegramId: null, partner: "The Staithe", locale: "pl" },
        {
          name: "Ilze",
          phone: "+447700900004",
          telegramId: 1004,
          partner: "Oasis Community Centre",
          locale: "lv",
        },
      ]),
    );
  });

  it("lists a Telegram-only member who joined on Telegram", async () => {
    const h = await createHarness();
    await telegram(h, "send", { address: "700100", text: "hi", languageCode: "en" });
    await telegram(h, "send", { address: "700100", text: "Zoe" });
    await telegram(h, "send", { address: "700100", text: "YES" });
    const people = (await (await h.app.request("/sim/api/people")).json()) as {
      members: Array<Record<string, unknown>>;
    };
    expect(people.members).toContainEqual({ name: "Zoe", phone: null, telegramId: 700100, locale: "en" });
  });
});

describe("POST /sim/api/send", () => {
  it.each([
    ["a word for an address", { address: "not a number", text: "BALANCE" }, /address/],
    ["too few digits", { address: "123", text: "BALANCE" }, /address/],
    ["no address", { text: "BALANCE" }, /address/],
    ["1601 characters", { address: "07700 900100", text: "x".repeat(1601) }, /text/],
    ["a number for text", { address: "07700 900100", text: 5 }, /text/],
    ["not JSON", "{not json", /JSON/],
    ["an unknown channel", { channel: "fax", address: "07700 900100", text: "BALANCE" }, /^channel/],
  ])("%s → 400, nothing recorded", async (_name, body, error) => {
    const h = await createHarness();
    const res = await send(h, body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as SendAnswer).error).toMatch(error);
    expect(await inboundCount(h)).toBe(0);
  });

  it("answers as the SMS webhook would, for a number in national form", async () => {
    const h = await createHarness();
    const res = await send(h, { address: "07700 900100", text: "BALANCE" });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as SendAnswer;
    expect(answer.channel).toBe("sms");
    expect(answer.address).toBe("+447700900100");
    expect(answer.replies).toHaveLength(1);
    const [reply] = answer.replies ?? [];
    expect(reply?.text.length).toBeGreaterThan(0);
    expect(reply?.segments).toBeGreaterThanOrEqual(1);
    expect(["GSM-7", "UCS-2"]).toContain(reply?.encoding);
    const inbound = await h.rows("SELECT channel, external_id FROM inbound_messages");
    expect(inbound).toHaveLength(1);
    expect(inbound[0]?.channel).toBe("sms");
    expect(String(inbound[0]?.external_id)).toMatch(/^SIM[0-9a-f-]{36}$/);
  });
});

describe("POST /sim/api/send on Telegram", () => {
  it("asks a Polish newcomer their name in Polish, from the app's language", async () => {
    const h = await createHarness();
    const answer = await telegram(h, "send", {
      address: "700200",
      text: "hej",
      languageCode: "pl-PL",
      firstName: "Ola",
    });
    expect(answer).toMatchObject({ channel: "telegram", address: "700200", locale: "pl" });
    expect(answer.replies).toEqual([{ text: h.deps.i18n.t("pl", "join.askName"), buttons: [] }]);
    const inbound = await h.rows("SELECT channel, external_id, member_id FROM inbound_messages");
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ channel: "telegram", member_id: null });
    expect(String(inbound[0]?.external_id)).toMatch(/^SIM[0-9a-f-]{36}$/);
    // Answered here, not through the outbox.
    expect(await h.rows("SELECT id FROM outbox")).toEqual([]);
  });

  it("greets a newcomer with no app language in three languages, with a button for each", async () => {
    const h = await createHarness();
    const answer = await telegram(h, "send", { address: "700201", text: "hello" });
    expect(answer.replies).toHaveLength(1);
    expect(answer.replies[0]?.buttons).toEqual([
      [{ label: "English", data: "o:1" }],
      [{ label: "Polski", data: "o:2" }],
      [{ label: "Latviešu", data: "o:3" }],
    ]);
    const picked = await telegram(h, "press", { address: "700201", data: "o:3" });
    expect(picked.locale).toBe("lv");
    expect(texts(picked)).toBe(h.deps.i18n.t("lv", "join.askName"));
  });

  it("answers a member's MENU with buttons o:1…, and a pressed button as its item typed", async () => {
    const h = await createHarness();
    const menu = await telegram(h, "send", { address: "2002", text: "MENU" });
    expect(menu.locale).toBe("lv");
    const buttons = menu.replies.at(-1)?.buttons ?? [];
    expect(buttons.length).toBeGreaterThanOrEqual(3);
    expect(buttons[0]?.[0]?.data).toBe("o:1");
    const balance = buttons.flat().find((b) => b.label === h.deps.i18n.t("lv", "menu.balance"));
    expect(balance?.data).toMatch(/^o:\d+$/);

    const pressed = await telegram(h, "press", { address: "2002", data: balance?.data });
    const typed = await telegram(h, "send", { address: "2002", text: "ATLIKUMS" });
    expect(texts(pressed)).toBe(texts(typed));
    expect(texts(pressed)).toMatch(/0/);
    const bodies = await h.rows(
      `SELECT i.channel, i.body FROM inbound_messages i JOIN members m ON m.id = i.member_id
       WHERE m.telegram_id = 2002 ORDER BY i.id`,
    );
    expect(bodies).toEqual([
      { channel: "telegram", body: "MENU" },
      { channel: "telegram", body: balance?.data.slice(2) },
      { channel: "telegram", body: "ATLIKUMS" },
    ]);
  });

  it("lets a partner contact confirm hours with the YES button of the request they were sent", async () => {
    const h = await createHarness();
    // Kate wrote on Telegram last, so the request goes there, with buttons.
    await telegram(h, "send", { address: "1001", text: "HELP" });
    await telegram(h, "send", { address: "2002", text: "LOG 2 staithe gardening" });
    await h.flush();
    const outbox = (await (await h.app.request("/sim/api/outbox")).json()) as {
      messages: Array<Record<string, unknown>>;
    };
    const request = outbox.messages.find((m) => m.channel === "telegram" && m.address === "1001");
    expect(request).toMatchObject({ kind: "send", status: "sent", transport: "sim" });
    expect(request).not.toHaveProperty("segments");
    const [row] = (request?.buttons ?? []) as Array<Array<{ label: string; data: string }>>;
    expect(row?.map((b) => b.label)).toEqual([
      h.deps.i18n.t("en", "telegram.yes"),
      h.deps.i18n.t("en", "telegram.no"),
    ]);
    const yes = row?.[0]?.data ?? "";
    expect(yes).toMatch(/^c:\d{3,5}:y$/);

    await telegram(h, "press", { address: "1001", data: yes });
    const ledger = await h.rows(
      `SELECT l.minutes, l.status FROM ledger_entries l JOIN members m ON m.id = l.member_id
       WHERE m.telegram_id = 2002`,
    );
    expect(ledger).toEqual([{ minutes: 120, status: "confirmed" }]);
  });

  it.each([
    ["a word for an address", { address: "Jānis", text: "MENU" }, /^address/],
    ["a negative id", { address: "-2002", text: "MENU" }, /^address/],
    ["16 digits", { address: "1".repeat(16), text: "MENU" }, /^address/],
    ["user 0", { address: "000", text: "MENU" }, /^address/],
    ["a phone number", { address: "+447700900100", text: "MENU" }, /^address/],
    ["no text", { address: "2002" }, /^text/],
    [
      "a bad language code",
      { address: "2002", text: "MENU", languageCode: "polish please" },
      /^languageCode/,
    ],
    ["a 65-character first name", { address: "2002", text: "MENU", firstName: "x".repeat(65) }, /^firstName/],
  ])("%s → 400, nothing recorded", async (_name, body, error) => {
    const h = await createHarness();
    const res = await send(h, { channel: "telegram", ...body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as SendAnswer).error).toMatch(error);
    expect(await inboundCount(h)).toBe(0);
  });

  it("takes a numeric user id and drops leading zeros", async () => {
    const h = await createHarness();
    expect((await telegram(h, "send", { address: 2002, text: "MENU" })).address).toBe("2002");
    expect((await telegram(h, "send", { address: "002002", text: "MENU" })).address).toBe("2002");
  });
});

describe("POST /sim/api/press", () => {
  it.each([
    ["data no button makes", { address: "2002", data: "x:1" }, /^data/],
    ["an option number too long", { address: "2002", data: "o:123" }, /^data/],
    ["no data", { address: "2002" }, /^data/],
    ["no address", { data: "o:1" }, /^address/],
    ["not JSON", "o:1", /JSON/],
  ])("%s → 400, nothing recorded", async (_name, body, error) => {
    const h = await createHarness();
    const res = await post(h, "press", body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as SendAnswer).error).toMatch(error);
    expect(await inboundCount(h)).toBe(0);
  });
});

describe("POST /sim/api/share-contact", () => {
  const annaTelegram = () => "SELECT telegram_id FROM members WHERE phone = '+447700900100'";

  it("asks a Telegram user who is not a member and shares an unknown number to join", async () => {
    const h = await createHarness();
    const answer = await telegram(h, "share-contact", {
      address: "700300",
      phone: "07700 900777",
      languageCode: "en",
    });
    expect(texts(answer)).toContain(h.deps.i18n.t("en", "link.joinFirst"));
    expect(texts(answer)).toContain(h.deps.i18n.t("en", "join.askName"));
    expect(
      await h.rows("SELECT id FROM members WHERE phone = '+447700900777' OR telegram_id = 700300"),
    ).toEqual([]);
  });

  it("shows a newcomer with no app language the three-language greeting, with its buttons, after a share", async () => {
    const h = await createHarness();
    const answer = await telegram(h, "share-contact", { address: "700301", phone: "+447700900779" });
    expect(texts(answer)).toContain(h.deps.i18n.t("en", "link.joinFirst"));
    expect(
      answer.replies
        .at(-1)
        ?.buttons.flat()
        .map((b) => b.label),
    ).toEqual(["English", "Polski", "Latviešu"]);
  });

  it("links a new Telegram user to Anna at once when they share Anna's number", async () => {
    const h = await createHarness();
    expect(await h.rows(annaTelegram())).toEqual([{ telegram_id: null }]);
    // Telegram shares numbers as bare international digits.
    const answer = await telegram(h, "share-contact", { address: "700400", phone: "447700900100" });
    expect(answer.locale).toBe("pl");
    expect(texts(answer)).toBe(h.deps.i18n.t("pl", "link.done", { name: "Anna" }));
    expect(await h.rows(annaTelegram())).toEqual([{ telegram_id: 700400 }]);
    // From now on Anna is Anna on Telegram too.
    const balance = await telegram(h, "send", { address: "700400", text: "SALDO" });
    expect(balance.locale).toBe("pl");
  });

  it("offers the share button to a newcomer who joined on Telegram, and links the number they share", async () => {
    const h = await createHarness();
    await telegram(h, "send", { address: "700500", text: "hi", languageCode: "en" });
    await telegram(h, "send", { address: "700500", text: "Zoe" });
    const welcome = await telegram(h, "send", { address: "700500", text: "YES" });
    // The welcome carries the share button; "Have you volunteered before?" follows with its own buttons.
    expect(welcome.replies.at(0)).toMatchObject({
      shareContact: true,
      shareLabel: h.deps.i18n.t("en", "telegram.shareNumber"),
      buttons: [],
    });
    const linked = await telegram(h, "share-contact", { address: "700500", phone: "07700 900778" });
    expect(texts(linked)).toBe(h.deps.i18n.t("en", "link.done", { name: "Zoe" }));
    expect(await h.rows("SELECT name, phone FROM members WHERE telegram_id = 700500")).toEqual([
      { name: "Zoe", phone: "+447700900778" },
    ]);
  });

  it.each([
    ["a word for a phone", { address: "700600", phone: "my number" }, /^phone/],
    ["no phone", { address: "700600" }, /^phone/],
    ["a bad address", { address: "abc", phone: "07700 900100" }, /^address/],
    ["not JSON", "{", /JSON/],
  ])("%s → 400, nothing recorded", async (_name, body, error) => {
    const h = await createHarness();
    const res = await post(h, "share-contact", body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as SendAnswer).error).toMatch(error);
    expect(await inboundCount(h)).toBe(0);
    expect(await h.rows(annaTelegram())).toEqual([{ telegram_id: null }]);
  });
});

describe("GET /sim/api/outbox", () => {
  it("lists queued messages in id order and respects ?after", async () => {
    const h = await createHarness();
    const now = h.deps.now();
    await h.db.batch(
      [
        queueMessage(
          { channel: "sms", address: "+447700900001", body: "Anna: 2 h at The Staithe. Reply YES 482" },
          now,
        ),
        queueMessage({ channel: "sms", address: "+447700900002", body: "Jānis dał Ci 1 kredyt" }, now),
      ],
      "write",
    );
    const all = (await (await h.app.request("/sim/api/outbox")).json()) as {
      messages: Array<Record<string, unknown>>;
    };
    expect(all.messages.map((m) => m.address)).toEqual(["+447700900001", "+447700900002"]);
    expect(all.messages[0]).toMatchObject({
      channel: "sms",
      body: "Anna: 2 h at The Staithe. Reply YES 482",
      status: "pending",
      transport: null,
      createdAt: now.toISOString(),
      segments: 1,
      encoding: "GSM-7",
    });
    expect(all.messages[1]).toMatchObject({ encoding: "UCS-2" });
    const firstId = Number(all.messages[0]?.id);
    const after = (await (await h.app.request(`/sim/api/outbox?after=${firstId}`)).json()) as typeof all;
    expect(after.messages.map((m) => m.id)).toEqual([firstId + 1]);
    const none = (await (await h.app.request(`/sim/api/outbox?after=${firstId + 1}`)).json()) as typeof all;
    expect(none.messages).toEqual([]);
  });
});
