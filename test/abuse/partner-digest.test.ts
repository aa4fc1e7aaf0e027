// Partner contacts are texted at most one request per `contactNotifyMinutes` (security review F5:
// 16 one-minute LOGs from a fresh account sent 32 SMS to partner staff). The rest wait and go as one
// digest when the window closes, in the contact's language; requests settled meanwhile are left
// out, and every open request reaches the contact by its code.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { deliverDue } from "../../src/jobs/outbox.ts";
import { tick } from "../../src/jobs/tick.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { BOT_TOKEN, postUpdate, type TgUser, textUpdate, WEBHOOK_SECRET } from "../support/telegram.ts";

const START = Date.parse("2026-11-28T12:00:00Z");
const KATE = "+447700900001"; // The Staithe, English
const MAREK = "+447700900002"; // The Staithe, Polish
const KATE_TG: TgUser = { id: 1001, first_name: "Kate", language_code: "en" };
/** Eight members of the scheme file, none confirmed yet: each may have two requests open. */
const VOLUNTEERS = ["Ola", "Piotr", "Dace", "Rūta", "Amy", "Jan", "Eva", "Tom"].map((name, i) => ({
  name,
  phone: `+4477009002${String(10 + i)}`,
  locale: (["pl", "pl", "lv", "lv", "en", "pl", "lv", "en"] as const)[i],
}));

let fake: FakeTwilio;
let telegram: FakeTelegram;
beforeAll(async () => {
  fake = await startFakeTwilio();
  telegram = await startFakeTelegram();
});
afterAll(async () => {
  await fake.close();
  await telegram.close();
});
beforeEach(() => {
  fake.calls.length = 0;
  telegram.calls.length = 0;
});

async function harness(settings?: Record<string, unknown>): Promise<Harness> {
  const scheme = demoScheme() as { scheme: Record<string, unknown>; members: unknown[] };
  scheme.members.push(...VOLUNTEERS);
  if (settings) scheme.scheme.settings = settings;
  const h = await createHarness({
    now: new Date(START).toISOString(),
    scheme,
    env: {
      TWILIO_API_URL: fake.url,
      TELEGRAM_BOT_TOKEN: BOT_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
      TELEGRAM_API_ROOT: telegram.url,
    },
  });
  return h;
}

const at = (h: Harness, seconds: number) => h.setNow(new Date(START + seconds * 1000).toISOString());
const textsTo = (to: string) => fake.calls.filter((c) => c.to === to).map((c) => c.body);
/** The codes of the open requests at The Staithe, oldest first. */
async function openCodes(h: Harness): Promise<string[]> {
  const rows = await h.rows(
    "SELECT code FROM ledger_entries WHERE partner_id = 'staithe' AND status = 'pending' ORDER BY id",
  );
  return rows.map((r) => String(r.code));
}
/** Codes a contact's texts name: three digits standing alone. */
const codesIn = (texts: string[]) => new Set(texts.flatMap((t) => t.match(/\b\d{3}\b/g) ?? []));

/** Sixteen requests for The Staithe, one every 30 seconds from 12:00:00, two from each volunteer. */
async function sixteenRequests(h: Harness): Promise<void> {
  for (let i = 0; i < 16; i++) {
    at(h, i * 30);
    const volunteer = VOLUNTEERS[i % VOLUNTEERS.length];
    if (!volunteer) throw new Error("no volunteer");
    const { messages } = await h.sms(volunteer.phone, `LOG ${1 + (i % 3)} staithe`);
    expect(messages.join("\n")).toMatch(/2026|Staithe/);
    await h.flush();
  }
}

describe("one request message per contact per window", () => {
  test("16 requests in 8 minutes: each contact gets one message, then one digest of the rest", async () => {
    const h = await harness();
    await sixteenRequests(h);
    const codes = await openCodes(h);
    expect(codes).toHaveLength(16);
    // Within the window: the first request only, to each contact, and nothing more.
    expect(textsTo(KATE)).toHaveLength(1);
    expect(textsTo(KATE)[0]).toContain(`YES ${codes[0]}`);
    expect(textsTo(MAREK)).toHaveLength(1);
    expect(textsTo(MAREK)[0]).toContain(`TAK ${codes[0]}`);
    expect(await deliverDue(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 0 });

    // Kate confirms one of the waiting requests before the digest goes out.
    at(h, 8 * 60);
    const settled = codes[5] ?? "";
    expect((await h.sms(KATE, `YES ${settled}`)).messages.join("\n")).toContain(`Confirmed ${settled}`);
    await h.flush();

    // The window closes ten minutes after the first message: one digest each, without the settled one.
    at(h, 10 * 60 + 1);
    fake.calls.length = 0;
    await deliverDue(h.deps);
    const [kate] = textsTo(KATE);
    expect(textsTo(KATE)).toHaveLength(1);
    expect(kate).toMatch(/^14 more requests: \d{3} \S+ \d h, /);
    expect(kate).toMatch(/, …\nReply YES ALL, or YES or NO with a code\.$/);
    expect(kate).not.toContain(settled);
    expect(textsTo(MAREK)).toHaveLength(1);
    expect(textsTo(MAREK)[0]).toMatch(/^Jeszcze 14 zgłoszeń: /);
    expect(textsTo(MAREK)[0]).not.toContain(settled);
    // Nothing more until the next window closes.
    at(h, 15 * 60);
    expect((await deliverDue(h.deps)).sent).toBe(0);

    // What did not fit goes in the next digests, one per window, until every open request was named.
    const kateAll = [...textsTo(KATE)];
    const marekAll = [...textsTo(MAREK)];
    for (let window = 2; window <= 8; window++) {
      at(h, window * 10 * 60 + window);
      fake.calls.length = 0;
      await tick(h.deps);
      expect(textsTo(KATE).length).toBeLessThanOrEqual(1);
      expect(textsTo(MAREK).length).toBeLessThanOrEqual(1);
      kateAll.push(...textsTo(KATE));
      marekAll.push(...textsTo(MAREK));
    }
    const waiting = codes.filter((c) => c !== settled && c !== codes[0]);
    expect([...codesIn(kateAll)].sort()).toEqual([...waiting].sort());
    expect([...codesIn(marekAll)].sort()).toEqual([...waiting].sort());
    expect(await h.rows("SELECT id FROM outbox WHERE status = 'pending'")).toEqual([]);
    // Every SMS a contact got fits two segments.
    for (const body of [...kateAll, ...marekAll]) expect(body.length).toBeLessThanOrEqual(306);
  });

  test("a request settled before the digest is left out; a single one waiting goes as itself", async () => {
    const h = await harness();
    await sixteenRequests(h).catch(() => undefined);
    const codes = await openCodes(h);
    // Kate answers all but one of them.
    at(h, 9 * 60);
    const keep = codes[15] ?? "";
    for (const code of codes.slice(1, 15)) await h.sms(KATE, `YES ${code}`);
    await h.flush();
    at(h, 10 * 60 + 1);
    fake.calls.length = 0;
    await deliverDue(h.deps);
    // The one left is a plain request, with its YES and NO, not a digest.
    expect(textsTo(KATE)).toEqual([expect.stringMatching(new RegExp(`Reply YES ${keep} or NO ${keep}$`))]);
    const outbox = await h.rows(
      "SELECT transport, COUNT(*) AS n FROM outbox WHERE notice = 'request' AND address = ? GROUP BY transport ORDER BY transport",
      KATE,
    );
    expect(outbox).toEqual([
      { transport: "settled", n: 14 },
      { transport: "twilio", n: 2 },
    ]);
  });

  test("a contact texted more than a window ago gets the next request at once", async () => {
    const h = await harness();
    await h.sms(VOLUNTEERS[0]?.phone ?? "", "LOG 1 staithe");
    await h.flush();
    at(h, 11 * 60);
    await h.sms(VOLUNTEERS[1]?.phone ?? "", "LOG 2 staithe");
    await h.flush();
    expect(textsTo(KATE)).toHaveLength(2);
    expect(textsTo(MAREK)).toHaveLength(2);
  });

  test("the window is a scheme setting; 0 texts every request at once", async () => {
    const h = await harness({ contactNotifyMinutes: 0 });
    for (const v of VOLUNTEERS.slice(0, 4)) {
      await h.sms(v.phone, "LOG 1 staithe");
      await h.flush();
    }
    expect(textsTo(KATE)).toHaveLength(4);
  });
});

describe("on Telegram", () => {
  test("the first request has its buttons; the digest lists the codes of the rest", async () => {
    const h = await harness();
    // Kate last wrote on Telegram, so requests reach her there.
    await postUpdate(h, textUpdate(KATE_TG, "MENU"));
    await h.flush();
    const menu = telegram.sent(KATE_TG.id).length;
    for (const [i, v] of VOLUNTEERS.slice(0, 4).entries()) {
      at(h, i * 60);
      await h.sms(v.phone, "LOG 1 staithe");
      await h.flush();
    }
    const codes = await openCodes(h);
    const sent = () => telegram.sent(KATE_TG.id).slice(menu);
    expect(sent()).toHaveLength(1);
    expect(JSON.stringify(sent()[0]?.reply_markup)).toContain(`c:${codes[0]}:y`);
    at(h, 10 * 60 + 1);
    await deliverDue(h.deps);
    expect(sent()).toHaveLength(2);
    const digest = sent()[1]?.text ?? "";
    expect(digest).toMatch(/^3 more requests: /);
    for (const code of codes.slice(1)) expect(digest).toContain(code);
  });
});
