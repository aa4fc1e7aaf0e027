// "Have you volunteered before?": asked once as a newcomer joins, on SMS and Telegram, in their
// language; answered with YES/NO words of any language or 1/2, kept in members.volunteered_before.
// Any other answer leaves it NULL, is handled as usual and is never followed by the question again.
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { countSegments } from "../../src/lib/segments.ts";
import { countingDb } from "../support/counting-db.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { createTelegramHarness, type TgUser, telegramPlayer } from "../support/telegram.ts";

const ANNA = "+447700900100"; // registered by the coordinator in the demo scheme, Polish
const DAVE = "+447700900006"; // Adventure Playground's contact: his LOG for a number invites it

let n = 0;
/** A new number for each newcomer, so one harness serves many. */
const newNumber = () => `+4477009006${String(++n).padStart(2, "0")}`;

const volunteered = async (h: Harness, phone: string) =>
  (await h.rows("SELECT volunteered_before AS v FROM members WHERE phone = ?", phone))[0]?.v;

/** Joins by SMS in a language (1 English, 2 Polish, 3 Latvian); returns the joining replies. */
async function join(h: Harness, phone: string, language: 1 | 2 | 3, name: string): Promise<string[]> {
  await h.sms(phone, "Hello");
  await h.sms(phone, String(language));
  await h.sms(phone, name);
  const yes = ["YES", "TAK", "JĀ"][language - 1] as string;
  const { messages } = await h.sms(phone, yes);
  return messages;
}

const THANKS_YES = "Thanks! Text LOG to log hours, BALANCE to see your credits, MENU for more.";
const THANKS_NO =
  "Thanks, and welcome to volunteering! Text LOG to log hours, BALANCE to see your credits, MENU for more.";
const PL_THANKS_NO =
  "Dziękujemy i witamy w wolontariacie! GODZINY - zapisz godziny, SALDO - kredyty, MENU - więcej.";
const LV_THANKS_YES = "Paldies! STUNDAS - pierakstīt, ATLIKUMS - kredīti, MENU - vairāk.";

const QUESTION = {
  en: "Have you volunteered before?\n1 Yes\n2 No",
  pl: "Czy masz już doświadczenie w wolontariacie?\n1 Tak\n2 Nie",
  lv: "Vai tev jau ir brīvprātīgā darba pieredze?\n1 Jā\n2 Nē",
};

describe("asked once at joining, by SMS, in the member's language", () => {
  test.each([
    [1, "en", "Dave", "yes", 1, THANKS_YES],
    [2, "pl", "Kasia", "NIE", 0, PL_THANKS_NO],
    [3, "lv", "Līga", "jā", 1, LV_THANKS_YES],
  ] as const)(
    "language %i (%s): the welcome asks, %s answers %s",
    async (language, locale, name, answer, stored, thanks) => {
      const h = await createHarness();
      const phone = newNumber();
      const welcome = await join(h, phone, language, name);
      // One SMS: the welcome and the question, within the 2-segment budget.
      expect(welcome).toHaveLength(1);
      expect(welcome[0]).toContain(name);
      expect(welcome[0]?.endsWith(QUESTION[locale])).toBe(true);
      expect(countSegments(welcome[0] ?? "").segments).toBeLessThanOrEqual(2);
      expect(await volunteered(h, phone)).toBeNull();
      expect((await h.sms(phone, answer)).messages).toEqual([thanks]);
      expect(await volunteered(h, phone)).toBe(stored);
      // Asked once: a later YES is not taken as an answer again, and changes nothing.
      const later = await h.sms(phone, language === 1 ? "no" : "2");
      expect(later.messages.join("\n")).not.toContain(thanks);
      expect(await volunteered(h, phone)).toBe(stored);
    },
  );

  test("a long name in Polish and Latvian still fits two segments with the question", async () => {
    const h = await createHarness();
    for (const language of [2, 3] as const) {
      const phone = newNumber();
      const [welcome = ""] = await join(h, phone, language, "Aleksandra-Magdalena Żółkiewska");
      expect(countSegments(welcome)).toMatchObject({ encoding: "UCS-2" });
      expect(countSegments(welcome).segments).toBeLessThanOrEqual(2);
      expect(welcome.endsWith(QUESTION[language === 2 ? "pl" : "lv"])).toBe(true);
    }
  });

  test.each([
    ["YES", 1],
    ["Y", 1],
    ["1", 1],
    ["Yes, many times", 1],
    ["NO", 0],
    ["n", 0],
    ["2", 0],
    ["TAK", 1],
    ["tak!", 1],
    ["NIE", 0],
    ["JĀ", 1],
    ["JA", 1],
    ["NĒ", 0],
    ["ne", 0],
  ])("%s is stored as %i, whatever the member's language", async (word, stored) => {
    const h = await createHarness();
    const phone = newNumber();
    await join(h, phone, 1, "Sam");
    const { messages } = await h.sms(phone, word);
    expect(messages).toEqual([stored ? THANKS_YES : THANKS_NO]);
    expect(await volunteered(h, phone)).toBe(stored);
  });
});

describe("it never gets in the way", () => {
  test("a one-line log straight after joining is recorded; the question is dropped, not asked again", async () => {
    const h = await createHarness();
    const phone = newNumber();
    await join(h, phone, 1, "Dave");
    const log = await h.sms(phone, "LOG 2 staithe");
    expect(log.messages).toEqual([
      "Recorded: 2 h at The Staithe, Sat 28 Nov. Waiting for The Staithe to confirm.",
    ]);
    expect(await h.rows("SELECT minutes, partner_id, status FROM ledger_entries")).toEqual([
      { minutes: 120, partner_id: "staithe", status: "pending" },
    ]);
    // A YES now is not an answer to the dropped question.
    const yes = await h.sms(phone, "YES");
    expect(yes.messages.join("\n")).toMatch(/^Sorry, I didn't get that/);
    expect(await volunteered(h, phone)).toBeNull();
    expect(await h.rows("SELECT state FROM conversations WHERE address = ?", `sms:${phone}`)).toEqual([
      { state: "idle" },
    ]);
  });

  test.each([
    ["SALDO", /^Masz 0 kredytów\.$/],
    ["3", /Na co je wydać\?/],
    ["cześć", /^Nie rozumiem\. Odpisz numerem:/],
  ])("in Polish, %s is handled as usual and leaves the answer empty", async (text, reply) => {
    const h = await createHarness();
    const phone = newNumber();
    await join(h, phone, 2, "Ola");
    const { messages } = await h.sms(phone, text);
    expect(messages.join("\n")).toMatch(reply);
    expect(await volunteered(h, phone)).toBeNull();
  });

  test("a newcomer whose first message was a Polish one-line log: log, then the question", async () => {
    const h = await createHarness();
    const phone = newNumber();
    await h.sms(phone, "GODZINY 2,5 staithe wczoraj");
    await h.sms(phone, "Kasia");
    const { messages } = await h.sms(phone, "TAK");
    const all = messages.join("\n");
    expect(all).toContain("Zapisano: 2,5 godz., The Staithe");
    expect(all.endsWith(QUESTION.pl)).toBe(true);
    for (const m of messages) expect(countSegments(m).segments).toBeLessThanOrEqual(2);
    expect((await h.sms(phone, "2")).messages).toEqual([PL_THANKS_NO]);
    expect(await volunteered(h, phone)).toBe(0);
  });

  test("an unanswered question lapses quietly after 30 minutes", async () => {
    const h = await createHarness();
    const phone = newNumber();
    await join(h, phone, 3, "Jānis");
    h.setNow("2026-11-28T12:45:00Z");
    const { messages } = await h.sms(phone, "jā");
    expect(messages.join("\n")).not.toMatch(/Atbildes laiks beidzās|Paldies/);
    expect(await volunteered(h, phone)).toBeNull();
  });

  test("answering costs one read and one write round trip", async () => {
    const h = await createHarness({ fetch: async () => new Response("{}", { status: 500 }) });
    const db = countingDb(h.db);
    h.deps.db = db;
    const phone = newNumber();
    await join(h, phone, 1, "Ann");
    await h.flush();
    db.reset();
    await h.sms(phone, "YES");
    const trips = db.trips.filter((t) => !t.sql.some((s) => /^\s*UPDATE outbox\b/i.test(s)));
    expect(trips.map((t) => t.kind)).toEqual(["read", "write"]);
    expect(await volunteered(h, phone)).toBe(1);
  });
});

describe("who is asked", () => {
  test("a number a partner invited is asked when it joins; a member registered in the scheme file is not", async () => {
    const h = await createHarness();
    const invited = newNumber();
    await h.sms(DAVE, `LOG 3 ${invited}`);
    await h.sms(invited, "Hello");
    await h.sms(invited, "1");
    await h.sms(invited, "Tom");
    const welcome = (await h.sms(invited, "YES")).messages.join("\n");
    expect(welcome).toContain("Credits waiting for you are now yours: 3 credits.");
    expect(welcome.endsWith(QUESTION.en)).toBe(true);
    await h.sms(invited, "no");
    expect(await volunteered(h, invited)).toBe(0);

    // Anna was registered by the coordinator: greeted by name, answered, and not asked.
    const anna = (await h.sms(ANNA, "SALDO")).messages.join("\n");
    expect(anna).toContain("Anna");
    expect(anna).not.toContain("wolontariacie");
    expect(await volunteered(h, ANNA)).toBeNull();
  });
});

describe("on Telegram, with Yes/No buttons", () => {
  let fakeTwilio: FakeTwilio;
  beforeAll(async () => {
    fakeTwilio = await startFakeTwilio();
  });
  afterAll(() => fakeTwilio.close());

  async function setup() {
    const fakeTelegram: FakeTelegram = await startFakeTelegram();
    onTestFinished(() => fakeTelegram.close());
    const h = await createTelegramHarness(fakeTelegram, fakeTwilio);
    return { h, player: telegramPlayer(h), fakeTelegram };
  }

  const byTelegram = async (h: Harness, user: TgUser) =>
    (await h.rows("SELECT volunteered_before AS v FROM members WHERE telegram_id = ?", user.id))[0]?.v;

  test.each([
    [{ id: 7001239001, first_name: "Dave", language_code: "en" }, "yes", "Yes", "No", "o:1", 1, THANKS_YES],
    [
      { id: 7001239002, first_name: "Kasia", language_code: "pl" },
      "TAK",
      "Tak",
      "Nie",
      "o:2",
      0,
      PL_THANKS_NO,
    ],
    [{ id: 7001239003, first_name: "Inese", language_code: "lv" }, "jā", "Jā", "Nē", "o:1", 1, LV_THANKS_YES],
  ] as const)(
    "%o: the welcome keeps the share button, the question has buttons",
    async (user, yes, yesLabel, noLabel, press, stored, thanks) => {
      const { h, player, fakeTelegram } = await setup();
      await player.play([
        { tg: user, text: "/start" },
        { tg: user, text: user.first_name },
        { tg: user, text: yes },
      ]);
      const sent = fakeTelegram.sent(user.id);
      const [welcome, question] = sent.slice(-2);
      expect(welcome?.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }]] });
      const markup = question?.reply_markup as
        | { inline_keyboard: Array<Array<{ text: string }>> }
        | undefined;
      const buttons = markup?.inline_keyboard ?? [];
      expect(buttons.map((row) => row.map((b) => b.text))).toEqual([[yesLabel], [noLabel]]);
      expect(await byTelegram(h, user)).toBeNull();
      await player.play([{ tg: user, press }]);
      expect(fakeTelegram.sent(user.id).at(-1)).toMatchObject({ method: "editMessageText", text: thanks });
      expect(await byTelegram(h, user)).toBe(stored);
    },
  );

  test("a command instead of an answer is handled, and the old buttons no longer answer", async () => {
    const { h, player, fakeTelegram } = await setup();
    const user: TgUser = { id: 7001239004, first_name: "Ola", language_code: "pl" };
    await player.play([
      { tg: user, text: "/start" },
      { tg: user, text: "Ola" },
      { tg: user, text: "TAK" },
      { tg: user, text: "SALDO" },
    ]);
    expect(fakeTelegram.sent(user.id).at(-1)?.text).toBe("Masz 0 kredytów.");
    // The Tak button of the question, pressed late, shows the menu instead of answering.
    await player.play([{ tg: user, press: "o:1" }]);
    expect(fakeTelegram.sent(user.id).at(-1)?.text).toMatch(/^Wybierz:/);
    expect(await byTelegram(h, user)).toBeNull();
  });
});
