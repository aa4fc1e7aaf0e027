// The chat simulator on WhatsApp: the phone number as the address (the same member and conversation
// as SMS on that number), the WhatsApp profile's name offered to a newcomer, replies rendered for
// WhatsApp (numbered options, no SMS segments), and WhatsApp rows in the outbox view.
import { describe, expect, it } from "vitest";
import { queueMessage } from "../../../src/store/outbox.ts";
import { createHarness, type Harness } from "../../support/harness.ts";

interface Answer {
  error?: string;
  channel?: string;
  address?: string;
  locale?: string;
  replies: Array<Record<string, unknown> & { text: string }>;
}

async function send(h: Harness, body: Record<string, unknown>): Promise<Answer> {
  const res = await h.app.request("/sim/api/send", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await res.json()) as Answer;
  expect(res.status, answer.error).toBe(200);
  return answer;
}

const whatsapp = (h: Harness, address: string, text: string, extra: Record<string, unknown> = {}) =>
  send(h, { channel: "whatsapp", address, text, ...extra });
const sms = (h: Harness, address: string, text: string) => send(h, { address, text });
const texts = (answer: Answer) => answer.replies.map((r) => r.text).join("\n");

describe("POST /sim/api/send on WhatsApp", () => {
  it("a Polish newcomer is offered their profile name, joins, and asks for their credits", async () => {
    const h = await createHarness({ now: "2026-12-02T12:00:00Z" });
    const first = await whatsapp(h, "07700 900123", "ile mam kredytów?", { profileName: " Kasia " });
    expect(first).toMatchObject({ channel: "whatsapp", address: "+447700900123", locale: "pl" });
    expect(texts(first)).toContain("Czy masz na imię Kasia?");
    expect(texts(await whatsapp(h, "+447700900123", "tak"))).toContain("Kasia");
    const joined = await whatsapp(h, "+447700900123", "tak");
    // Options are numbered on WhatsApp, and the letters keep their diacritics.
    expect(texts(joined)).toMatch(/Witaj, Kasia![\s\S]*\n1 Tak\n2 Nie/);
    const balance = await whatsapp(h, "+447700900123", "ile mam kredytów?");
    expect(balance).toMatchObject({ channel: "whatsapp", address: "+447700900123", locale: "pl" });
    expect(balance.replies).toEqual([{ text: "Masz 0 kredytów." }]);
    expect(
      await h.rows("SELECT name, locale, last_channel FROM members WHERE phone = ?", "+447700900123"),
    ).toEqual([{ name: "Kasia", locale: "pl", last_channel: "whatsapp" }]);
    const inbound = await h.rows("SELECT DISTINCT channel FROM inbound_messages");
    expect(inbound).toEqual([{ channel: "whatsapp" }]);
  });

  it("a member who wrote by SMS is the same member on WhatsApp, with the same balance", async () => {
    const h = await createHarness({ now: "2026-12-02T12:00:00Z" });
    await sms(h, "07700 900100", "GODZINY 2 staithe");
    const [request] = await h.rows("SELECT body FROM outbox WHERE address = ?", "+447700900001");
    const code = /YES (\d+)/.exec(String(request?.body))?.[1];
    expect(code).toBeDefined();
    await sms(h, "07700 900001", `YES ${code}`);
    const bySms = await sms(h, "07700 900100", "SALDO");
    expect(texts(bySms)).toBe("Masz 2 kredyty.");
    const byWhatsApp = await whatsapp(h, "07700 900100", "SALDO");
    expect(byWhatsApp).toMatchObject({ channel: "whatsapp", address: "+447700900100", locale: "pl" });
    expect(texts(byWhatsApp)).toBe(texts(bySms));
    expect(byWhatsApp.replies[0]).not.toHaveProperty("segments");
    expect(await h.rows("SELECT id FROM members WHERE phone = ?", "+447700900100")).toHaveLength(1);
    const senders = await h.rows(
      `SELECT DISTINCT i.channel, m.name FROM inbound_messages i JOIN members m ON m.id = i.member_id
       WHERE m.phone = ? ORDER BY i.channel`,
      "+447700900100",
    );
    expect(senders).toEqual([
      { channel: "sms", name: "Anna" },
      { channel: "whatsapp", name: "Anna" },
    ]);
  });

  it.each([
    ["a word for an address", { address: "Kasia", text: "SALDO" }, /^address/],
    [
      "a profile name over 60 characters",
      { address: "07700 900123", text: "hi", profileName: "x".repeat(61) },
      /^profileName/,
    ],
  ])("%s → 400, nothing recorded", async (_name, body, error) => {
    const h = await createHarness();
    const res = await h.app.request("/sim/api/send", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ channel: "whatsapp", ...body }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Answer).error).toMatch(error);
    expect(await h.rows("SELECT id FROM inbound_messages")).toEqual([]);
  });
});

describe("GET /sim/api/outbox with WhatsApp", () => {
  it("lists a WhatsApp message by its phone number, with no SMS segments", async () => {
    const h = await createHarness();
    await h.db.batch(
      [
        queueMessage(
          { channel: "whatsapp", address: "+447700900100", body: "Jānis dał Ci 1 kredyt" },
          h.deps.now(),
        ),
      ],
      "write",
    );
    const { messages } = (await (await h.app.request("/sim/api/outbox")).json()) as {
      messages: Array<Record<string, unknown>>;
    };
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      channel: "whatsapp",
      address: "+447700900100",
      body: "Jānis dał Ci 1 kredyt",
      status: "pending",
    });
    expect(messages[0]).not.toHaveProperty("segments");
  });
});
