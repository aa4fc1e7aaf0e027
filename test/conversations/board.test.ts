// The members' board by SMS, in English, Polish and Latvian: OFFER and ASK post a notice with a code
// and show the other kind's posts that fit it (across languages, first names only); a reply by code
// asks the poster before any number is shared, then both get each other's first name and number in
// one message; refusals (own post, unknown or closed code, a post still waiting for approval, a
// second reply, someone else's CLOSE, too many posts); CLOSE, RENEW and the erasure of a member's
// posts. Every transcript goes through POST /sms, with a fake Twilio receiving the messages to others.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, demoScheme, type Harness } from "../support/harness.ts";
import { matchGolden, play, type Turn } from "../support/transcript.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

/** The demo scheme; `approval: false` puts posts up at once (the default waits for the coordinator). */
async function harness(approval = false): Promise<Harness> {
  fake.calls.length = 0;
  const scheme = demoScheme() as { scheme: { settings?: Record<string, unknown> } };
  if (!approval) scheme.scheme.settings = { ...scheme.scheme.settings, postsNeedApproval: false };
  return createHarness({ scheme, env: { TWILIO_API_URL: fake.url } });
}

const say = (from: string, text: Turn["text"], at?: string): Turn =>
  at ? { from, text, at } : { from, text };
/** The code of the nth post (from 0, in the order posted). */
const code =
  (h: Harness, nth = 0) =>
  async () =>
    String((await h.rows("SELECT code FROM posts ORDER BY id"))[nth]?.code ?? "P???");
const posts = (h: Harness) =>
  h.rows(
    `SELECT p.kind, m.name, p.body, p.tags, p.status, p.expires_at FROM posts p
     JOIN members m ON m.id = p.member_id ORDER BY p.id`,
  );
const links = (h: Harness) =>
  h.rows(
    `SELECT p.code, m.name, l.status FROM post_links l JOIN members m ON m.id = l.member_id
     JOIN posts p ON p.id = l.post_id ORDER BY l.id`,
  );
const sentTo = (phone: string) => fake.calls.filter((c) => c.to === phone).map((c) => c.body);

describe("an ask finds an offer across languages, and numbers are swapped only after a YES", () => {
  test("Sharon offers lifts, Anna asks in Polish and replies by code, Sharon says YES: both get the other's number", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(SHARON, "OFFER lifts to Tesco on Saturdays"),
        say(ANNA, "PROŚBA potrzebuję podwózki do sklepu w sobotę"),
        say(ANNA, code(h)),
        say(SHARON, async () => `YES ${await code(h)()}`),
        // Jānis replies too; Sharon cannot take another lift this week.
        say(JANIS, async () => `${(await code(h)()).toLowerCase()} varu braukt kopā`),
        say(SHARON, async () => `NO ${await code(h)()}`),
        say(SHARON, async () => `NO ${await code(h)()}`),
      ],
      fake,
    );
    matchGolden("board-offer-ask-swap", transcript);
    const offer = await code(h)();
    // Anna's ask is shown Sharon's offer: first name and text, never a number.
    expect(transcript).toContain(
      `< Te oferty mogą pasować:\n< ${offer} Sharon oferuje: lifts to Tesco on Saturdays`,
    );
    const shown = (transcript.split(`> ${offer}`)[0] ?? "").split("\n").filter((l) => l.startsWith("<"));
    expect(shown.join("\n")).not.toContain(SHARON.slice(3));
    // Sharon is asked in English before anything is shared; Anna gets Sharon's number in Polish, once.
    expect(sentTo(SHARON)[0]).toBe(
      `Anna replied to your post ${offer} (lifts to Tesco on Saturdays). Swap numbers? Reply YES ${offer} or NO ${offer}.`,
    );
    expect(sentTo(ANNA)).toEqual([`Sharon: ${SHARON} (ogłoszenie ${offer}). Umówcie się bezpośrednio.`]);
    expect(transcript).toContain(`< Anna: ${ANNA} (post ${offer}). Please arrange it between you.`);
    // Jānis hears no, in Latvian, and never gets a number; a second NO finds nobody waiting.
    expect(sentTo(JANIS)).toEqual([`Sharon šobrīd nevar pieņemt ${offer}. Paldies par atsaucību.`]);
    expect(transcript).toContain(`< Nobody is waiting for an answer on ${offer}.`);
    expect(await links(h)).toEqual([
      { code: offer, name: "Anna", status: "shared" },
      { code: offer, name: "Jānis", status: "declined" },
    ]);
    expect(await posts(h)).toEqual([
      expect.objectContaining({ kind: "offer", name: "Sharon", tags: '["lift","shopping"]', status: "open" }),
      expect.objectContaining({ kind: "ask", name: "Anna", tags: '["lift","shopping"]', status: "open" }),
    ]);
  });

  test("in Latvian: an ask for help with a form finds a Polish offer; BOARD lists what is up", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(ANNA, "OFERUJĘ pomoc z formularzem z urzędu albo pismem"),
        say(JANIS, "LŪGUMS vajag palīdzēt aizpildīt veidlapu pabalstam"),
        say(JANIS, "sludinajumi"),
        say(SHARON, "board"),
      ],
      fake,
    );
    matchGolden("board-lv-forms", transcript);
    const offer = await code(h)();
    expect(transcript).toContain(
      `< Šie piedāvājumi varētu derēt:\n< ${offer} Anna piedāvā: pomoc z formularzem`,
    );
    expect(transcript).toContain("< On the board:");
    expect((await posts(h)).map((p) => p.tags)).toEqual(['["forms"]', '["forms"]']);
  });
});

describe("a post in the member's own words is asked once", () => {
  test("a sentence in each language becomes an offer or an ask after YES; NO posts nothing", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(ANNA, "czy ktoś pomoże mi z przeprowadzką w sobotę?"),
        say(ANNA, "TAK"),
        say(SHARON, "happy to help with gardening if anyone needs it"),
        say(SHARON, "no"),
        say(JANIS, "ja kādam vajag, labprāt palīdzēšu ar iepirkšanos"),
        say(JANIS, "jā"),
      ],
      fake,
    );
    matchGolden("board-own-words", transcript);
    expect(transcript).toContain(
      '< Dodać na tablicę prośbę o pomoc: "czy ktoś pomoże mi z przeprowadzką w sobotę"? Odpisz TAK lub NIE.',
    );
    expect(transcript).toContain("< OK, nothing posted.");
    expect((await posts(h)).map((p) => [p.kind, p.name])).toEqual([
      ["ask", "Anna"],
      ["offer", "Jānis"],
    ]);
  });
});

describe("what the board refuses", () => {
  test("own post, unknown code, a second reply, someone else's CLOSE, a closed post, too many posts", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        say(SHARON, "OFFER dog walking in the mornings"),
        say(SHARON, code(h)),
        say(ANNA, "P999"),
        say(ANNA, code(h)),
        say(ANNA, code(h)),
        say(ANNA, async () => `ZAMKNIJ ${await code(h)()}`),
        say(SHARON, "CLOSE"),
        say(JANIS, code(h)),
        say(JANIS, "PIEDĀVĀJU"),
        say(JANIS, "PIEDĀVĀJU 1 palīdzēt dārzā"),
        say(JANIS, "PIEDĀVĀJU 2 izvest suni"),
        say(JANIS, "PIEDĀVĀJU 3 salabot plauktu"),
        say(JANIS, "PIEDĀVĀJU 4 angļu valodas stundas"),
        say(JANIS, "PIEDĀVĀJU 5 iepirkties"),
        say(JANIS, "PIEDĀVĀJU 6 vēl kaut ko"),
        say(JANIS, "SLĒGT"),
      ],
      fake,
    );
    matchGolden("board-refusals", transcript);
    const dog = await code(h)();
    expect(transcript).toContain(`> ${dog}\n< ${dog} is your own post.`);
    expect(transcript).toContain("< Nie ma otwartego ogłoszenia P999.");
    expect(transcript).toContain(`< Odpowiedź na ${dog} już została wysłana.`);
    expect(transcript).toContain(`< ${dog} nie jest Twoim ogłoszeniem.`);
    expect(transcript).toContain(`< ${dog} is closed. Thank you!`);
    expect(transcript).toContain(`> ${dog}\n< Nav atvērta sludinājuma ${dog}.`);
    expect(transcript).toContain("< Ko vari piedāvāt? Piem. PIEDĀVĀJU aizvest uz Tesco sestdienās");
    expect(transcript).toContain("< Tev jau ir 5 sludinājumi. Vispirms SLĒGT vienu.");
    expect(transcript).toMatch(/< Kuru sludinājumu\? Sūti vārdu un kodu: (P\d{3}, ){4}P\d{3}/);
    // Sharon was asked once (Anna's second reply is refused), and nothing else was sent.
    expect(fake.calls.map((c) => c.to)).toEqual([SHARON]);
    expect((await posts(h)).map((p) => p.status)).toEqual(["closed", "open", "open", "open", "open", "open"]);
    expect(await links(h)).toEqual([{ code: dog, name: "Anna", status: "asked" }]);
  });

  test("by default a post waits for the coordinator: nobody can reply until it is up", async () => {
    const h = await harness(true);
    const transcript = await play(
      h,
      [say(SHARON, "OFFER help with shopping"), say(ANNA, code(h)), say(ANNA, "PROŚBA zakupy")],
      fake,
    );
    const offer = await code(h)();
    expect(transcript).toContain(
      `< Thanks! Your offer ${offer} goes up once the coordinator has checked it.`,
    );
    expect(transcript).toContain(`< Ogłoszenie ${offer} nie jest jeszcze widoczne.`);
    // A waiting post is matched to nobody.
    expect(transcript).not.toContain("Te oferty mogą pasować");
    expect((await posts(h)).map((p) => p.status)).toEqual(["waiting", "waiting"]);
    expect(await links(h)).toEqual([]);
    // Once approved it is up, and a reply reaches Sharon.
    await h.db.execute("UPDATE posts SET status = 'open' WHERE id = 1");
    await play(h, [say(ANNA, code(h))], fake);
    expect(sentTo(SHARON)).toHaveLength(1);
  });
});

describe("the poster keeps their post up or takes it down", () => {
  test("RENEW moves the end from today; CLOSE with a code; an ended post takes no replies", async () => {
    const h = await harness();
    await play(h, [say(ANNA, "OFERUJĘ pomoc w ogrodzie")], fake);
    const before = (await posts(h))[0]?.expires_at;
    expect(before).toBe("2026-12-28T12:00:00.000Z");
    const transcript = await play(
      h,
      [
        say(ANNA, async () => `ODNÓW ${await code(h)()}`, "2026-12-20T09:00:00Z"),
        say(SHARON, code(h)),
        say(ANNA, async () => `zamknij ${(await code(h)()).toLowerCase()}`),
        say(SHARON, code(h)),
      ],
      fake,
    );
    const garden = await code(h)();
    expect(transcript).toContain(`< ${garden} będzie widoczne jeszcze 30 dni.`);
    expect(transcript).toContain(`< Ogłoszenie ${garden} zamknięte. Dziękujemy!`);
    expect(transcript).toContain(`< There is no open post ${garden}.`);
    expect(await posts(h)).toEqual([
      expect.objectContaining({ status: "closed", expires_at: "2027-01-19T09:00:00.000Z" }),
    ]);
  });

  test("DELETE ME takes down the member's posts, blanks their words and removes their replies", async () => {
    const h = await harness();
    await play(
      h,
      [say(SHARON, "OFFER lifts to the doctor's"), say(ANNA, "OFERUJĘ podwózkę"), say(SHARON, code(h, 1))],
      fake,
    );
    expect(await links(h)).toHaveLength(1);
    await play(h, [say(SHARON, "DELETE ME"), say(SHARON, "YES")], fake);
    expect((await posts(h)).map((p) => [p.body, p.status])).toEqual([
      ["", "closed"],
      ["podwózkę", "open"],
    ]);
    expect(await links(h)).toEqual([]);
  });
});
