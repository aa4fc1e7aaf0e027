// Spending on Telegram, through POST /telegram with real Update JSON: the ideas come with a button
// each, a press asks how many places, YES books and gives a code, a partner contact on Telegram
// redeems it; gifts between a Telegram member and an SMS member reach each where they wrote last.
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import type { Harness } from "../support/harness.ts";
import { createTelegramHarness, type TgUser, telegramPlayer } from "../support/telegram.ts";
import { matchGolden } from "../support/transcript.ts";

const JANIS_TG: TgUser = { id: 2002, first_name: "Jānis", language_code: "lv" }; // member, also +447700900102
const ILZE_TG: TgUser = { id: 1004, first_name: "Ilze", language_code: "lv" }; // Oasis contact
const SHARON = "+447700900101"; // member, English, SMS only
const JANIS = "+447700900102";
const DAVE = "+447700900006"; // Adventure Playground: his LOG for a member is confirmed at once
const TOM = "+447700900010"; // the cinema

let fakeTwilio: FakeTwilio;
beforeAll(async () => {
  fakeTwilio = await startFakeTwilio();
});
afterAll(() => fakeTwilio.close());

async function setup() {
  const fakeTelegram: FakeTelegram = await startFakeTelegram();
  onTestFinished(() => fakeTelegram.close());
  fakeTwilio.calls.length = 0;
  const h = await createTelegramHarness(fakeTelegram, fakeTwilio);
  return { h, player: telegramPlayer(h), fakeTelegram };
}

const bookingCode = (h: Harness) => async () =>
  String((await h.rows("SELECT code FROM bookings ORDER BY id DESC LIMIT 1"))[0]?.code ?? "????");
const ledger = (h: Harness) =>
  h.rows(
    `SELECT m.name, l.kind, l.status, l.minutes, l.settled_by FROM ledger_entries l
     JOIN members m ON m.id = l.member_id ORDER BY l.id`,
  );
const bookings = (h: Harness) =>
  h.rows(
    `SELECT m.name, COALESCE(b.event_id, b.offer_id) AS item, b.places, b.minutes, b.status, b.settled_by
     FROM bookings b JOIN members m ON m.id = b.member_id ORDER BY b.id`,
  );
const contact = async (h: Harness, name: string) =>
  `contact:${(await h.rows("SELECT id FROM partner_contacts WHERE name = ?", name))[0]?.id}`;

describe("Telegram: spending", () => {
  test("PASĀKUMI shows a button per idea; a press asks places; JĀ books; Ilze redeems on Telegram; SPEND cinema, Tom by SMS", async () => {
    const { h, player, fakeTelegram } = await setup();
    const transcript = await player.play([
      { sms: DAVE, text: "LOG 5 07700900102" },
      { tg: JANIS_TG, text: "PASĀKUMI" },
      { tg: JANIS_TG, text: "VAIRĀK" },
      { tg: JANIS_TG, text: "PASĀKUMI" },
      { tg: JANIS_TG, press: "o:1" },
      { tg: JANIS_TG, text: "2" },
      { tg: JANIS_TG, text: "JĀ" },
      { tg: JANIS_TG, text: "atlikums" },
      { tg: ILZE_TG, text: async () => `REDEEM ${await bookingCode(h)()}`, at: "2026-12-04T18:02:00Z" },
      { tg: ILZE_TG, text: async () => `IZMANTOT ${await bookingCode(h)()}` },
      { tg: JANIS_TG, text: "SPEND kino" },
      { tg: JANIS_TG, text: "JĀ" },
      { sms: TOM, text: async () => `REDEEM ${await bookingCode(h)()}` },
      { tg: JANIS_TG, text: "atlikums" },
    ]);
    matchGolden("telegram-spending-lv", transcript);

    // The first list: three ideas, a button for each, stamped with the question's version.
    const first = fakeTelegram.sent(2002).find((m) => m.text.includes("Kur tos tērēt?"));
    const markup = first?.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>> } | undefined;
    const buttons = markup?.inline_keyboard ?? [];
    expect(buttons.flat().map((b) => b.text)).toEqual([
      "Ģimenes bingo",
      "Ziemassvētku rokdarbi bērniem",
      "Kopienas Ziemassvētku pusdienas",
    ]);
    expect(transcript).toMatch(/Ģimenes bingo: cik vietas\?/);
    expect(transcript).toMatch(/» tg 1004 #\d+: Izmantots \d{4}: Jānis, Ģimenes bingo, vietas: 2\./);
    expect(transcript).toMatch(/» tg 2002 #\d+: Ģimenes bingo: iztērēti 2 kredīti\. Lai patīk!/);
    expect(transcript).toMatch(/» tg 2002 #\d+: Kino biļete: iztērēti 2 kredīti\. Lai patīk!/);
    expect(transcript).toMatch(/\d{4} \(Jānis\) jau izmantots plkst\. 18:02, to izdarīja Ilze\./);
    // Jānis wrote on Telegram last, so nothing about his bookings went to his phone.
    expect(fakeTwilio.calls.filter((c) => c.to === JANIS).map((c) => c.body)).toEqual([
      "Clarkson Adventure Playground pierakstīja tev 5 st. (sestd. 28. nov.). Tev tagad ir 5 kredīti.",
    ]);
    expect(await bookings(h)).toEqual([
      {
        name: "Jānis",
        item: "bingo-dec",
        places: 2,
        minutes: 120,
        status: "redeemed",
        settled_by: await contact(h, "Ilze"),
      },
      {
        name: "Jānis",
        item: "cinema-ticket",
        places: 1,
        minutes: 120,
        status: "redeemed",
        settled_by: await contact(h, "Tom"),
      },
    ]);
    expect((await ledger(h)).map((e) => [e.kind, e.status, e.minutes])).toEqual([
      ["earning", "confirmed", 300],
      ["spend", "confirmed", -120],
      ["spend", "confirmed", -120],
    ]);
  });

  test("gifts between Jānis (Telegram and phone) and Sharon (SMS): each is told where they wrote last, in their language", async () => {
    const { h, player, fakeTelegram } = await setup();
    const transcript = await player.play([
      { sms: DAVE, text: "LOG 4 07700900102 07700900101" },
      { tg: JANIS_TG, text: "DĀVINĀT 1 07700900101" },
      { tg: JANIS_TG, text: "JĀ" },
      { sms: SHARON, text: "GIVE 2 07700900102" },
      { sms: SHARON, text: "YES" },
      // Jānis now writes by SMS: the next gift reaches him there.
      { sms: JANIS, text: "ATLIKUMS" },
      { sms: SHARON, text: "GIVE 1 Jānis" },
      { sms: SHARON, text: "YES" },
      { tg: JANIS_TG, text: "DĀVINĀT 1 Sharon" },
      { tg: JANIS_TG, text: "NĒ" },
    ]);
    matchGolden("telegram-spending-gifts", transcript);

    expect(fakeTwilio.calls.filter((c) => c.to === SHARON).map((c) => c.body)).toEqual([
      "Clarkson Adventure Playground logged 4 h for you on Sat 28 Nov. You now have 4 credits.",
      "Jānis gave you 1 credit!",
    ]);
    expect(
      fakeTelegram
        .sent(2002)
        .filter((m) => m.text.includes("uzdāvināja"))
        .map((m) => m.text),
    ).toEqual(["Sharon tev uzdāvināja 2 kredītus!"]);
    expect(fakeTwilio.calls.filter((c) => c.to === JANIS && c.body.includes("uzdāvināja"))).toEqual([
      expect.objectContaining({ body: "Sharon tev uzdāvināja 1 kredītu!" }),
    ]);
    expect(
      (await ledger(h)).filter((e) => e.kind === "gift").map((e) => [e.name, e.status, e.minutes]),
    ).toEqual([
      ["Jānis", "confirmed", -60],
      ["Sharon", "confirmed", 60],
      ["Sharon", "confirmed", -120],
      ["Jānis", "confirmed", 120],
      ["Sharon", "confirmed", -60],
      ["Jānis", "confirmed", 60],
    ]);
    expect(await bookings(h)).toEqual([]);
    expect(await h.rows("SELECT name, last_channel FROM members ORDER BY id")).toEqual([
      { name: "Sharon", last_channel: "sms" },
      { name: "Anna", last_channel: null },
      { name: "Jānis", last_channel: "telegram" },
    ]);
  });
});

describe("Telegram: opportunities and partner events", () => {
  test("VOLUNTEER, a partner's EVENT by Telegram, TIPS on and the weekly idea on Telegram", async () => {
    const { h, player } = await setup();
    const transcript = await player.play([
      { tg: JANIS_TG, text: "BRĪVPRĀTĪGI" },
      { tg: ILZE_TG, text: "PASĀKUMS 3.12 17:00 Latviešu vakars 1 20" },
      { tg: JANIS_TG, text: "PASĀKUMI" },
      { sms: DAVE, text: "LOG 6 07700900102" },
      { tg: JANIS_TG, text: "IETEIKUMI" },
      { tick: true, at: "2026-11-30T10:00:00Z" },
      { tick: true, at: "2026-12-01T10:00:00Z" },
    ]);
    matchGolden("telegram-opportunities", transcript);
    expect(transcript).toContain("Mājasdarbu klubs");
    expect(transcript).toContain("Latviešu vakars");
    expect(await h.rows("SELECT nudges FROM members WHERE telegram_id = 2002")).toEqual([{ nudges: 1 }]);
    // The weekly idea went out once, on Telegram where Jānis wrote last.
    expect(transcript.match(/Tev ir 6 kredīti\. Ideja:/g)).toHaveLength(1);
  });
});
