// test/conversations/partners.test.ts's confirmation by reply, on the Worker build inside workerd: the
// requests to the partner's contacts and the volunteer's news go out through the Twilio REST API from
// waitUntil (cloudflare:workers) after the answer.
import { beforeAll, describe, expect, test } from "vitest";
import golden from "../golden/partner-confirm-pl-en.txt?raw";
import { ACCOUNT_SID, AUTH_TOKEN, SCHEME_NUMBER } from "./constants.ts";
import {
  expectFreshDatabase,
  expectLikeGolden,
  latestCode,
  play,
  realDays,
  rows,
  twilioCalls,
} from "./support.ts";

const ANNA = "+447700900100"; // member, Polish
const KATE = "+447700900001"; // The Staithe, English
const MAREK = "+447700900002"; // The Staithe, Polish

beforeAll(expectFreshDatabase);

/** The golden file's request code is 226 (the Node tests' seeded randomness); the Worker draws its own. */
const GOLDEN_CODE = "226";
/** What is suggested after a confirmation depends on the day (upcoming events); it is checked apart. */
const SUGGESTION = /\n {2}Propozycja:\n {2}[^\n]*/g;

describe("partners confirm hours by reply, on Workers", () => {
  test("a Polish volunteer, an English and a Polish contact: confirm, then a second answer", async () => {
    const days = realDays();
    let code = "";
    const reply = (word: string) => async () => {
      code = await latestCode("staithe")();
      return `${word} ${code}`;
    };
    const transcript = await play(
      [
        { from: ANNA, text: "GODZINY 3 staithe ogrodnictwo" },
        { from: KATE, text: reply("YES") },
        { from: MAREK, text: reply("TAK") },
        { from: ANNA, text: "saldo" },
      ],
      { outbound: true },
    );
    expect(code).toMatch(/^\d{3}$/);
    const codes = (text: string, own: string) =>
      text.replace(new RegExp(`\\b${own}\\b`, "g"), "{code}").replace(SUGGESTION, "");
    expectLikeGolden(golden, transcript, days, (text) =>
      codes(text, text.includes(`YES ${GOLDEN_CODE}`) ? GOLDEN_CODE : code),
    );
    // Whatever is suggested, it reads like the golden one: an event, its day and time, its place, its cost.
    for (const [suggestion] of transcript.matchAll(SUGGESTION)) {
      expect(suggestion).toMatch(/^\n {2}Propozycja:\n {2}.+, .+ \d{1,2}:\d{2}, .+: \d+ kredyt/);
    }
    const [kate] = await rows("SELECT id FROM partner_contacts WHERE phone = ?", KATE);
    expect(
      await rows(
        `SELECT m.name, l.minutes, l.partner_id, l.status, l.settled_by, l.reason, l.day FROM ledger_entries l
         JOIN members m ON m.id = l.member_id ORDER BY l.id`,
      ),
    ).toEqual([
      {
        name: "Anna",
        minutes: 180,
        partner_id: "staithe",
        status: "confirmed",
        settled_by: `contact:${kate?.id}`,
        reason: null,
        day: days.today,
      },
    ]);
    // Sent as Twilio expects: from the scheme's number, with the account's basic auth.
    expect(twilioCalls.map((c) => c.to)).toEqual([KATE, MAREK, ANNA]);
    for (const call of twilioCalls) {
      expect(call.from).toBe(SCHEME_NUMBER);
      expect(call.auth).toBe(`Basic ${btoa(`${ACCOUNT_SID}:${AUTH_TOKEN}`)}`);
    }
    expect(await rows("SELECT status, COUNT(*) AS n FROM outbox GROUP BY status")).toEqual([
      { status: "sent", n: 3 },
    ]);
  });
});
