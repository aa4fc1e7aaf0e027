// Spending credits by SMS, in English, Polish and Latvian: suggestions (EVENTS / MORE), booking with a
// code, cancelling, redeeming at the door, offers by name, gifts between members and to numbers that
// have not joined yet, and the scheduled job that releases unused holds, returns unclaimed gifts and
// sends weekly TIPS. Every transcript goes through POST /sms with a fake Twilio capturing what the
// others receive, and every test checks the ledger and the bookings tables afterwards.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { spendable } from "../support/spendable.ts";
import { matchGolden, play, type Turn } from "../support/transcript.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian
const SUE = "+447700900003"; // Oasis, English
const ILZE = "+447700900004"; // Oasis, Latvian
const DAVE = "+447700900006"; // Adventure Playground, English: his LOG for a member is confirmed at once
const TOM = "+447700900010"; // Wisbech Picture House (cinema), English
const NEWBIE = "+447700900555"; // nobody yet
const NOBODY = "+447700900556"; // never joins

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

async function harness(options: { now?: string; scheme?: unknown } = {}): Promise<Harness> {
  fake.calls.length = 0;
  return createHarness({ ...options, env: { TWILIO_API_URL: fake.url } });
}

/** The code of the newest booking (nth = 1 for the one before it). */
const bookingCode =
  (h: Harness, nth = 0): (() => Promise<string>) =>
  async () =>
    String((await h.rows("SELECT code FROM bookings ORDER BY id DESC"))[nth]?.code ?? "????");

const say = (from: string, text: Turn["text"], at?: string): Turn =>
  at ? { from, text, at } : { from, text };
const tickAt = (at: string): Turn => ({ from: "", text: "", at, tick: true });

const ledger = (h: Harness) =>
  h.rows(
    `SELECT m.name, l.kind, l.status, l.minutes, l.settled_by FROM ledger_entries l
     JOIN members m ON m.id = l.member_id ORDER BY l.id`,
  );
const bookings = (h: Harness) =>
  h.rows(
    `SELECT b.code, m.name, COALESCE(b.event_id, b.offer_id) AS item, b.places, b.minutes, b.status, b.settled_by
     FROM bookings b JOIN members m ON m.id = b.member_id ORDER BY b.id`,
  );
const contact = async (h: Harness, phone: string) =>
  `contact:${(await h.rows("SELECT id FROM partner_contacts WHERE phone = ?", phone))[0]?.id}`;

/** The titles a numbered list shows in answer to the nth (from 0) message `sent` in a transcript. */
function listed(transcript: string, sent: string, nth = 0): string[] {
  const lines = transcript.split("\n");
  const at = lines.flatMap((line, i) => (line === `> ${sent}` ? [i] : []))[nth];
  if (at === undefined) throw new Error(`"${sent}" #${nth} is not in the transcript`);
  const answer = lines.slice(at + 1);
  const end = answer.findIndex((line) => !line.startsWith("< "));
  return (end < 0 ? answer : answer.slice(0, end)).flatMap((line) => {
    const m = /^< \d (.+?), /.exec(line);
    return m?.[1] ? [m[1]] : [];
  });
}

describe("spending in English: suggestions, a booking, cancelling, redeeming at the door", () => {
  test("EVENTS pages through ideas; a number books places with a code; CANCEL, REDEEM twice, SPEND cinema", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 5 07700900101"),
        say(SHARON, "EVENTS"),
        say(SHARON, "MORE"),
        say(SHARON, "MORE"),
        say(SHARON, "EVENTS"),
        say(SHARON, "1"),
        say(SHARON, "2"),
        say(SHARON, "YES"),
        say(SHARON, "BALANCE"),
        say(SHARON, async () => `CANCEL ${await bookingCode(h)()}`),
        say(SHARON, "BALANCE"),
        // BOOK 1 with no list open: the first of today's ideas, Family bingo again.
        say(SHARON, "BOOK 1"),
        say(SHARON, "2"),
        say(SHARON, "YES"),
        // At the door, a few minutes after it starts.
        say(SUE, async () => `REDEEM ${await bookingCode(h)()}`, "2026-12-04T18:05:00Z"),
        say(SUE, async () => `REDEEM ${await bookingCode(h)()}`, "2026-12-04T18:20:00Z"),
        say(SHARON, async () => `CANCEL ${await bookingCode(h)()}`),
        say(SHARON, "SPEND cinema"),
        say(SHARON, "YES"),
        say(TOM, async () => `REDEEM ${await bookingCode(h)()}`),
        say(SHARON, "BALANCE"),
        say(SHARON, "HISTORY"),
      ],
      fake,
    );
    matchGolden("spending-en-book-cancel-redeem", transcript);

    // Three ideas at a time, with cost, when and where, and what an offer is worth.
    expect(transcript).toContain(
      "< 1 Family bingo, Fri 4 Dec 18:00, Oasis Community Centre: 1 credit\n" +
        "< 2 Christmas crafts for kids, Sat 12 Dec 10:00, Rainbow Children's Centre: 1 credit\n" +
        "< 3 Community Christmas lunch, Sat 19 Dec 12:30, Oasis Community Centre: 2 credits\n" +
        "< MORE for more ideas.",
    );
    expect(transcript).toContain("< 2 Cinema ticket, Wisbech Picture House: 2 credits, worth £8");
    expect(transcript).toMatch(/Code (\d{4}): show it at the door\. CANCEL \1 to cancel\. 3 credits left\./);
    expect(transcript).toMatch(/» \+447700900101: Enjoy Family bingo! 2 credits spent\./);
    expect(transcript).toMatch(/\d{4} \(Sharon\) was already redeemed at 18:05 by Sue\./);
    expect(transcript).toMatch(/» \+447700900101: Enjoy Cinema ticket! 2 credits spent\./);

    const [cancelled, redeemed, cinema] = await bookings(h);
    expect([cancelled, redeemed, cinema]).toEqual([
      expect.objectContaining({
        item: "bingo-dec",
        places: 2,
        minutes: 120,
        status: "cancelled",
        settled_by: "member",
      }),
      expect.objectContaining({
        item: "bingo-dec",
        places: 2,
        minutes: 120,
        status: "redeemed",
        settled_by: await contact(h, SUE),
      }),
      expect.objectContaining({
        item: "cinema-ticket",
        places: 1,
        minutes: 120,
        status: "redeemed",
        settled_by: await contact(h, TOM),
      }),
    ]);
    expect(await ledger(h)).toEqual([
      {
        name: "Sharon",
        kind: "earning",
        status: "confirmed",
        minutes: 300,
        settled_by: await contact(h, DAVE),
      },
      { name: "Sharon", kind: "spend", status: "released", minutes: -120, settled_by: "member" },
      {
        name: "Sharon",
        kind: "spend",
        status: "confirmed",
        minutes: -120,
        settled_by: await contact(h, SUE),
      },
      {
        name: "Sharon",
        kind: "spend",
        status: "confirmed",
        minutes: -120,
        settled_by: await contact(h, TOM),
      },
    ]);
    expect(await spendable(h, SHARON)).toBe(60);
    // The second REDEEM (at 18:20) settled nothing again: told Sue who had done it, and Sharon nothing more.
    expect(
      await h.rows(
        `SELECT b.settled_at AS booking, l.settled_at AS entry FROM bookings b JOIN ledger_entries l ON l.booking_id = b.id
         WHERE b.status = 'redeemed' AND b.event_id = 'bingo-dec'`,
      ),
    ).toEqual([{ booking: "2026-12-04T18:05:00.000Z", entry: "2026-12-04T18:05:00.000Z" }]);
    expect(fake.calls.filter((c) => c.to === SHARON && c.body.startsWith("Enjoy Family bingo"))).toHaveLength(
      1,
    );
  });
});

describe("spending in Polish: offers by name, what cannot be afforded, a gift", () => {
  test("WYDARZENIA kino → code → Tom's YES code redeems; a refusal with an affordable idea; ideas in order; PODARUJ", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 4 07700900100"),
        say(ANNA, "WYDARZENIA kino"),
        say(ANNA, "TAK"),
        // A contact's YES with a booking code redeems it, like REDEEM.
        say(TOM, async () => `YES ${await bookingCode(h)()}`),
        say(ANNA, "SALDO"),
        say(ANNA, "WYDARZENIA teatr"),
        say(ANNA, "WYDARZENIA basen"),
        say(ANNA, "NIE"),
        say(ANNA, "PODARUJ 1 07700900101"),
        say(ANNA, "TAK"),
        // With 1 credit: what she can afford first (the lunch for 2 comes after the offers for 1),
        // community events before the partners' offers.
        say(ANNA, "WYDARZENIA"),
        say(ANNA, "WIĘCEJ"),
        say(ANNA, "WIĘCEJ"),
        say(ANNA, "PODARUJ 1 07700 900100"),
        say(ANNA, "PODARUJ 2 Sharon"),
        say(ANNA, "PODARUJ 1 Sharon"),
        say(ANNA, "TAK"),
        say(ANNA, "SALDO"),
      ],
      fake,
    );
    matchGolden("spending-pl-offers-gift", transcript);

    expect(transcript).toMatch(
      /Bilet do kina: Twój kod to (\d{4})\. Pokaż go obsłudze\. Zostały Ci 2 kredyty\./,
    );
    expect(transcript).toMatch(/» \+447700900100: Bilet do kina: wydano 2 kredyty\. Miłego korzystania!/);
    expect(transcript).toContain(
      "< Bilet do teatru kosztuje więcej niż Twoje saldo: 2 kredyty.\n< A może to:\n" +
        "< Rodzinne bingo, pt. 4 gru 18:00, Oasis Community Centre: 1 kredyt",
    );
    // The receiver is told in her own language (English), each time.
    expect(fake.calls.filter((c) => c.to === SHARON).map((c) => c.body)).toEqual([
      "Anna gave you 1 credit!",
      "Anna gave you 1 credit!",
    ]);
    expect([
      listed(transcript, "WYDARZENIA"),
      listed(transcript, "WIĘCEJ"),
      listed(transcript, "WIĘCEJ", 1),
    ]).toEqual([
      ["Rodzinne bingo", "Świąteczne warsztaty dla dzieci", "Sprzątanie okolicy i śniadanie"],
      ["Quiz noworoczny", "Wejście na siłownię", "Wejście na basen"],
      ["Świąteczny obiad sąsiedzki", "Bilet do kina", "Strzyżenie"],
    ]);
    expect(transcript).toContain("< Nie możesz podarować sobie kredytów.");
    expect(transcript).toContain("< Możesz podarować tylko 1 kredyt.");

    expect(await bookings(h)).toEqual([
      expect.objectContaining({
        name: "Anna",
        item: "cinema-ticket",
        status: "redeemed",
        settled_by: await contact(h, TOM),
      }),
    ]);
    expect(await ledger(h)).toEqual([
      {
        name: "Anna",
        kind: "earning",
        status: "confirmed",
        minutes: 240,
        settled_by: await contact(h, DAVE),
      },
      { name: "Anna", kind: "spend", status: "confirmed", minutes: -120, settled_by: await contact(h, TOM) },
      { name: "Anna", kind: "gift", status: "confirmed", minutes: -60, settled_by: null },
      { name: "Sharon", kind: "gift", status: "confirmed", minutes: 60, settled_by: null },
      { name: "Anna", kind: "gift", status: "confirmed", minutes: -60, settled_by: null },
      { name: "Sharon", kind: "gift", status: "confirmed", minutes: 60, settled_by: null },
    ]);
    expect(await spendable(h, ANNA)).toBe(0);
    expect(await spendable(h, SHARON)).toBe(120);
  });
});

describe("spending in Latvian", () => {
  test("PASĀKUMI kino, three places at bingo redeemed with Ilze's JĀ code, DĀVINĀT by number then by name", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 7 07700900102"),
        say(JANIS, "PASĀKUMI kino"),
        say(JANIS, "JĀ"),
        say(TOM, async () => `REDEEM ${await bookingCode(h)()}`),
        say(JANIS, "PASĀKUMI"),
        say(JANIS, "VAIRĀK"),
        say(JANIS, "PASĀKUMI"),
        say(JANIS, "REZERVĒT 1"),
        say(JANIS, "11"),
        say(JANIS, "3"),
        say(JANIS, "JĀ"),
        say(JANIS, "ATCELT 9999"),
        say(ILZE, async () => `JĀ ${await bookingCode(h)()}`, "2026-12-04T18:10:00Z"),
        say(ILZE, async () => `IZMANTOT ${await bookingCode(h)()}`),
        say(JANIS, "DĀVINĀT 1 07700900101"),
        say(JANIS, "JĀ"),
        say(JANIS, "dāvināt 1 sharon"),
        say(JANIS, "jā"),
        say(JANIS, "ATLIKUMS"),
      ],
      fake,
    );
    matchGolden("spending-lv-mixed", transcript);

    expect(transcript).toMatch(/» \+447700900102: Kino biļete: iztērēti 2 kredīti\. Lai patīk!/);
    expect(transcript).toMatch(/» \+447700900102: Ģimenes bingo: iztērēti 3 kredīti\. Lai patīk!/);
    expect(fake.calls.filter((c) => c.to === SHARON).map((c) => c.body)).toEqual([
      "Jānis gave you 1 credit!",
      "Jānis gave you 1 credit!",
    ]);
    expect(await bookings(h)).toEqual([
      expect.objectContaining({
        item: "cinema-ticket",
        places: 1,
        status: "redeemed",
        settled_by: await contact(h, TOM),
      }),
      expect.objectContaining({
        item: "bingo-dec",
        places: 3,
        minutes: 180,
        status: "redeemed",
        settled_by: await contact(h, ILZE),
      }),
    ]);
    expect((await ledger(h)).map((e) => [e.name, e.kind, e.status, e.minutes])).toEqual([
      ["Jānis", "earning", "confirmed", 420],
      ["Jānis", "spend", "confirmed", -120],
      ["Jānis", "spend", "confirmed", -180],
      ["Jānis", "gift", "confirmed", -60],
      ["Sharon", "gift", "confirmed", 60],
      ["Jānis", "gift", "confirmed", -60],
      ["Sharon", "gift", "confirmed", 60],
    ]);
    expect(await spendable(h, JANIS)).toBe(0);
  });
});

/** The demo scheme with room for only two at the bingo. */
function smallBingo(): unknown {
  const scheme = demoScheme() as { events: Array<{ id: string; capacity: number }> };
  for (const e of scheme.events) if (e.id === "bingo-dec") e.capacity = 2;
  return scheme;
}

describe("a full event", () => {
  test("two places taken while others were deciding: refused with the next idea; hidden while full; back once cancelled", async () => {
    const h = await harness({ scheme: smallBingo() });
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 5 07700900101 07700900100 07700900102"),
        say(ANNA, "WYDARZENIA"),
        say(JANIS, "PASĀKUMI"),
        say(JANIS, "1"),
        say(JANIS, "1"),
        // Sharon takes both places while Anna has the list open and Jānis is about to confirm.
        say(SHARON, "EVENTS"),
        say(SHARON, "1"),
        say(SHARON, "2"),
        say(SHARON, "YES"),
        say(ANNA, "1"),
        say(JANIS, "JĀ"),
        // Full: no longer suggested.
        say(JANIS, "PASĀKUMI"),
        say(SHARON, async () => `CANCEL ${await bookingCode(h)()}`),
        // Free again: suggested, and only the places left can be booked.
        say(ANNA, "WYDARZENIA"),
        say(ANNA, "1"),
        say(ANNA, "3"),
        say(ANNA, "2"),
        say(ANNA, "TAK"),
      ],
      fake,
    );
    matchGolden("spending-full-event", transcript);

    expect(transcript).toContain(
      "< Rodzinne bingo: brak miejsc.\n< A może to:\n" +
        "< Świąteczne warsztaty dla dzieci, sob. 12 gru 10:00, Rainbow Children's Centre: 1 kredyt",
    );
    expect(transcript).toContain(
      "< Ģimenes bingo: vietu vairs nav.\n< Varbūt šo:\n" +
        "< Ziemassvētku rokdarbi bērniem, sestd. 12. dec. 10:00, Rainbow Children's Centre: 1 kredīts",
    );
    expect(transcript).toContain("< Zostały tylko 2 miejsca. Ile?");
    expect(listed(transcript, "PASĀKUMI", 1)).toEqual([
      "Ziemassvētku rokdarbi bērniem",
      "Kopienas Ziemassvētku pusdienas",
      "Talka un brokastis",
    ]);
    expect(listed(transcript, "WYDARZENIA", 1)[0]).toBe("Rodzinne bingo");
    expect((await bookings(h)).map((b) => [b.name, b.item, b.places, b.status])).toEqual([
      ["Sharon", "bingo-dec", 2, "cancelled"],
      ["Anna", "bingo-dec", 2, "held"],
    ]);
    expect((await ledger(h)).filter((e) => e.kind === "spend")).toEqual([
      { name: "Sharon", kind: "spend", status: "released", minutes: -120, settled_by: "member" },
      { name: "Anna", kind: "spend", status: "held", minutes: -120, settled_by: null },
    ]);
    expect(await spendable(h, JANIS)).toBe(300);
    expect(await spendable(h, ANNA)).toBe(180);
  });
});

describe("how ideas are ranked", () => {
  test("a family booker sees family events higher; booked and about-to-start events are not suggested", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 6 07700900101 07700900100 07700900102"),
        // Sharon books two places (a family), Anna one.
        say(SHARON, "BOOK 1"),
        say(SHARON, "2"),
        say(SHARON, "YES"),
        say(ANNA, "REZERWUJ 1"),
        say(ANNA, "1"),
        say(ANNA, "TAK"),
        say(SHARON, "EVENTS"),
        say(ANNA, "WYDARZENIA"),
        // Half an hour before the bingo, Jānis (who has not booked it) is not offered it any more.
        say(JANIS, "PASĀKUMI", "2026-12-04T16:59:00Z"),
        say(JANIS, "PASĀKUMI", "2026-12-04T17:30:00Z"),
      ],
      fake,
    );
    matchGolden("spending-ranking", transcript);

    const sharon = listed(transcript, "EVENTS");
    const anna = listed(transcript, "WYDARZENIA");
    const janisBefore = listed(transcript, "PASĀKUMI");
    const janisAfter = listed(transcript, "PASĀKUMI", 1);
    // Crafts and the litter pick are family events: Sharon, who booked two places, sees the litter
    // pick before the lunch; Anna sees them by date. Neither is offered the bingo they booked.
    expect(sharon).toEqual([
      "Christmas crafts for kids",
      "Litter pick & breakfast",
      "Community Christmas lunch",
    ]);
    expect(anna).toEqual([
      "Świąteczne warsztaty dla dzieci",
      "Świąteczny obiad sąsiedzki",
      "Sprzątanie okolicy i śniadanie",
    ]);
    expect(janisBefore[0]).toBe("Ģimenes bingo");
    expect(janisAfter).not.toContain("Ģimenes bingo");
    expect(janisAfter[0]).toBe("Ziemassvētku rokdarbi bērniem");
    expect((await bookings(h)).map((b) => [b.name, b.item, b.places, b.status])).toEqual([
      ["Sharon", "bingo-dec", 2, "held"],
      ["Anna", "bingo-dec", 1, "held"],
    ]);
    expect(
      (await ledger(h)).filter((e) => e.kind === "spend").map((e) => [e.name, e.status, e.minutes]),
    ).toEqual([
      ["Sharon", "held", -120],
      ["Anna", "held", -60],
    ]);
  });
});

describe("gifts", () => {
  test("a weekly limit of 10 credits, no overdrawing; a new week allows more", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 12 07700900101"),
        say(SHARON, "GIVE 4 07700900100"),
        say(SHARON, "YES"),
        say(SHARON, "GIVE 4 Anna"),
        say(SHARON, "YES"),
        say(SHARON, "GIVE 3 Anna"),
        say(SHARON, "GIVE 2 Anna"),
        say(SHARON, "YES"),
        say(SHARON, "GIVE 3 Anna"),
        say(SHARON, "GIVE 0.5 Anna", "2026-12-05T12:01:00Z"),
        say(SHARON, "YES"),
        say(SHARON, "GIVE 1 07700900101"),
        say(SHARON, "BALANCE"),
        say(ANNA, "SALDO"),
      ],
      fake,
    );
    matchGolden("spending-gift-limits", transcript);

    expect(transcript).toContain("< You can give up to 10 credits a week: 2 credits left this week.");
    expect(transcript).toContain("< You have only 2 credits to give.");
    expect(transcript).toContain("< You can't give credits to yourself.");
    expect(fake.calls.filter((c) => c.to === ANNA).map((c) => c.body)).toEqual([
      "Sharon daje Ci w prezencie 4 kredyty!",
      "Sharon daje Ci w prezencie 4 kredyty!",
      "Sharon daje Ci w prezencie 2 kredyty!",
      "Sharon daje Ci w prezencie 0,5 kredytu!",
    ]);
    const gifts = (await ledger(h)).filter((e) => e.kind === "gift");
    expect(gifts.map((e) => [e.name, e.status, e.minutes])).toEqual([
      ["Sharon", "confirmed", -240],
      ["Anna", "confirmed", 240],
      ["Sharon", "confirmed", -240],
      ["Anna", "confirmed", 240],
      ["Sharon", "confirmed", -120],
      ["Anna", "confirmed", 120],
      ["Sharon", "confirmed", -30],
      ["Anna", "confirmed", 30],
    ]);
    expect(await spendable(h, SHARON)).toBe(90);
    expect(await spendable(h, ANNA)).toBe(630);
    expect(await bookings(h)).toEqual([]);
  });

  test("to a number that has not joined: invited, the credits wait, it joins and gets them; another never joins and the gift goes back", async () => {
    const h = await harness();
    let transcript = await play(
      h,
      [
        say(DAVE, "LOG 5 07700900101"),
        say(SHARON, "GIVE 2 07700 900555"),
        say(SHARON, "YES"),
        say(SHARON, "GIVE 1 07700900556"),
        say(SHARON, "YES"),
        say(SHARON, "BALANCE"),
      ],
      fake,
    );
    // Waiting: the giver's side is held (already off her balance), the receiver's pending.
    expect((await ledger(h)).filter((e) => e.kind === "gift")).toEqual([
      { name: "Sharon", kind: "gift", status: "held", minutes: -120, settled_by: null },
      { name: "", kind: "gift", status: "pending", minutes: 120, settled_by: null },
      { name: "Sharon", kind: "gift", status: "held", minutes: -60, settled_by: null },
      { name: "", kind: "gift", status: "pending", minutes: 60, settled_by: null },
    ]);
    expect(await spendable(h, SHARON)).toBe(120);
    transcript += await play(
      h,
      [
        say(NEWBIE, "YES", "2026-12-10T12:00:00Z"),
        say(NEWBIE, "Bob"),
        say(NEWBIE, "yes"),
        say(NEWBIE, "BALANCE"),
        tickAt("2026-12-28T11:00:00Z"),
        tickAt("2026-12-28T12:00:00Z"),
        say(SHARON, "BALANCE"),
        // Too late: nothing waits for the second number any more.
        say(NOBODY, "YES", "2026-12-29T12:00:00Z"),
        say(NOBODY, "Carol"),
        say(NOBODY, "yes"),
        say(NOBODY, "BALANCE"),
      ],
      fake,
    );
    matchGolden("spending-gift-invite", transcript);

    expect(transcript).toContain(
      "» +447700900555: Sharon gave you 2 credits with Time Credits. Reply YES to join and keep them, or STOP.",
    );
    expect(transcript).toMatch(
      /» \+447700900101: \+447700900556 did not join, so your 1 credit (is|are) back\./,
    );
    expect((await ledger(h)).filter((e) => e.kind === "gift")).toEqual([
      { name: "Sharon", kind: "gift", status: "confirmed", minutes: -120, settled_by: null },
      { name: "Bob", kind: "gift", status: "confirmed", minutes: 120, settled_by: "gift" },
      { name: "Sharon", kind: "gift", status: "released", minutes: -60, settled_by: "system" },
      { name: "Carol", kind: "gift", status: "expired", minutes: 60, settled_by: "system" },
    ]);
    expect(await spendable(h, SHARON)).toBe(180);
    expect(await spendable(h, NEWBIE)).toBe(120);
    expect(await spendable(h, NOBODY)).toBe(0);
  });
});

describe("the scheduled job", () => {
  test("a booking not redeemed by a day after the event is released and the member told; an offer code after 30 days", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 5 07700900101 07700900100"),
        say(SHARON, "BOOK 1"),
        say(SHARON, "1"),
        say(SHARON, "YES"),
        say(ANNA, "WYDARZENIA kino"),
        say(ANNA, "TAK"),
        say(SHARON, async () => `CANCEL ${await bookingCode(h, 1)()}`, "2026-12-04T18:30:00Z"),
        tickAt("2026-12-05T17:59:00Z"),
        tickAt("2026-12-05T18:00:00Z"),
        tickAt("2026-12-05T18:15:00Z"),
        say(SHARON, "BALANCE"),
        say(SUE, async () => `REDEEM ${await bookingCode(h, 1)()}`),
        tickAt("2026-12-28T11:59:00Z"),
        tickAt("2026-12-28T12:00:00Z"),
        say(ANNA, "SALDO"),
      ],
      fake,
    );
    matchGolden("spending-jobs-release", transcript);

    expect(transcript).toMatch(/That event has already started, so \d{4} can't be cancelled\./);
    expect(fake.calls.filter((c) => c.to === SHARON && c.body.includes("was not used"))).toHaveLength(1);
    expect(
      fake.calls.filter((c) => c.to === ANNA && c.body.includes("rezerwacja niewykorzystana")),
    ).toHaveLength(1);
    expect((await bookings(h)).map((b) => [b.name, b.item, b.status, b.settled_by])).toEqual([
      ["Sharon", "bingo-dec", "released", "system"],
      ["Anna", "cinema-ticket", "released", "system"],
    ]);
    expect((await ledger(h)).filter((e) => e.kind === "spend")).toEqual([
      { name: "Sharon", kind: "spend", status: "released", minutes: -60, settled_by: "system" },
      { name: "Anna", kind: "spend", status: "released", minutes: -120, settled_by: "system" },
    ]);
    expect(await spendable(h, SHARON)).toBe(300);
    expect(await spendable(h, ANNA)).toBe(300);
  });

  test("TIPS: at most one idea a week, in daytime, to members with 5 credits or more and no spending in 60 days", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 6 07700900101 07700900102"),
        say(DAVE, "LOG 3 07700900100"),
        say(SHARON, "TIPS"),
        say(ANNA, "PORADY"),
        say(JANIS, "IETEIKUMI"),
        // Jānis spends (a swim), so he is not nudged.
        say(JANIS, "PASĀKUMI peldēšana"),
        say(JANIS, "JĀ"),
        tickAt("2026-11-28T22:00:00Z"),
        tickAt("2026-11-29T08:30:00Z"),
        tickAt("2026-11-29T10:00:00Z"),
        tickAt("2026-11-30T10:00:00Z"),
        tickAt("2026-12-06T09:59:00Z"),
        tickAt("2026-12-06T10:00:00Z"),
        say(SHARON, "TIPS OFF"),
        tickAt("2026-12-13T10:00:00Z"),
        say(SHARON, "TIPS"),
        tickAt("2026-12-13T11:00:00Z"),
      ],
      fake,
    );
    matchGolden("spending-tips", transcript);

    const tips = fake.calls.filter((c) => /An idea:|Propozycja:|Ideja:/.test(c.body));
    expect(tips.map((c) => c.to)).toEqual([SHARON, SHARON, SHARON]);
    expect(tips[0]?.body).toBe(
      "You have 6 credits. An idea:\nFamily bingo, Fri 4 Dec 18:00, Oasis Community Centre: 1 credit",
    );
    expect(await h.rows("SELECT name, nudges, nudged_at FROM members ORDER BY id")).toEqual([
      { name: "Sharon", nudges: 1, nudged_at: "2026-12-13T11:00:00.000Z" },
      { name: "Anna", nudges: 1, nudged_at: null },
      { name: "Jānis", nudges: 1, nudged_at: null },
    ]);
    expect((await bookings(h)).map((b) => [b.name, b.item, b.status])).toEqual([["Jānis", "swim", "held"]]);
    expect((await ledger(h)).map((e) => [e.name, e.kind, e.status, e.minutes])).toEqual([
      ["Sharon", "earning", "confirmed", 360],
      ["Jānis", "earning", "confirmed", 360],
      ["Anna", "earning", "confirmed", 180],
      ["Jānis", "spend", "held", -60],
    ]);
  });
});
