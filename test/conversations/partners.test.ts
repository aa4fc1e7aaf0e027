// Partners confirm hours by reply: the whole loop through POST /sms, with a fake Twilio REST API on
// 127.0.0.1 capturing what the partner's contacts and the volunteers receive.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { latestCode, matchGolden, play } from "../support/transcript.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const JANIS = "+447700900102"; // member, Latvian
const KATE = "+447700900001"; // The Staithe, English
const MAREK = "+447700900002"; // The Staithe, Polish
const ILZE = "+447700900004"; // Oasis, Latvian
const DAVE = "+447700900006"; // Adventure Playground, English
const STRANGER = "+447700900666";

let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio();
});
afterAll(() => fake.close());

async function harness(now = "2026-11-28T12:00:00Z"): Promise<Harness> {
  fake.calls.length = 0;
  return createHarness({ now, env: { TWILIO_API_URL: fake.url } });
}

const entries = (h: Harness) =>
  h.rows(
    `SELECT m.name, l.minutes, l.partner_id, l.status, l.settled_by, l.reason FROM ledger_entries l
     JOIN members m ON m.id = l.member_id ORDER BY l.id`,
  );
const contactId = async (h: Harness, phone: string) =>
  `contact:${(await h.rows("SELECT id FROM partner_contacts WHERE phone = ?", phone))[0]?.id}`;

describe("partners confirm hours by reply", () => {
  test("a Polish volunteer, an English and a Polish contact: confirm, then a second answer", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        { from: ANNA, text: "GODZINY 3 staithe ogrodnictwo" },
        { from: KATE, text: async () => `YES ${await latestCode(h, "staithe")()}` },
        { from: MAREK, text: async () => `TAK ${await latestCode(h, "staithe")()}` },
        { from: ANNA, text: "saldo" },
      ],
      fake,
    );
    matchGolden("partner-confirm-pl-en", transcript);
    expect(await entries(h)).toEqual([
      {
        name: "Anna",
        minutes: 180,
        partner_id: "staithe",
        status: "confirmed",
        settled_by: await contactId(h, KATE),
        reason: null,
      },
    ]);
    expect(transcript).toMatch(
      /» \+447700900001: Anna: 3 h Gardening at The Staithe, Sat 28 Nov\. Reply YES \d{3} or NO \d{3}/,
    );
    expect(transcript).toMatch(
      /» \+447700900002: Anna: 3 godz\. \(Ogrodnictwo\), The Staithe, sob\. 28 lis\. Odpisz TAK \d{3} albo NIE \d{3}/,
    );
    expect(transcript).toMatch(
      /» \+447700900100: The Staithe potwierdza 3 godz\. \(sob\. 28 lis\)\. Masz teraz 3 kredyty\./,
    );
    expect(transcript).toContain("jest już potwierdzone (Kate)");
  });

  test("a Latvian contact turns hours down with a reason; the volunteer hears it", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        { from: SHARON, text: "LOG 2 oasis cafe" },
        { from: ILZE, text: async () => `NĒ ${await latestCode(h, "oasis")()} nebija šodien šeit` },
        { from: SHARON, text: "history" },
      ],
      fake,
    );
    matchGolden("partner-reject-lv", transcript);
    expect(await entries(h)).toEqual([
      {
        name: "Sharon",
        minutes: 120,
        partner_id: "oasis",
        status: "rejected",
        settled_by: await contactId(h, ILZE),
        reason: "nebija šodien šeit",
      },
    ]);
    expect(transcript).toContain('did not confirm your 2 h on Sat 28 Nov: "nebija šodien šeit"');
  });

  test("several open requests: a bare YES asks which; codes, several codes and YES ALL", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        // Each request past the contacts' 10-minute window (contactNotifyMinutes): all are texted at once.
        { from: SHARON, text: "LOG 2 staithe kitchen" },
        { from: ANNA, text: "GODZINY 1,5 staithe wczoraj", at: "2026-11-28T12:11:00Z" },
        { from: JANIS, text: "STUNDAS 4 staithe", at: "2026-11-28T12:22:00Z" },
        { from: SHARON, text: "LOG 1 staithe yesterday", at: "2026-11-28T12:33:00Z" },
        { from: KATE, text: "YES" },
        { from: KATE, text: "2" },
        {
          from: KATE,
          text: async () =>
            `YES ${await latestCode(h, "staithe", 0)()} ${await latestCode(h, "staithe", 3)()}`,
        },
        { from: MAREK, text: "TAK WSZYSTKIE" },
        { from: KATE, text: "YES ALL" },
        { from: KATE, text: "NO 999" },
      ],
      fake,
    );
    matchGolden("partner-several", transcript);
    const rows = await entries(h);
    expect(rows.map((r) => r.status)).toEqual(["confirmed", "confirmed", "confirmed", "confirmed"]);
    const marek = await contactId(h, MAREK);
    expect(rows.filter((r) => r.settled_by === marek)).toHaveLength(1);
    expect(transcript).toContain("Which one?");
    expect(transcript).toContain("There are no requests waiting for you.");
  });

  test("a stranger's YES learns nothing; a member cannot confirm their own hours", async () => {
    const h = await harness();
    const transcript = await play(
      h,
      [
        { from: SHARON, text: "LOG 3 staithe" },
        { from: JANIS, text: async () => `JĀ ${await latestCode(h, "staithe")()}` },
        { from: STRANGER, text: async () => `YES ${await latestCode(h, "staithe")()}` },
        { from: ILZE, text: async () => `JĀ ${await latestCode(h, "staithe")()}` },
        // Kate joins as a volunteer and logs her own hours at her own partner.
        { from: KATE, text: "hello" },
        { from: KATE, text: "START" },
        { from: KATE, text: "1" },
        { from: KATE, text: "Kate" },
        { from: KATE, text: "yes" },
        // Past Marek's 10-minute window (contactNotifyMinutes): he is texted this request at once.
        { from: KATE, text: "LOG 2 staithe", at: "2026-11-28T12:11:00Z" },
        { from: KATE, text: async () => `YES ${await latestCode(h, "staithe")()}` },
        { from: KATE, text: "YES ALL" },
        { from: MAREK, text: async () => `TAK ${await latestCode(h, "staithe")()}` },
      ],
      fake,
    );
    matchGolden("partner-authority", transcript);
    const rows = await entries(h);
    expect(rows).toEqual([
      {
        name: "Sharon",
        minutes: 180,
        partner_id: "staithe",
        status: "confirmed",
        settled_by: await contactId(h, KATE),
        reason: null,
      },
      {
        name: "Kate",
        minutes: 120,
        partner_id: "staithe",
        status: "confirmed",
        settled_by: await contactId(h, MAREK),
        reason: null,
      },
    ]);
    expect(transcript).toContain("Pieprasījumus var apstiprināt tikai partnera darbinieki.");
    expect(transcript).toContain("You can't confirm your own hours");
    // The request for Kate's own hours went to Marek only.
    expect(fake.calls.filter((c) => c.to === KATE && /Kate: 2 h/.test(c.body))).toEqual([]);
  });

  test("a contact logs a group at once: known members confirmed, a new number invited and its hours wait", async () => {
    const h = await harness();
    const NEWBIE = "+447700900777";
    const transcript = await play(
      h,
      [
        { from: DAVE, text: "LOG 3 07700900100 07700 900101 +447700900777 litter picking" },
        { from: DAVE, text: "LOG 2 Anna yesterday" },
        { from: DAVE, text: "LOG 13 07700900100" },
        { from: DAVE, text: "LOG 2 07700900100 30/11" },
        { from: NEWBIE, text: "YES" },
        { from: NEWBIE, text: "Tom" },
        { from: NEWBIE, text: "yes" },
        { from: NEWBIE, text: "balance" },
      ],
      fake,
    );
    matchGolden("partner-bulk-log", transcript);
    expect(await entries(h)).toEqual([
      {
        name: "Anna",
        minutes: 180,
        partner_id: "playground",
        status: "confirmed",
        settled_by: await contactId(h, DAVE),
        reason: null,
      },
      {
        name: "Sharon",
        minutes: 180,
        partner_id: "playground",
        status: "confirmed",
        settled_by: await contactId(h, DAVE),
        reason: null,
      },
      {
        name: "Tom",
        minutes: 180,
        partner_id: "playground",
        status: "confirmed",
        settled_by: await contactId(h, DAVE),
        reason: null,
      },
      {
        name: "Anna",
        minutes: 120,
        partner_id: "playground",
        status: "confirmed",
        settled_by: await contactId(h, DAVE),
        reason: null,
      },
    ]);
    expect(transcript).toContain("You have 3 credits.");
  });

  test("one reminder digest after 48 h, expiry after 14 days, both by the scheduled job", async () => {
    const h = await harness("2026-11-02T10:00:00Z");
    const transcript = await play(
      h,
      [
        { from: SHARON, text: "LOG 2 staithe kitchen" },
        // Past the contacts' 10-minute window (contactNotifyMinutes): texted at once.
        { from: ANNA, text: "GODZINY 3 staithe", at: "2026-11-02T10:11:00Z" },
        { from: "", text: "", at: "2026-11-03T10:00:00Z", tick: true },
        { from: "", text: "", at: "2026-11-04T11:00:00Z", tick: true },
        { from: "", text: "", at: "2026-11-05T11:00:00Z", tick: true },
        { from: KATE, text: async () => `YES ${await latestCode(h, "staithe", 1)()}` },
        { from: "", text: "", at: "2026-11-16T11:00:00Z", tick: true },
        { from: "", text: "", at: "2026-11-17T11:00:00Z", tick: true },
      ],
      fake,
    );
    matchGolden("partner-reminder-expiry", transcript);
    expect((await entries(h)).map((r) => [r.name, r.status, r.settled_by])).toEqual([
      ["Sharon", "confirmed", await contactId(h, KATE)],
      ["Anna", "expired", "system"],
    ]);
    expect(transcript.match(/waiting for you/g)).toHaveLength(1);
  });

  test("check in and out: hours rounded to 15 minutes go to the partner; a forgotten OUT is asked about once", async () => {
    const h = await harness("2026-11-27T10:00:00Z");
    const transcript = await play(
      h,
      [
        { from: SHARON, text: "IN staithe" },
        { from: SHARON, text: "IN oasis" },
        { from: SHARON, text: "OUT", at: "2026-11-27T13:10:00Z" },
        { from: SHARON, text: "OUT" },
        { from: ANNA, text: "JESTEM oasis", at: "2026-11-27T18:00:00Z" },
        { from: JANIS, text: "ESMU" },
        { from: JANIS, text: "1" },
        { from: JANIS, text: "EJU", at: "2026-11-27T18:05:00Z" },
        { from: "", text: "", at: "2026-11-28T08:00:00Z", tick: true },
        { from: "", text: "", at: "2026-11-28T09:30:00Z", tick: true },
        { from: "", text: "", at: "2026-11-28T10:30:00Z", tick: true },
        { from: ANNA, text: "WYCHODZĘ" },
      ],
      fake,
    );
    matchGolden("partner-checkin", transcript);
    expect(await entries(h)).toEqual([
      {
        name: "Sharon",
        minutes: 195,
        partner_id: "staithe",
        status: "pending",
        settled_by: null,
        reason: null,
      },
    ]);
    expect(transcript.match(/did not check out|ale nie wyjście/g)).toHaveLength(1);
  });
});
