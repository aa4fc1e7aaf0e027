// The chat simulator's HTTP surface on a real libSQL database with the demo scheme: the page in each
// language, the people list, sending as a phone number, and reading the outbox.
import { describe, expect, it } from "vitest";
import { pageLocale } from "../../../src/channels/sim/route.ts";
import { queueMessage } from "../../../src/jobs/outbox.ts";
import { createHarness, type Harness } from "../../support/harness.ts";

interface SendAnswer {
  error?: string;
  address?: string;
  replies?: Array<{ text: string; segments: number; encoding: string }>;
}

function send(h: Harness, body: unknown) {
  return h.app.request("/sim/api/send", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

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
        { name: "Sharon", phone: "+447700900101", locale: "en" },
        { name: "Anna", phone: "+447700900100", locale: "pl" },
        { name: "Jānis", phone: "+447700900102", locale: "lv" },
      ]),
    );
    expect(people.contacts).toEqual(
      expect.arrayContaining([
        { name: "Kate", phone: "+447700900001", partner: "The Staithe", locale: "en" },
        { name: "Marek", phone: "+447700900002", partner: "The Staithe", locale: "pl" },
      ]),
    );
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
