// "No one decides their own hours", across every identity a person has (security review F3): a
// contact cannot log hours for their own number or a colleague's, hours logged for a number that
// turns out to be a contact's are refused when it joins, and a contact's YES to a request of their
// own (from their other channel) is refused while the request stays open for someone else.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { importScheme } from "../../src/scheme/import.ts";
import { parseScheme } from "../../src/scheme/schema.ts";
import { SELF_CREDIT_REASON } from "../../src/store/writers/earnings.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import {
  callbackUpdate,
  createTelegramHarness,
  postUpdate,
  type TgUser,
  textUpdate,
} from "../support/telegram.ts";

const START = "2026-11-28T12:00:00Z";
const KATE = "+447700900001"; // Staithe contact, also on Telegram
const KATE_TG: TgUser = { id: 710001, first_name: "Kate", language_code: "en" };
const MAREK = "+447700900002"; // Staithe contact, SMS only, Polish
const OLA = "+447700900003"; // Oasis contact
const SHARON = "+447700900101"; // member
const STRANGER = "+447700900555";

function scheme(extraStaitheContacts: unknown[] = []) {
  return {
    scheme: { name: "Wisbech Time Credits", timezone: "Europe/London" },
    partners: [
      {
        id: "staithe",
        name: "The Staithe",
        earn: true,
        spend: false,
        aliases: ["staithe"],
        activities: ["gardening"],
        contacts: [
          { name: "Kate", phone: KATE, telegramId: KATE_TG.id, locale: "en" },
          { name: "Marek", phone: MAREK, locale: "pl" },
          ...extraStaitheContacts,
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
beforeEach(() => {
  fakeTelegram.calls.length = 0;
});

const entriesOf = (h: Harness, phone: string) =>
  h.rows(
    "SELECT status, minutes, settled_by, reason, code FROM ledger_entries WHERE member_id = (SELECT id FROM members WHERE phone = ?) ORDER BY id",
    phone,
  );
const entriesOfTelegram = (h: Harness, id: number) =>
  h.rows(
    "SELECT id, status, minutes, code, settled_by FROM ledger_entries WHERE member_id = (SELECT id FROM members WHERE telegram_id = ?) ORDER BY id",
    id,
  );
const outboxTo = (h: Harness, address: string) =>
  h.rows("SELECT body FROM outbox WHERE address = ? ORDER BY id", address);

/** Joins by SMS the way the review did: START, English, a name, YES. */
async function joinBySms(h: Harness, phone: string, name: string): Promise<string[]> {
  await h.sms(phone, "START");
  await h.sms(phone, "ENGLISH");
  await h.sms(phone, name);
  return (await h.sms(phone, "YES")).messages;
}

async function tg(h: Harness, user: TgUser, text: string): Promise<string[]> {
  const before = fakeTelegram.sent(user.id).length;
  expect((await postUpdate(h, textUpdate(user, text))).status).toBe(200);
  await h.flush();
  return fakeTelegram
    .sent(user.id)
    .slice(before)
    .map((m) => m.text);
}

describe("a contact logging for their own number (F3a)", () => {
  test("LOG for their own contact phone is refused, on either channel; joining then credits nothing", async () => {
    const h = await createTelegramHarness(fakeTelegram, undefined, { now: START, scheme: scheme() });
    const bySms = await h.sms(KATE, `LOG 3 ${KATE} gardening`);
    expect(bySms.messages).toEqual(["Log your own hours as a volunteer, not as the partner."]);
    // On Telegram her contact row carries the phone: the same person.
    expect(await tg(h, KATE_TG, `LOG 3 ${KATE}`)).toEqual([
      "Log your own hours as a volunteer, not as the partner.",
    ]);
    expect(await h.rows("SELECT * FROM ledger_entries")).toEqual([]);
    expect(await h.rows("SELECT * FROM members WHERE phone = ?", KATE)).toEqual([]);
    expect(await outboxTo(h, KATE)).toEqual([]);

    const welcome = (await joinBySms(h, KATE, "Kate")).join("\n");
    expect(welcome).not.toMatch(/now yours/);
    expect((await h.sms(KATE, "BALANCE")).messages.join("\n")).toMatch(/You have 0 credits/);
    expect(await entriesOf(h, KATE)).toEqual([]);
  });

  test("hours waiting for a number that turns out to be the contact's are refused when it joins", async () => {
    const h = await createHarness({ now: START, scheme: scheme() });
    // Kate logs for a number nobody knows yet; Ola (another partner) logs for it too.
    expect((await h.sms(KATE, `LOG 3 ${STRANGER} gardening`)).messages.join("\n")).toMatch(STRANGER);
    expect((await h.sms(OLA, `LOG 2 ${STRANGER}`)).messages.join("\n")).toMatch(STRANGER);
    expect((await entriesOf(h, STRANGER)).map((e) => e.status)).toEqual(["pending", "pending"]);
    // Then the coordinator adds it to the Staithe as Kate's work phone: it was hers all along.
    const parsed = parseScheme(scheme([{ name: "Kate (work)", phone: STRANGER, locale: "en" }]));
    if (!parsed.ok) throw new Error("scheme");
    await importScheme(h.db, parsed.scheme, new Date(START));

    const welcome = await joinBySms(h, STRANGER, "Kate");
    const text = welcome.join("\n");
    expect(text).toMatch("Credits waiting for you are now yours: 2 credits.");
    expect(text).toMatch(
      "3 h waiting for you were not counted: a partner you speak for logged them, and no one credits themselves.",
    );
    expect(await entriesOf(h, STRANGER)).toEqual([
      { status: "rejected", minutes: 180, settled_by: "system", reason: SELF_CREDIT_REASON, code: null },
      { status: "confirmed", minutes: 120, settled_by: "contact:3", reason: null, code: null },
    ]);
    expect((await h.sms(STRANGER, "BALANCE")).messages.join("\n")).toMatch(/You have 2 credits/);
  });

  test("only refused hours waiting: joining says so, and nothing is claimed", async () => {
    const h = await createHarness({ now: START, scheme: scheme() });
    await h.sms(MAREK, `LOG 4 ${STRANGER}`);
    const parsed = parseScheme(scheme([{ name: "Kasia", phone: STRANGER, locale: "pl" }]));
    if (!parsed.ok) throw new Error("scheme");
    await importScheme(h.db, parsed.scheme, new Date(START));
    await h.sms(STRANGER, "START");
    await h.sms(STRANGER, "POLSKI");
    await h.sms(STRANGER, "Kasia");
    const text = (await h.sms(STRANGER, "TAK")).messages.join("\n");
    expect(text).not.toMatch(/są już Twoje/);
    expect(text).toMatch(
      "Nie policzono 4 godz.: zapisał je partner, którego reprezentujesz, a nikt nie przyznaje kredytów sobie.",
    );
    expect((await entriesOf(h, STRANGER)).map((e) => e.status)).toEqual(["rejected"]);
  });
});

describe("a contact logging for a colleague", () => {
  test("a member who is a contact of the same partner is refused; the others in the line go through", async () => {
    const h = await createHarness({ now: START, scheme: scheme() });
    await joinBySms(h, MAREK, "Marek");
    const reply = (await h.sms(KATE, `LOG 2 ${MAREK} ${SHARON} gardening`)).messages.join("\n");
    expect(reply).toMatch("Logged 2 h gardening, Sat 28 Nov, for 1 person: Sharon.");
    expect(reply).toMatch(
      "Not logged for Marek: they are a contact of The Staithe too, so they LOG their own hours.",
    );
    expect(await entriesOf(h, MAREK)).toEqual([]);
    expect((await entriesOf(h, SHARON)).map((e) => [e.status, e.minutes])).toEqual([["confirmed", 120]]);
    // Nor while the colleague's number is not a member yet: nothing waits for it.
    const again = (await h.sms(KATE, `LOG 2 ${MAREK}`)).messages.join("\n");
    expect(again).toMatch("Not logged for Marek");
    expect(await entriesOf(h, MAREK)).toEqual([]);
    // A contact of another partner may log for them: Ola speaks for Oasis only.
    expect((await h.sms(OLA, `LOG 1 ${MAREK}`)).messages.join("\n")).toMatch(/Marek/);
    expect((await entriesOf(h, MAREK)).map((e) => e.status)).toEqual(["confirmed"]);
  });

  test("a number not yet a member that is a colleague's contact phone is not invited", async () => {
    const h = await createHarness({ now: START, scheme: scheme() });
    const reply = (await h.sms(KATE, `LOG 2 ${MAREK}`)).messages.join("\n");
    expect(reply).toMatch(`Not logged for ${MAREK}: they are a contact of The Staithe too`);
    expect(await h.rows("SELECT * FROM members WHERE phone = ?", MAREK)).toEqual([]);
    expect(await outboxTo(h, MAREK)).toEqual([]);
  });
});

describe("a contact's YES to their own request from another channel (F3b)", () => {
  /** Kate joins as a member on Telegram and logs 5 h at her own partner; returns the request code. */
  async function kateLogsOnTelegram(h: Harness): Promise<string> {
    await tg(h, KATE_TG, "START");
    await tg(h, KATE_TG, "ENGLISH");
    await tg(h, KATE_TG, "Kate");
    await tg(h, KATE_TG, "YES");
    expect((await tg(h, KATE_TG, "LOG 5 staithe")).join("\n")).toMatch(/Recorded: 5 h at The Staithe/);
    const [entry] = await entriesOfTelegram(h, KATE_TG.id);
    return String(entry?.code);
  }

  test("YES by SMS is refused and the request stays open for Marek", async () => {
    const h = await createTelegramHarness(fakeTelegram, undefined, { now: START, scheme: scheme() });
    const code = await kateLogsOnTelegram(h);
    // The request went to Marek, not back to Kate on either channel.
    expect((await outboxTo(h, MAREK)).map((r) => r.body)).toEqual([
      `Kate: 5 godz., The Staithe, sob. 28 lis. Odpisz TAK ${code} albo NIE ${code}`,
    ]);
    expect(await outboxTo(h, KATE)).toEqual([]);

    expect((await h.sms(KATE, `YES ${code}`)).messages).toEqual([
      `You can't confirm your own hours (${code}).`,
    ]);
    expect((await entriesOfTelegram(h, KATE_TG.id)).map((e) => e.status)).toEqual(["pending"]);
    // Nor can she log confirmed hours for her member self by name from the other channel.
    expect((await h.sms(KATE, "LOG 2 Kate")).messages).toEqual([
      "Log your own hours as a volunteer, not as the partner.",
    ]);
    expect(await entriesOfTelegram(h, KATE_TG.id)).toHaveLength(1);

    expect((await h.sms(MAREK, `TAK ${code}`)).messages.join("\n")).toMatch(code);
    expect((await entriesOfTelegram(h, KATE_TG.id)).map((e) => [e.status, e.settled_by])).toEqual([
      ["confirmed", "contact:2"],
    ]);
  });

  test("a member on SMS pressing YES on Telegram, or answering in words, is refused too", async () => {
    const h = await createTelegramHarness(fakeTelegram, undefined, { now: START, scheme: scheme() });
    // Kate joins by SMS from the phone on her contact row, and logs.
    await joinBySms(h, KATE, "Kate");
    expect((await h.sms(KATE, "LOG 2 staithe")).messages.join("\n")).toMatch(/Recorded: 2 h/);
    const [entry] = await entriesOf(h, KATE);
    const code = String(entry?.code);

    const before = fakeTelegram.sent(KATE_TG.id).length;
    const press = callbackUpdate(KATE_TG, `c:${code}:y`, { message_id: 4242, text: "…" });
    expect((await postUpdate(h, press)).status).toBe(200);
    await h.flush();
    const shown = fakeTelegram
      .sent(KATE_TG.id)
      .slice(before)
      .map((m) => m.text)
      .join("\n");
    expect(shown).toMatch(`You can't confirm your own hours (${code}).`);
    expect((await tg(h, KATE_TG, `yes ${code} thanks`)).join("\n")).toMatch("own hours");
    expect((await entriesOf(h, KATE)).map((e) => e.status)).toEqual(["pending"]);
  });

  test("YES ALL confirms the others, skips their own and says so", async () => {
    const h = await createTelegramHarness(fakeTelegram, undefined, { now: START, scheme: scheme() });
    const own = await kateLogsOnTelegram(h);
    await h.sms(SHARON, "LOG 3 staithe");
    const [sharons] = await entriesOf(h, SHARON);
    const reply = (await h.sms(KATE, "YES ALL")).messages.join("\n");
    expect(reply).toMatch(`Confirmed ${sharons?.code}: Sharon`);
    expect(reply).toMatch(`Your own hours are left for another contact or the coordinator: ${own}.`);
    expect((await entriesOf(h, SHARON)).map((e) => e.status)).toEqual(["confirmed"]);
    expect((await entriesOfTelegram(h, KATE_TG.id)).map((e) => e.status)).toEqual(["pending"]);
    // A bare YES with only their own open says so too, and settles nothing.
    expect((await h.sms(KATE, "YES")).messages.join("\n")).toMatch(`Your own hours are left`);
    expect((await entriesOfTelegram(h, KATE_TG.id)).map((e) => e.status)).toEqual(["pending"]);
  });
});
