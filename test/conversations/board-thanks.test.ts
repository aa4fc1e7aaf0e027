// Paying for help in credits through the board (THANKS <code> <hours>, in any of the three languages,
// in a sentence too): the member who was helped pays the helper after one YES, and the helper is told
// in their language. Refusals: the helper paying, no numbers swapped, no amount, a bad amount, more
// than the balance, the post's weekly cap. A property test drives random payments through POST /sms
// and checks the ledger never overdraws and always balances.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { spendable as available } from "../support/spendable.ts";
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

async function harness(settings: Record<string, unknown> = {}): Promise<Harness> {
  fake.calls.length = 0;
  const scheme = demoScheme() as { scheme: { settings?: Record<string, unknown> } };
  scheme.scheme.settings = { ...scheme.scheme.settings, postsNeedApproval: false, ...settings };
  return createHarness({ scheme, env: { TWILIO_API_URL: fake.url } });
}

const say = (from: string, text: Turn["text"]): Turn => ({ from, text });
const code =
  (h: Harness, nth = 0) =>
  async () =>
    String((await h.rows("SELECT code FROM posts ORDER BY id"))[nth]?.code ?? "P???");
/** Sharon offers lifts, Anna (with 3 credits from the playground) asks, replies, and Sharon agrees. */
const swapped = (h: Harness): Turn[] => [
  say(DAVE, "LOG 3 07700900100"),
  say(SHARON, "OFFER lifts to Tesco on Saturdays"),
  say(ANNA, code(h)),
  say(SHARON, async () => `YES ${await code(h)()}`),
];
const payments = (h: Harness) =>
  h.rows(
    `SELECT m.name, l.kind, l.status, l.minutes, p.code FROM ledger_entries l JOIN members m ON m.id = l.member_id
     JOIN posts p ON p.id = l.post_id ORDER BY l.id`,
  );

describe("the member who was helped pays the helper", () => {
  test("in Polish, in a sentence: Anna thanks Sharon with 2 credits after one TAK; Sharon is told in English", async () => {
    const h = await harness();
    await play(h, swapped(h), fake);
    fake.calls.length = 0;
    const offer = await code(h)();
    const transcript = await play(
      h,
      [
        say(SHARON, `THANKS ${offer} 2`),
        say(JANIS, `paldies ${offer} 1`),
        say(ANNA, `dziękuję za ${offer}`),
        say(ANNA, `dziękuję za ${offer}, 0,1 godziny`),
        say(ANNA, `dziękuję za ${offer}, 5 godzin`),
        say(ANNA, `dziękuję za pomoc ${offer}, 2 godziny`),
        say(ANNA, "TAK"),
        say(ANNA, "SALDO"),
      ],
      fake,
    );
    matchGolden("board-thanks-pl", transcript);
    expect(transcript).toContain(`< Only the person who was helped pays for ${offer}.`);
    expect(transcript).toContain(
      `< Par palīdzību ar ${offer} varēsi samaksāt, kad būsiet apmainījušies ar numuriem.`,
    );
    expect(transcript).toContain(
      `< Aby zapłacić za pomoc, wyślij DZIĘKUJĘ, kod i godziny, np. DZIĘKUJĘ ${offer} 2`,
    );
    expect(transcript).toContain("< Możesz podarować tylko 3 kredyty.");
    expect(transcript).toContain(`< Odbiorca: Sharon. Zapłacić 2 kredyty za ${offer}? Odpisz TAK lub NIE.`);
    expect(transcript).toContain("< Sharon dostaje 2 kredyty. Saldo: 1.");
    expect(fake.calls).toEqual([
      expect.objectContaining({ to: SHARON, body: `Anna thanked you for ${offer} with 2 credits!` }),
    ]);
    expect(await payments(h)).toEqual([
      { name: "Anna", kind: "gift", status: "confirmed", minutes: -120, code: offer },
      { name: "Sharon", kind: "gift", status: "confirmed", minutes: 120, code: offer },
    ]);
    expect(await available(h, ANNA)).toBe(60);
    expect(await available(h, SHARON)).toBe(120);
  });

  test("in Latvian, through an ask: Jānis pays the one who answered it; NO pays nothing; the post's weekly cap", async () => {
    const h = await harness({ postWeeklyCredits: 2 });
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 4 07700900102"),
        say(JANIS, "LŪGUMS vajag palīdzēt ar veidlapu"),
        say(ANNA, code(h)),
        say(JANIS, async () => `JĀ ${await code(h)()}`),
        say(JANIS, async () => `PALDIES ${await code(h)()} 1,5`),
        say(JANIS, "nē"),
        say(JANIS, async () => `PALDIES ${await code(h)()} 1,5`),
        say(JANIS, "jā"),
        say(JANIS, async () => `paldies ${await code(h)()} 1`),
      ],
      fake,
    );
    matchGolden("board-thanks-lv", transcript);
    const ask = await code(h)();
    expect(transcript).toContain("< Labi, nekas netika samaksāts.");
    expect(transcript).toContain("< Anna saņem 1,5 kredītus. Atlikums: 2,5.");
    expect(transcript).toContain(
      `< Par vienu sludinājumu līdz 2 kredītiem nedēļā. ${ask} vēl atlikuši 0,5 kredīti.`,
    );
    expect(fake.calls.filter((c) => c.to === ANNA).map((c) => c.body)).toContain(
      `Jānis dziękuje za ${ask} i płaci Ci 1,5 kredytu!`,
    );
    expect((await payments(h)).map((p) => p.minutes)).toEqual([-90, 90]);
  });
});

describe("the helper asks to be paid (DONE), the helped member confirms", () => {
  test("Sharon sends DONE, Anna is asked in Polish and pays with TAK; a second DONE is refused with NIE", async () => {
    const h = await harness();
    await play(h, swapped(h), fake);
    fake.calls.length = 0;
    const offer = await code(h)();
    const transcript = await play(
      h,
      [
        say(ANNA, `ZROBIONE ${offer} 2`),
        say(SHARON, `DONE ${offer}`),
        say(SHARON, `DONE ${offer} 2`),
        say(ANNA, `TAK ${offer}`),
        say(SHARON, `done ${offer} 1`),
        say(ANNA, `NIE ${offer}`),
        say(ANNA, `TAK ${offer}`),
      ],
      fake,
    );
    matchGolden("board-done-pl", transcript);
    expect(transcript).toContain(`< ZROBIONE dla ${offer} wysyła tylko osoba, która pomagała.`);
    expect(transcript).toContain(
      `< To ask for credits for your help, send DONE, the code and the hours, e.g. DONE ${offer} 2`,
    );
    expect(transcript).toContain(
      `» +447700900100: Sharon pomaga Ci przez ${offer}: 2 kredyty? Odpisz TAK ${offer}, aby zapłacić, lub NIE ${offer}.`,
    );
    expect(transcript).toContain("< Sharon dostaje 2 kredyty. Saldo: 1.");
    expect(transcript).toContain(`» +447700900101: Anna thanked you for ${offer} with 2 credits!`);
    expect(transcript).toContain(
      `» +447700900101: Anna did not confirm the help on ${offer}. Nothing was paid.`,
    );
    // The last TAK has no claim left: it answers nothing on Anna's side (she is not the poster).
    expect(await payments(h)).toEqual([
      { name: "Anna", kind: "gift", status: "confirmed", minutes: -120, code: offer },
      { name: "Sharon", kind: "gift", status: "confirmed", minutes: 120, code: offer },
    ]);
    expect(await h.rows("SELECT minutes, status FROM help_claims ORDER BY id")).toEqual([
      { minutes: 120, status: "paid" },
      { minutes: 60, status: "declined" },
    ]);
  });
});

describe("member-to-member payments (property)", () => {
  test("whatever is thanked, the pair's total is unchanged and nobody's spendable credit goes below zero", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom("0,5", "1", "1,5", "2", "3", "0,1", "-1"), { maxLength: 5 }),
        async (amounts) => {
          const h = await harness({ postWeeklyCredits: 168, giftWeeklyCredits: 1000 });
          await play(h, swapped(h), fake);
          const offer = await code(h)();
          const before = (await available(h, ANNA)) + (await available(h, SHARON));
          for (const amount of amounts)
            await play(h, [say(ANNA, `THANKS ${offer} ${amount}`), say(ANNA, "YES")], fake);
          expect((await available(h, ANNA)) + (await available(h, SHARON))).toBe(before);
          expect(await available(h, ANNA)).toBeGreaterThanOrEqual(0);
          const rows = await payments(h);
          expect(rows.reduce((n, r) => n + Number(r.minutes), 0)).toBe(0);
        },
      ),
      { numRuns: 12 },
    );
  });
});

describe("going together", () => {
  test("after booking, a member is told how many others are going: a count, never names", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(DAVE, "LOG 3 07700900100"),
        say(DAVE, "LOG 3 07700900101"),
        say(ANNA, "BOOK 1"),
        say(ANNA, "2"),
        say(ANNA, "TAK"),
        say(SHARON, "BOOK 1"),
        say(SHARON, "1"),
        say(SHARON, "YES"),
      ],
      fake,
    );
    // Anna was first: nobody else yet. Sharon hears of Anna's two places, not her name.
    const anna = transcript.split("# +447700900101")[0] ?? "";
    expect(anna).not.toMatch(/Idzie|Idą/);
    expect(transcript).toMatch(/< Booked Family bingo, [^\n]*\n< 2 others are going\./);
    const sharon = transcript.split("> YES")[1] ?? "";
    expect(sharon).not.toContain("Anna");
  });
});
