// Caps on the requests members make themselves (security review F5: a fresh account's 16 one-minute
// LOGs sent 32 SMS to partner staff). Entries shorter than the scheme's rounding increment are
// refused; a member has at most `maxOpenRequests` (5) waiting, a newcomer never confirmed yet at most
// `newcomerOpenRequests` (2); every way of making a request is refused before it asks anything more.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { createTelegramHarness, postUpdate, type TgUser, textUpdate } from "../support/telegram.ts";

const START = "2026-11-28T12:00:00Z";
const KATE = "+447700900001";
const MAREK = "+447700900002";
const OLA = "+447700900003";
const SHARON = "+447700900101"; // registered by the coordinator, never confirmed yet
const NEWCOMER = "+447700900444";
const ZED: TgUser = { id: 880123, first_name: "Zed", language_code: "en" };

function scheme(settings: Record<string, unknown> = {}) {
  return {
    scheme: { name: "Wisbech Time Credits", timezone: "Europe/London", settings },
    partners: [
      {
        id: "staithe",
        name: "The Staithe",
        earn: true,
        spend: false,
        aliases: ["staithe"],
        activities: [],
        contacts: [
          { name: "Kate", phone: KATE, locale: "en" },
          { name: "Marek", phone: MAREK, locale: "pl" },
        ],
      },
      {
        id: "oasis",
        name: "Oasis Community Centre",
        earn: true,
        spend: false,
        aliases: ["oasis"],
        activities: [],
        contacts: [{ name: "Ola", phone: OLA, locale: "en" }],
      },
    ],
    members: [{ name: "Sharon", phone: SHARON, locale: "en" }],
  };
}

let fakeTelegram: FakeTelegram;
beforeAll(async () => {
  fakeTelegram = await startFakeTelegram();
});
afterAll(async () => {
  await fakeTelegram.close();
});

const TOO_SHORT = "Too short: at least 15 min in one entry. Nothing recorded.";
const NEWCOMER_EN =
  "Until a partner confirms your first hours, 2 entries can wait at once. Log more once one is answered.";
const FULL_EN =
  "5 entries are waiting for partners to confirm, the most at once. Log more once one is answered.";

const pendingOf = async (h: Harness, phone: string) =>
  (
    await h.rows(
      "SELECT code FROM ledger_entries WHERE status = 'pending' AND member_id = (SELECT id FROM members WHERE phone = ?) ORDER BY id",
      phone,
    )
  ).map((r) => String(r.code));
const entriesCount = async (h: Harness) =>
  Number((await h.rows("SELECT COUNT(*) AS n FROM ledger_entries"))[0]?.n);
/** Messages queued for the partners' contacts. */
const toContacts = async (h: Harness) =>
  Number(
    (await h.rows("SELECT COUNT(*) AS n FROM outbox WHERE address IN (?, ?, ?)", KATE, MAREK, OLA))[0]?.n,
  );

async function say(h: Harness, from: string, text: string): Promise<string> {
  return (await h.sms(from, text)).messages.join("\n");
}

describe("entries shorter than the rounding increment", () => {
  test("a fresh Telegram account's 16 × LOG 1 min staithe: all refused, no message to any partner", async () => {
    const h = await createTelegramHarness(fakeTelegram, undefined, { now: START, scheme: scheme() });
    for (const text of ["hi", "Zed", "YES"]) {
      expect((await postUpdate(h, textUpdate(ZED, text))).status).toBe(200);
    }
    await h.flush();
    const before = fakeTelegram.sent(ZED.id).length;
    for (let i = 0; i < 16; i++) {
      expect((await postUpdate(h, textUpdate(ZED, "LOG 1 min staithe"))).status).toBe(200);
    }
    await h.flush();
    const replies = fakeTelegram
      .sent(ZED.id)
      .slice(before)
      .map((m) => m.text);
    expect(replies).toHaveLength(16);
    for (const r of replies) expect(r).toMatch(TOO_SHORT);
    expect(await entriesCount(h)).toBe(0);
    expect(await toContacts(h)).toBe(0);
  });

  test("the minimum is the scheme's roundingMinutes, also for a contact logging for others", async () => {
    const h = await createHarness({ now: START, scheme: scheme({ roundingMinutes: 30 }) });
    expect(await say(h, SHARON, "LOG 0.25 staithe")).toMatch(
      "Too short: at least 30 min in one entry. Nothing recorded.",
    );
    expect(await say(h, KATE, `LOG 10 min ${SHARON}`)).toMatch("at least 30 min");
    expect(await say(h, SHARON, "LOG 0.5 staithe")).toMatch("Recorded: 0.5 h at The Staithe");
    expect(await entriesCount(h)).toBe(1);
  });
});

describe("open requests per member", () => {
  test("a newcomer's third request is refused, in every way of making one, before anything is asked", async () => {
    const h = await createHarness({ now: START, scheme: scheme() });
    for (const text of ["ENGLISH", "Nia", "YES"]) await say(h, NEWCOMER, text);
    expect(await say(h, NEWCOMER, "LOG 2 staithe")).toMatch("Recorded: 2 h at The Staithe");
    expect(await say(h, NEWCOMER, "LOG 1 oasis")).toMatch("Recorded: 1 h at Oasis");
    const contacts = await toContacts(h);
    expect(await say(h, NEWCOMER, "LOG 1 staithe")).toBe(NEWCOMER_EN);
    // Step by step: refused at once, not after three questions.
    expect(await say(h, NEWCOMER, "LOG")).toBe(NEWCOMER_EN);
    // Words the understanding layer reads as LOG.
    expect(await say(h, NEWCOMER, "did 2 hrs at the staithe")).toBe(NEWCOMER_EN);
    // Checking in: the check-out would be refused, so say so now.
    expect(await say(h, NEWCOMER, "IN staithe")).toBe(NEWCOMER_EN);
    expect(await h.rows("SELECT * FROM checkins")).toEqual([]);
    expect(await pendingOf(h, NEWCOMER)).toHaveLength(2);
    expect(await toContacts(h)).toBe(contacts);
  });

  test("in Polish and Latvian the reply has the right plural", async () => {
    const h = await createHarness({ now: START, scheme: scheme() });
    for (const text of ["POLSKI", "Kasia", "TAK", "GODZINY 2 staithe", "GODZINY 1 oasis"])
      await say(h, NEWCOMER, text);
    expect(await say(h, NEWCOMER, "GODZINY 1 staithe")).toBe(
      "Do pierwszego potwierdzenia limit to 2 wpisy naraz. Kolejny, gdy partner odpowie.",
    );
    const lv = "+447700900445";
    for (const text of ["LATVIEŠU", "Līga", "JĀ", "STUNDAS 2 staithe", "STUNDAS 1 oasis"])
      await say(h, lv, text);
    expect(await say(h, lv, "STUNDAS 1 staithe")).toBe(
      "Līdz pirmajam apstiprinājumam drīkst gaidīt ne vairāk kā 2 ieraksti.",
    );
  });

  test("a check-out when the cap was reached meanwhile is refused, and the check-in closed", async () => {
    const h = await createHarness({ now: START, scheme: scheme() });
    for (const text of ["ENGLISH", "Nia", "YES"]) await say(h, NEWCOMER, text);
    expect(await say(h, NEWCOMER, "IN staithe")).toMatch(/The Staithe/);
    await say(h, NEWCOMER, "LOG 1 oasis");
    await say(h, NEWCOMER, "LOG 1 oasis yesterday");
    h.setNow("2026-11-28T14:00:00Z");
    expect(await say(h, NEWCOMER, "OUT")).toBe(NEWCOMER_EN);
    expect(await h.rows("SELECT closed_at FROM checkins")).toEqual([
      { closed_at: "2026-11-28T14:00:00.000Z" },
    ]);
    expect(await pendingOf(h, NEWCOMER)).toHaveLength(2);
  });

  test("a member confirmed once may have 5 open; the 6th is refused until one is answered", async () => {
    const h = await createHarness({ now: START, scheme: scheme() });
    await say(h, SHARON, "LOG 1 staithe");
    const [first] = await pendingOf(h, SHARON);
    expect(await say(h, KATE, `YES ${first}`)).toMatch(String(first));

    for (let i = 0; i < 5; i++) expect(await say(h, SHARON, "LOG 1 oasis")).toMatch("Recorded: 1 h at Oasis");
    const open = await pendingOf(h, SHARON);
    expect(open).toHaveLength(5);
    const contacts = await toContacts(h);
    expect(await say(h, SHARON, "LOG 1 staithe")).toBe(FULL_EN);
    expect(await say(h, SHARON, "LOG")).toBe(FULL_EN);
    expect(await pendingOf(h, SHARON)).toHaveLength(5);
    expect(await toContacts(h)).toBe(contacts);

    // Hours a contact logs for her are not her requests: they are confirmed at once, cap or not.
    expect(await say(h, KATE, `LOG 2 ${SHARON}`)).toMatch("Sharon");

    // Once one is answered, there is room for one more.
    expect(await say(h, OLA, `NO ${open[0]}`)).toMatch(String(open[0]));
    expect(await say(h, SHARON, "LOG 1 staithe")).toMatch("Recorded: 1 h at The Staithe");
    expect(await say(h, SHARON, "LOG 1 staithe")).toBe(FULL_EN);
  });

  test("the caps are scheme settings; a cap of 1 reads in the singular", async () => {
    const h = await createHarness({
      now: START,
      scheme: scheme({ maxOpenRequests: 3, newcomerOpenRequests: 1 }),
    });
    await say(h, SHARON, "LOG 1 staithe");
    expect(await say(h, SHARON, "LOG 1 oasis")).toBe(
      "Until a partner confirms your first hours, 1 entry can wait at once. Log more once it is answered.",
    );
  });
});
