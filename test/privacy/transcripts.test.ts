// MY DATA and DELETE ME by SMS, as transcripts in English, Polish and Latvian: the summary, the one
// confirmation, and a number that starts from scratch afterwards.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { latestCode, matchGolden, play } from "../support/transcript.ts";

const NEW = "+447700900777";
const ANNA = "+447700900100"; // member, Polish, registered by the coordinator
const JANIS = "+447700900102"; // member, Latvian, also Telegram 2002
const KATE = "+447700900001"; // The Staithe's contact, not a member
const STRANGER = "+447700900666";

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

async function harness(): Promise<Harness> {
  fake.calls.length = 0;
  return createHarness({ env: { TWILIO_API_URL: fake.url } });
}

const member = (h: Harness, id: number) =>
  h.rows(
    "SELECT name, phone, telegram_id, opted_out, consent_at IS NOT NULL AS consented, deleted_at FROM members WHERE id = ?",
    id,
  );
const memberId = async (h: Harness, phone: string) =>
  Number((await h.rows("SELECT id FROM members WHERE phone = ?", phone))[0]?.id);

describe("MY DATA and DELETE ME by SMS", () => {
  test("English: a newcomer joins, logs, asks for their data, changes their mind once, then deletes", async () => {
    const h = await harness();
    const say = (text: string) => ({ from: NEW, text });
    const setup = await play(
      h,
      [
        say("Hello"),
        say("1"),
        say("Beatrix"),
        say("yes"),
        say("LOG 3 staithe gardening"),
        { from: KATE, text: async () => `YES ${await latestCode(h, "staithe")()}` },
      ],
      fake,
    );
    const id = await memberId(h, NEW);
    const transcript = await play(
      h,
      [
        say("MY DATA"),
        say("DELETE ME"),
        say("balance"),
        say("delete me"),
        say("maybe later"),
        say("NO"),
        say("DELETE ME"),
        say("YES"),
        say("MY DATA"),
        say("DELETE ME"),
        say("Hello"),
        { from: KATE, text: "MY DATA" },
        { from: STRANGER, text: "STOP" },
        { from: STRANGER, text: "my data" },
        { from: STRANGER, text: "hello" },
      ],
      fake,
    );
    matchGolden("privacy-en", setup + transcript);
    expect(transcript).toContain(
      "We hold: name Beatrix, number ***0777, language English, member since 28/11/2026",
    );
    expect(transcript).toContain("entries: 1, credits: 3.");
    expect(await member(h, id)).toEqual([
      {
        name: "",
        phone: null,
        telegram_id: null,
        opted_out: 1,
        consented: 1,
        deleted_at: "2026-11-28T12:00:00.000Z",
      },
    ]);
    // The hours stay, under the anonymous id.
    expect(await h.rows("SELECT member_id, minutes, status FROM ledger_entries")).toEqual([
      { member_id: id, minutes: 180, status: "confirmed" },
    ]);
    // "Hello" afterwards starts joining from scratch: no member yet, nothing tied to the old one.
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE phone = ?", NEW)).toEqual([{ n: 0 }]);
    expect(await h.rows("SELECT state FROM conversations WHERE address = ?", `sms:${NEW}`)).toEqual([
      { state: "join.language" },
    ]);
    // The stranger's STOP still holds after asking what is kept.
    expect(transcript).toMatch(/> hello\n\(no reply\)\n$/);
  });

  test("Polish: a member registered by the coordinator asks, then deletes in one go", async () => {
    const h = await harness();
    const id = await memberId(h, ANNA);
    const say = (text: string) => ({ from: ANNA, text });
    const transcript = await play(h, [
      say("GODZINY 2 staithe"),
      say("MOJE DANE"),
      say("USUŃ MNIE"),
      say("TAK"),
      say("saldo"),
    ]);
    matchGolden("privacy-pl", transcript);
    expect(transcript).toContain("Mamy: Anna, nr ***0100, polski, od 28.11.2026, wpisy: 1, saldo: 0.");
    expect(await member(h, id)).toEqual([
      {
        name: "",
        phone: null,
        telegram_id: null,
        opted_out: 1,
        consented: 1,
        deleted_at: "2026-11-28T12:00:00.000Z",
      },
    ]);
    // Her open request is withdrawn: Kate is not asked about a nameless member.
    expect(await h.rows("SELECT member_id, minutes, status, settled_by FROM ledger_entries")).toEqual([
      { member_id: id, minutes: 120, status: "expired", settled_by: "erasure" },
    ]);
  });

  test("Latvian: a member with SMS and Telegram asks, says NĒ, then JĀ; both addresses are forgotten", async () => {
    const h = await harness();
    const id = await memberId(h, JANIS);
    const say = (text: string) => ({ from: JANIS, text });
    const transcript = await play(h, [
      say("STUNDAS 1h30 staithe vakar"),
      say("mani dati"),
      say("DZĒST MANI"),
      say("varbūt"),
      say("NĒ"),
      say("dzēst mani"),
      say("jā"),
      say("ATLIKUMS"),
    ]);
    matchGolden("privacy-lv", transcript);
    expect(transcript).toContain("Dati: Jānis, ***0102, latviešu, kopš 28.11.2026, ieraksti: 1, kredīti: 0.");
    expect(await member(h, id)).toEqual([
      {
        name: "",
        phone: null,
        telegram_id: null,
        opted_out: 1,
        consented: 1,
        deleted_at: "2026-11-28T12:00:00.000Z",
      },
    ]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE telegram_id = 2002")).toEqual([{ n: 0 }]);
  });

  test("a member who is also a partner's contact: YES answers DELETE ME, not the partner's request", async () => {
    const h = await harness();
    await play(h, [
      { from: KATE, text: "START" },
      { from: KATE, text: "1" },
      { from: KATE, text: "Kate" },
      { from: KATE, text: "yes" },
      { from: NEW, text: "Hello" },
      { from: NEW, text: "1" },
      { from: NEW, text: "Beatrix" },
      { from: NEW, text: "yes" },
      { from: NEW, text: "LOG 2 staithe" },
    ]);
    const kate = await memberId(h, KATE);
    const transcript = await play(h, [
      { from: KATE, text: "DELETE ME" },
      { from: KATE, text: "YES" },
    ]);
    expect(transcript).toContain("your name, number and messages are deleted");
    expect(await h.rows("SELECT status FROM ledger_entries")).toEqual([{ status: "pending" }]);
    expect(await member(h, kate)).toMatchObject([{ name: "", phone: null }]);
    // The contact row is the partner's, not the member's: it stays.
    expect(await h.rows("SELECT name FROM partner_contacts WHERE phone = ?", KATE)).toEqual([
      { name: "Kate" },
    ]);
  });

  test("after STOP a member can still ask for their data and be deleted", async () => {
    const h = await harness();
    const say = (text: string) => ({ from: ANNA, text });
    const transcript = await play(h, [
      say("STOP"),
      say("saldo"),
      say("MOJE DANE"),
      say("USUŃ MNIE"),
      say("TAK"),
    ]);
    expect(transcript).toContain("> saldo\n(no reply)");
    expect(transcript).toContain("Mamy: Anna");
    expect(transcript).toContain("Gotowe:");
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE phone = ?", ANNA)).toEqual([{ n: 0 }]);
  });
});
