// Plain-letters SMS: PLAIN / BEZ POLSKICH ZNAKÓW / BEZ GARUMZĪMĒM turn a member's SMS into text
// without diacritics (GSM-7, 160 characters a segment instead of 70), for the replies in the TwiML
// answer and for everything the outbox sends them (partner confirmations, expiry notices). Telegram
// is not affected. PLAIN OFF / Z POLSKIMI ZNAKAMI / AR GARUMZĪMĒM turn it off.
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { renderMessages } from "../../src/channels/render-text.ts";
import { LOCALES, type MessageKey, type Reply } from "../../src/core/types.ts";
import { createI18n, resources } from "../../src/i18n/index.ts";
import { countSegments } from "../../src/lib/segments.ts";
import { startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { createTelegramHarness, type TgUser, telegramPlayer } from "../support/telegram.ts";
import { latestCode, matchGolden, play } from "../support/transcript.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian, also Telegram 2002
const KATE = "+447700900001"; // The Staithe, English
const ILZE = "+447700900004"; // Oasis, Latvian
const JANIS_TG: TgUser = { id: 2002, first_name: "Jānis", language_code: "lv" };

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

async function harness(): Promise<Harness> {
  fake.calls.length = 0;
  return createHarness({ env: { TWILIO_API_URL: fake.url } });
}

const plainOf = async (h: Harness, phone: string) =>
  (await h.rows("SELECT plain_sms AS p FROM members WHERE phone = ?", phone))[0]?.p;

/** No Polish or Latvian letter, and GSM-7 all through. */
function expectPlain(text: string): void {
  expect(text).not.toMatch(/[ąćęłńóśźżĄĆĘŁŃÓŚŹŻāčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ]/);
  expect(countSegments(text).encoding).toBe("GSM-7");
}

describe("turning it on and off, in each language", () => {
  test.each([
    [ANNA, "BEZ POLSKICH ZNAKÓW", "Dobrze: SMS-y bez polskich znakow. Z POLSKIMI ZNAKAMI - przywroc."],
    [ANNA, "bez polskich znakow", "Dobrze: SMS-y bez polskich znakow. Z POLSKIMI ZNAKAMI - przywroc."],
    [JANIS, "BEZ GARUMZĪMĒM", "Labi: iszinas bez garumzimem. AR GARUMZIMEM - atjaunot."],
    [JANIS, "bez garumzimem", "Labi: iszinas bez garumzimem. AR GARUMZIMEM - atjaunot."],
    [SHARON, "PLAIN", "OK: your texts now come in plain letters, no accents. PLAIN OFF undoes it."],
  ])("%s: %s is confirmed in plain letters and stored", async (phone, word, confirmation) => {
    const h = await harness();
    expect(await plainOf(h, phone)).toBe(0);
    const { messages } = await h.sms(phone, word);
    // The first message of a registered member is greeted by name; the confirmation ends it.
    expect(messages.join("\n").endsWith(confirmation)).toBe(true);
    expectPlain(messages.join("\n"));
    expect(await plainOf(h, phone)).toBe(1);
  });

  test.each([
    [ANNA, "Z POLSKIMI ZNAKAMI", "Dobrze: SMS-y znów z polskimi znakami. BEZ POLSKICH ZNAKÓW - wyłącz."],
    [ANNA, "BEZ POLSKICH ZNAKÓW NIE", "Dobrze: SMS-y znów z polskimi znakami. BEZ POLSKICH ZNAKÓW - wyłącz."],
    [JANIS, "ar garumzimem", "Labi: īsziņas atkal ar garumzīmēm. BEZ GARUMZĪMĒM - izslēgt."],
    [JANIS, "BEZ GARUMZĪMĒM NĒ", "Labi: īsziņas atkal ar garumzīmēm. BEZ GARUMZĪMĒM - izslēgt."],
    [SHARON, "PLAIN OFF", "OK: your texts come with accents again. PLAIN for plain letters."],
  ])("%s: %s turns it off; from then on the letters come back", async (phone, word, confirmation) => {
    const h = await harness();
    await h.sms(phone, "PLAIN");
    expect(await plainOf(h, phone)).toBe(1);
    expect((await h.sms(phone, word)).messages).toEqual([confirmation]);
    expect(await plainOf(h, phone)).toBe(0);
  });

  test("every word works for everyone: a Polish member may say PLAIN, a Latvian one BEZ POLSKICH ZNAKÓW", async () => {
    const h = await harness();
    expect((await h.sms(ANNA, "plain")).messages.join("\n")).toContain("SMS-y bez polskich znakow");
    expect((await h.sms(JANIS, "BEZ POLSKICH ZNAKÓW")).messages.join("\n")).toContain(
      "iszinas bez garumzimem",
    );
    expect(await h.rows("SELECT name, plain_sms FROM members WHERE plain_sms = 1 ORDER BY name")).toEqual([
      { name: "Anna", plain_sms: 1 },
      { name: "Jānis", plain_sms: 1 },
    ]);
  });

  test("a retried webhook gets the same plain answer and changes nothing more", async () => {
    const h = await harness();
    const first = await h.sms(ANNA, "BEZ POLSKICH ZNAKOW", { sid: `SM${"7".repeat(32)}` });
    const again = await h.sms(ANNA, "BEZ POLSKICH ZNAKOW", { sid: `SM${"7".repeat(32)}` });
    expect(again.messages).toEqual(first.messages);
    expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual([{ n: 1 }]);
  });
});

describe("every SMS to the member is plain, and more fits", () => {
  test("Polish: replies, the partner's confirmation and the expiry notice come without diacritics", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        { from: ANNA, text: "BEZ POLSKICH ZNAKÓW" },
        { from: ANNA, text: "GODZINY 3 staithe ogrodnictwo" },
        { from: KATE, text: async () => `YES ${await latestCode(h, "staithe")()}` },
        { from: ANNA, text: "saldo" },
        { from: ANNA, text: "godziny" },
        { from: ANNA, text: "GODZINY 2 oasis" },
        { from: ANNA, text: "pomoc" },
        { tick: true, from: "", text: "", at: "2026-12-14T12:00:00Z" },
        { from: ANNA, text: "Z POLSKIMI ZNAKAMI" },
        { from: ANNA, text: "pomoc" },
      ],
      fake,
    );
    matchGolden("plain-letters-pl", transcript);
    const toAnna = fake.calls.filter((c) => c.to === ANNA).map((c) => c.body);
    // Confirmed by Kate, and the Oasis request expired: both told to Anna in plain letters.
    expect(toAnna).toHaveLength(2);
    expect(toAnna[0]).toMatch(/^The Staithe potwierdza 3 godz\. \(sob\. 28 lis\)\. Masz teraz 3 kredyty\./);
    for (const body of toAnna) expectPlain(body);
    // The partner's own messages are not the member's: Marek still gets his Polish letters.
    expect(fake.calls.find((c) => c.to === "+447700900002")?.body).toMatch(/Odpisz TAK \d{3} albo NIE/);
    expect(fake.calls.find((c) => c.to === "+447700900002")?.body).toContain("godz.");
    // The partner list is not shortened: in GSM-7 the whole of "Oasis Community Centre" fits.
    expect(transcript).toContain("< 2 Oasis Community Centre");
    // Once off, the letters are back.
    expect(transcript.trimEnd().endsWith("JĘZYK - zmiana. BEZ OGONKÓW - bez ą, ę. STOP - wypisz się.")).toBe(
      true,
    );
  });

  test("Latvian: the same loop with Ilze confirming in Latvian", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        { from: JANIS, text: "bez garumzimem" },
        { from: JANIS, text: "STUNDAS 1h30 oasis vakar" },
        { from: ILZE, text: async () => `JĀ ${await latestCode(h, "oasis")()}` },
        { from: JANIS, text: "atlikums" },
        { from: JANIS, text: "vēsture" },
        { from: JANIS, text: "palīdzība" },
        { from: JANIS, text: "AR GARUMZĪMĒM" },
        { from: JANIS, text: "atlikums" },
      ],
      fake,
    );
    matchGolden("plain-letters-lv", transcript);
    const toJanis = fake.calls.filter((c) => c.to === JANIS).map((c) => c.body);
    expect(toJanis).toHaveLength(1);
    for (const body of toJanis) expectPlain(body);
    // Measured in GSM-7, the confirmation has room for the spending idea UCS-2 would leave out; only
    // the plain rendering was queued for him.
    expect(toJanis[0]).toContain("Ideja:\nGimenes bingo, piektd. 4. dec. 18:00");
    expect(await h.rows("SELECT COUNT(*) AS n FROM outbox WHERE address = ?", JANIS)).toEqual([{ n: 1 }]);
    // Ilze, a partner's contact, keeps her Latvian letters.
    expect(fake.calls.find((c) => c.to === ILZE)?.body).toMatch(/Atbildi JĀ \d{3} vai NĒ/);
    // Every reply to Jānis before he turned it off (Ilze's own replies keep their letters).
    const beforeOff = transcript.split("> AR GARUMZĪMĒM")[0] ?? "";
    const toHim = beforeOff.split("# ").filter((section) => section.startsWith(JANIS));
    expect(toHim).toHaveLength(2);
    for (const section of toHim)
      for (const line of section.split("\n").filter((l) => l.startsWith("< "))) expectPlain(line);
    expect(transcript.trimEnd().endsWith("< Tev ir 1,5 kredīti.")).toBe(true);
  });

  test("on Telegram nothing changes: Jānis's Telegram replies keep their letters, his SMS do not", async () => {
    const fakeTelegram = await startFakeTelegram();
    onTestFinished(() => fakeTelegram.close());
    fake.calls.length = 0;
    const h = await createTelegramHarness(fakeTelegram, fake);
    const player = telegramPlayer(h);
    await player.play([{ tg: JANIS_TG, text: "BEZ GARUMZĪMĒM" }]);
    expect(fakeTelegram.sent(JANIS_TG.id).at(-1)?.text).toContain(
      "Labi: īsziņas bez garumzīmēm. AR GARUMZĪMĒM - atjaunot.",
    );
    expect(await plainOf(h, JANIS)).toBe(1);
    await player.play([{ tg: JANIS_TG, text: "atlikums" }]);
    expect(fakeTelegram.sent(JANIS_TG.id).at(-1)?.text).toBe("Tev ir 0 kredītu.");
    const sms = (await h.sms(JANIS, "atlikums")).messages.join("\n");
    expect(sms.endsWith("Tev ir 0 kreditu.")).toBe(true);
    expectPlain(sms);
  });
});

describe("rendering for plain letters", () => {
  const { t } = createI18n();
  const keys = (value: unknown, prefix = ""): string[] =>
    Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      v && typeof v === "object" ? keys(v, prefix ? `${prefix}.${k}` : k) : [prefix ? `${prefix}.${k}` : k],
    );
  const templates = [
    ...new Set(
      keys(resources.en.bot)
        .filter((k) => !k.startsWith("telegram."))
        .map((k) => k.replace(/_(zero|one|two|few|many|other)$/, "") as MessageKey),
    ),
  ];

  test.each(LOCALES)("every %s template goes out in GSM-7, within 2 segments", (locale) => {
    const params = { name: "Żaneta-Līga", scheme: "Wisbech Time Credits", what: "Sprzątanie", count: 2 };
    for (const key of templates) {
      for (const message of renderMessages(t, locale, { key, params }, 2, { plainLetters: true })) {
        expect(countSegments(message), `${locale}:${key} "${message}"`).toMatchObject({ encoding: "GSM-7" });
        expect(countSegments(message).segments).toBeLessThanOrEqual(2);
      }
    }
  });

  test("the budget is counted on the plain text: a Polish list that must be shortened in UCS-2 is not", () => {
    const names = ["Ośrodek Społeczności Łąkowej", "Świetlica Żółtego Źródła", "Przedszkole Ćmielów Nowy"];
    const reply: Reply = {
      key: "log.askPartner",
      options: names.map((text, i) => ({ n: i + 1, text })),
      also: [{ key: "join.volunteered" }],
    };
    const full = renderMessages(t, "pl", reply).join("\n");
    const plain = renderMessages(t, "pl", reply, 2, { plainLetters: true });
    expect(full).not.toContain("Swietlica Zoltego Zrodla");
    expect(plain).toHaveLength(1);
    expect(plain[0]).toContain("2 Swietlica Zoltego Zrodla");
    expect(plain[0]).toContain("1 Osrodek Spolecznosci Lakowej");
  });
});
