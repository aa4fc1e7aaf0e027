// Going together by SMS: BOOK 1 FOR <number> books the member's own place and asks the other member
// (in her language) to come along; she answers with the invitation's code. Each paying their own, or
// the booker paying both (her place held on the booker's credits until she answers; a NO gives it
// back). Refusals: no such member, oneself, not enough credits, an unknown code. Ledger checked.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { spendable } from "../support/spendable.ts";
import { matchGolden, play, type Turn } from "../support/transcript.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian
const DAVE = "+447700900006"; // the playground: his LOG for a member is confirmed at once

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

async function harness(): Promise<Harness> {
  fake.calls.length = 0;
  return createHarness({ env: { TWILIO_API_URL: fake.url } });
}
const say = (from: string, text: Turn["text"]): Turn => ({ from, text });
const invite =
  (h: Harness, nth = 0) =>
  async () =>
    String((await h.rows("SELECT code FROM event_invites ORDER BY id"))[nth]?.code ?? "G???");
const bookings = (h: Harness) =>
  h.rows(
    `SELECT m.name, b.event_id, b.places, b.minutes, b.status, f.name AS for_name FROM bookings b
     JOIN members m ON m.id = b.member_id LEFT JOIN members f ON f.id = b.for_member_id ORDER BY b.id`,
  );

describe("booking for someone else", () => {
  test("each pays their own: Sharon books and asks Anna, who says TAK with the code and pays her own place", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 3 07700900101"),
        say(DAVE, "LOG 3 07700900100"),
        say(SHARON, "BOOK 1 FOR 07700900100"),
        say(SHARON, "1"),
        say(ANNA, async () => `TAK ${await invite(h)()}`),
        say(ANNA, async () => `TAK ${await invite(h)()}`),
      ],
      fake,
    );
    matchGolden("together-each-pays", transcript);
    const code = await invite(h)();
    expect(transcript).toContain(
      "< Family bingo, Fri 4 Dec 18:00 with Anna? 1: each pays their own place. 2: you pay both (2 credits). NO cancels.",
    );
    expect(transcript).toContain(
      `» +447700900100: Sharon zaprasza Cię na: Rodzinne bingo, pt. 4 gru 18:00. Miejsce kosztuje 1 kredyt. Odpisz TAK ${code} lub NIE ${code}.`,
    );
    expect(transcript).toContain("» +447700900101: Anna is coming with you!");
    expect(transcript).toContain(`< Nie ma zaproszenia ${code} czekającego na Ciebie.`);
    expect(await bookings(h)).toEqual([
      { name: "Sharon", event_id: "bingo-dec", places: 1, minutes: 60, status: "held", for_name: null },
      { name: "Anna", event_id: "bingo-dec", places: 1, minutes: 60, status: "held", for_name: null },
    ]);
    expect(await spendable(h, SHARON)).toBe(120);
    expect(await spendable(h, ANNA)).toBe(120);
    expect(await h.rows("SELECT status FROM event_invites")).toEqual([{ status: "accepted" }]);
  });

  test("the booker pays both: Jānis's place is held on Sharon's credits; his NE gives it back to her", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 3 07700900101"),
        say(SHARON, "BOOK 1 FOR 07700900102"),
        say(SHARON, "maybe"),
        say(SHARON, "2"),
        say(JANIS, async () => `NĒ ${await invite(h)()}`),
      ],
      fake,
    );
    matchGolden("together-booker-pays", transcript);
    const code = await invite(h)();
    expect(transcript).toContain("< Reply 1 (each pays their own), 2 (you pay both) or NO.");
    expect(transcript).toContain(`Sharon tev apmaksāja vietu: Ģimenes bingo`);
    expect(transcript).toContain("» +447700900101: Jānis can't come this time.");
    expect(await bookings(h)).toEqual([
      { name: "Sharon", event_id: "bingo-dec", places: 1, minutes: 60, status: "held", for_name: null },
      {
        name: "Sharon",
        event_id: "bingo-dec",
        places: 1,
        minutes: 60,
        status: "cancelled",
        for_name: "Jānis",
      },
    ]);
    // The paid place came back: Sharon has 3 − 1 credits, nothing was taken from Jānis.
    expect(await spendable(h, SHARON)).toBe(120);
    expect(await spendable(h, JANIS)).toBe(0);
    expect(await h.rows("SELECT code, status FROM event_invites")).toEqual([{ code, status: "declined" }]);
  });

  test("a paid place taken: Anna gets the code of the place Sharon holds for her", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 3 07700900101"),
        say(SHARON, "BOOK 1 FOR 07700900100"),
        say(SHARON, "2"),
        say(ANNA, async () => `tak ${(await invite(h)()).toLowerCase()}`),
      ],
      fake,
    );
    const [, paid] = await h.rows("SELECT code FROM bookings ORDER BY id");
    expect(transcript).toContain(
      `< Twoje miejsce: Rodzinne bingo, pt. 4 gru 18:00 (od: Sharon). Kod ${paid?.code} pokaż przy wejściu.`,
    );
    expect(await spendable(h, SHARON)).toBe(60);
  });

  test("refusals: unknown person, oneself, not enough for both, and NO cancels", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 1 07700900101"),
        say(SHARON, "BOOK 1 FOR 07700900999"),
        say(SHARON, "BOOK 1 FOR 07700900101"),
        say(SHARON, "BOOK 1 FOR 07700900100"),
        say(SHARON, "2"),
        say(SHARON, "BOOK 1 FOR 07700900100"),
        say(SHARON, "NO"),
      ],
      fake,
    );
    expect(transcript).toContain("< I can't find that member.");
    expect(transcript).toContain("< That's you: BOOK and the number books your own place.");
    expect(transcript).toContain("< You have only 1 credit to give.");
    expect(transcript).toContain("< OK, nothing booked.");
    expect(await bookings(h)).toEqual([]);
    // Only the playground's news reached anyone: nobody was invited.
    expect(fake.calls.map((c) => c.to)).toEqual([SHARON]);
  });
});
