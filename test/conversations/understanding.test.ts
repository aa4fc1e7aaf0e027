// People texting in their own words, in three languages, through POST /sms: what they receive and
// what the ledger holds. The command words keep working beside them (the other transcripts).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness } from "../support/harness.ts";
import { roomyDemoScheme } from "../support/roomy-scheme.ts";
import { latestCode, matchGolden, play } from "../support/transcript.ts";

const SHARON = "+447700900101"; // English member
const ANNA = "+447700900100"; // Polish member
const JANIS = "+447700900102"; // Latvian member
const KATE = "+447700900001"; // The Staithe's contact, English
const MAREK = "+447700900002"; // The Staithe's contact, Polish
const ILZE = "+447700900004"; // Oasis's contact, Latvian

/** The code of the newest booking, for a turn that answers with it. */
const latestBooking = async (h: Awaited<ReturnType<typeof createHarness>>) =>
  String((await h.rows("SELECT code FROM bookings ORDER BY id DESC LIMIT 1"))[0]?.code ?? "");

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

const entries = (h: Awaited<ReturnType<typeof createHarness>>, phone: string) =>
  h.rows(
    `SELECT l.minutes, l.partner_id, l.activity, l.day, l.kind FROM ledger_entries l
     JOIN members m ON m.id = l.member_id WHERE m.phone = ? ORDER BY l.id`,
    phone,
  );

describe("understood in natural words", () => {
  test("English: balance, hours in a sentence, a place it doesn't know, events, help, language, stop", async () => {
    // Several hours logged before any is confirmed: the newcomer's cap is not the subject here.
    const h = await createHarness({ scheme: roomyDemoScheme() });
    const say = (text: string) => ({ from: SHARON, text });
    const transcript = await play(h, [
      say("what's my balance pls"),
      say("did 2 hrs at the playground"),
      say("I was at riverside for 3 hours this morning"),
      say("1"),
      say("half an hour kitchen at the hostel yesterday"),
      say("an hour and a half at oasis 👍"),
      say("how many credits do I have left"),
      say("what's happening this weekend"),
      say("how do i use this"),
      say("blance"),
      say("hostel?"),
      say("1"),
      say("can you write in polish"),
      say("in English"),
      say("stop sending me messages"),
      say("START"),
    ]);
    matchGolden("understanding-en", transcript);
    expect(await entries(h, SHARON)).toEqual([
      { minutes: 120, partner_id: "playground", activity: null, day: "2026-11-28", kind: "earning" },
      { minutes: 180, partner_id: "staithe", activity: null, day: "2026-11-28", kind: "earning" },
      { minutes: 30, partner_id: "staithe", activity: "kitchen", day: "2026-11-27", kind: "earning" },
      { minutes: 90, partner_id: "oasis", activity: null, day: "2026-11-28", kind: "earning" },
    ]);
    expect(transcript).toContain('I don\'t know "riverside"');
    expect(transcript).not.toContain("Sorry, I didn't get that");
    // A place alone is nearly understood: one short question, not the menu.
    expect(transcript).toContain("> hostel?\n< Did you mean? Reply with a number:\n< 1 Log hours");
  });

  test("Polish: greetings in front, inflected places, amounts in words, typos, no diacritics", async () => {
    // Several hours logged before any is confirmed: the newcomer's cap is not the subject here.
    const h = await createHarness({ scheme: roomyDemoScheme() });
    const say = (text: string) => ({ from: ANNA, text });
    const transcript = await play(h, [
      say("Cześć, sprawdzisz mi saldo?"),
      say("byłem 2 godziny w hostelu"),
      say("półtorej godziny w hostelu wczoraj"),
      say("dwie i pół godziny oasis 28 lis"),
      say("godzinke w szkole"),
      say("saldp"),
      say("ile mam teraz kredytow"),
      say("GODZINY 1 staithe"),
      say("co sie dzieje w weekend"),
      say("jak to dziala"),
      say("wypisz mnie"),
      say("START"),
    ]);
    matchGolden("understanding-pl", transcript);
    expect(await entries(h, ANNA)).toEqual([
      { minutes: 120, partner_id: "staithe", activity: null, day: "2026-11-28", kind: "earning" },
      { minutes: 90, partner_id: "staithe", activity: null, day: "2026-11-27", kind: "earning" },
      { minutes: 150, partner_id: "oasis", activity: null, day: "2026-11-28", kind: "earning" },
      { minutes: 60, partner_id: "academy", activity: null, day: "2026-11-28", kind: "earning" },
      { minutes: 60, partner_id: "staithe", activity: null, day: "2026-11-28", kind: "earning" },
    ]);
    expect(transcript).not.toContain("Nie rozumiem");
  });

  test("Latvian: questions, hours in a sentence, case endings, doubled vowels, stop in words", async () => {
    // Several hours logged before any is confirmed: the newcomer's cap is not the subject here.
    const h = await createHarness({ scheme: roomyDemoScheme() });
    const say = (text: string) => ({ from: JANIS, text });
    const transcript = await play(h, [
      say("cik kredītu man palicis"),
      say("strādāju 3 stundas playground"),
      say("pusstundu hostelī vakar"),
      say("pusotru stundu oasis"),
      say("atlikumz"),
      say("kāds man atlikums"),
      say("paliidziiba"),
      say("vairs nesūtiet ziņas"),
      say("START"),
    ]);
    matchGolden("understanding-lv", transcript);
    expect(await entries(h, JANIS)).toEqual([
      { minutes: 180, partner_id: "playground", activity: null, day: "2026-11-28", kind: "earning" },
      { minutes: 30, partner_id: "staithe", activity: null, day: "2026-11-27", kind: "earning" },
      { minutes: 90, partner_id: "oasis", activity: null, day: "2026-11-28", kind: "earning" },
    ]);
    expect(await h.rows("SELECT opted_out FROM members WHERE phone = ?", JANIS)).toEqual([{ opted_out: 0 }]);
  });
});

describe("answers in context", () => {
  test("newcomers give their name in a sentence, and the language comes with it", async () => {
    const h = await createHarness();
    const transcript = await play(h, [
      { from: "+447700900601", text: "Mam na imię Marek" },
      { from: "+447700900601", text: "no dobra" },
      { from: "+447700900602", text: "Labdien" },
      { from: "+447700900602", text: "Mani sauc Līga" },
      { from: "+447700900602", text: "piekrītu" },
      { from: "+447700900603", text: "Cześć" },
      { from: "+447700900603", text: "Jestem Kasia" },
      { from: "+447700900603", text: "zgoda" },
      { from: "+447700900604", text: "hi" },
      { from: "+447700900604", text: "1" },
      { from: "+447700900604", text: "my name is Dave" },
      { from: "+447700900604", text: "sure" },
    ]);
    matchGolden("understanding-join", transcript);
    expect(
      await h.rows("SELECT name, locale FROM members WHERE phone LIKE '+44770090060%' ORDER BY phone"),
    ).toEqual([
      { name: "Marek", locale: "pl" },
      { name: "Līga", locale: "lv" },
      { name: "Kasia", locale: "pl" },
      { name: "Dave", locale: "en" },
    ]);
  });

  test("a bare Polish 'no' is asked about once, never acted on; 'no dobra' is yes", async () => {
    const h = await createHarness();
    const say = (text: string) => ({ from: ANNA, text });
    const transcript = await play(h, [say("USUŃ MNIE"), say("no"), say("nie")]);
    // "no" and then "nie": nothing deleted.
    expect(await h.rows("SELECT name FROM members WHERE phone = ?", ANNA)).toEqual([{ name: "Anna" }]);
    const more = await play(h, [say("USUŃ MNIE"), say("nie wiem"), say("no dobra")]);
    matchGolden("understanding-yes-no-pl", `${transcript}${more}`);
    // "nie wiem" asked again; "no dobra" is yes: Anna is erased.
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE phone = ?", ANNA)).toEqual([{ n: 0 }]);
  });
});

describe("partners answer in their own words", () => {
  test("Polish and Latvian staff confirm and turn down with their own verbs", async () => {
    fake.calls.length = 0;
    const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
    const transcript = await play(
      h,
      [
        { from: ANNA, text: "byłam 2 godziny w hostelu" },
        { from: MAREK, text: async () => `potwierdzam ${await latestCode(h, "staithe")()}` },
        { from: JANIS, text: "vakar biju oasis 3 stundas" },
        { from: ILZE, text: async () => `noraidu ${await latestCode(h, "oasis")()} viņš nebija` },
      ],
      fake,
    );
    matchGolden("understanding-partners", transcript);
    expect(
      await h.rows("SELECT minutes, partner_id, status, reason FROM ledger_entries ORDER BY id"),
    ).toEqual([
      { minutes: 120, partner_id: "staithe", status: "confirmed", reason: null },
      { minutes: 180, partner_id: "oasis", status: "rejected", reason: "viņš nebija" },
    ]);
  });
});

describe("every task in words", () => {
  test("English: booking by name, answering in words, cancelling, history, check in and out, giving", async () => {
    fake.calls.length = 0;
    const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
    const say = (text: string | (() => Promise<string>)) => ({ from: SHARON, text });
    const transcript = await play(
      h,
      [
        say("did 4 hours at the hostel"),
        { from: KATE, text: async () => `yes ${await latestCode(h, "staithe")()}` },
        say("I'd like to go to the family bingo"),
        say("2"),
        say("yes please"),
        say("what have i done so far"),
        say(async () => `can't make it, cancel ${await latestBooking(h)}`),
        say("I'm here at the staithe"),
        say("leaving now"),
        say("where can i volunteer"),
        say("give 1 credit to 07700 900100"),
        say("sure"),
        say("what do you keep about me"),
      ],
      fake,
    );
    matchGolden("understanding-tasks-en", transcript);
    expect(
      await h.rows("SELECT kind, minutes, status FROM ledger_entries WHERE kind != 'earning' ORDER BY id"),
    ).toEqual([
      { kind: "spend", minutes: -120, status: "released" },
      { kind: "gift", minutes: -60, status: "confirmed" },
      { kind: "gift", minutes: 60, status: "confirmed" },
    ]);
    expect(await h.rows("SELECT status FROM bookings")).toEqual([{ status: "cancelled" }]);
  });

  test("Polish and Latvian: booking by name, no dobra, cancelling, giving, history, in their own words", async () => {
    fake.calls.length = 0;
    const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
    const transcript = await play(
      h,
      [
        { from: ANNA, text: "pomagałam 3 godziny w hostelu" },
        { from: MAREK, text: async () => `ok ${await latestCode(h, "staithe")()}` },
        { from: ANNA, text: "zapisz mnie na bingo" },
        { from: ANNA, text: "1" },
        { from: ANNA, text: "no dobra" },
        { from: ANNA, text: async () => `odwołaj ${await latestBooking(h)}` },
        { from: ANNA, text: "na co wydałam kredyty" },
        { from: ANNA, text: "daj 1 kredyt 07700900102" },
        { from: ANNA, text: "jasne" },
        { from: JANIS, text: "paldies! kāds man atlikums?" },
        { from: JANIS, text: "ko es esmu pierakstījis" },
      ],
      fake,
    );
    matchGolden("understanding-tasks-pl-lv", transcript);
    expect(
      await h.rows("SELECT kind, minutes, status FROM ledger_entries WHERE kind != 'earning' ORDER BY id"),
    ).toEqual([
      { kind: "spend", minutes: -60, status: "released" },
      { kind: "gift", minutes: -60, status: "confirmed" },
      { kind: "gift", minutes: 60, status: "confirmed" },
    ]);
  });
});

test("a newcomer asked in Polish who answers in Latvian is asked again in Latvian", async () => {
  const h = await createHarness();
  const phone = "+447700900611";
  expect((await h.sms(phone, "czy mam juz jakies kredyty")).messages).toEqual(["Cześć! Jak masz na imię?"]);
  expect((await h.sms(phone, "cik man ir stundu")).messages).toEqual(["Sveiki! Kā tevi sauc?"]);
  expect((await h.sms(phone, "Līga")).messages.join("\n")).toContain("Paldies, Līga!");
});

test("a free event booked in words is free all the way: booked, redeemed, enjoyed", async () => {
  fake.calls.length = 0;
  const h = await createHarness({ env: { TWILIO_API_URL: fake.url } });
  const transcript = await play(
    h,
    [
      { from: SHARON, text: "can i go to the litter pick" },
      { from: SHARON, text: "1" },
      { from: SHARON, text: "yes" },
      { from: "+447700900006", text: async () => `REDEEM ${await latestBooking(h)}` },
    ],
    fake,
  );
  expect(transcript).toContain("It is free.");
  expect(transcript).toContain("Enjoy Litter pick & breakfast!");
  expect(transcript).not.toMatch(/0 credits? spent/);
});
