// The newcomer transcripts that both the Node suites (test/conversations/{english,polish,latvian}.test.ts)
// and the Worker suites inside workerd (test/worker/*.test.ts) play: the messages, the golden file and the
// checks of the database afterwards. Nothing here may need Node: workerd imports this module too.
import { expect } from "vitest";

export interface Days {
  today: string;
  yesterday: string;
}

/** The days the Node golden files were made on (2026-11-28, a Saturday, in Europe/London). */
export const GOLDEN_DAYS: Days = { today: "2026-11-28", yesterday: "2026-11-27" };

export type Rows = (
  sqlText: string,
  ...args: Array<string | number | null>
) => Promise<Record<string, unknown>[]>;

export interface NewcomerCase {
  title: string;
  /** test/golden/<golden>.txt */
  golden: string;
  from: string;
  texts: string[];
  /** The database after the transcript; `days` are the scheme's today and yesterday when it was played. */
  check(rows: Rows, days: Days): Promise<void>;
}

const ENGLISH_FROM = "+447700900501";

export const ENGLISH_NEWCOMER: NewcomerCase = {
  title: "a newcomer joins, logs step by step and in one line, checks balance and history",
  golden: "en-join-and-log",
  from: ENGLISH_FROM,
  texts: [
    "Hello",
    "1",
    "Dave",
    "yes",
    "BALANCE",
    "LOG",
    "2",
    "2.5",
    "3",
    "2",
    "log 3 staithe gardening",
    "bal",
    "HISTORY",
    "help",
    "menu",
    "1",
  ],
  async check(rows, days) {
    const [member] = await rows("SELECT name, locale, opted_out FROM members WHERE phone = ?", ENGLISH_FROM);
    expect(member).toMatchObject({ name: "Dave", locale: "en", opted_out: 0 });
    expect(
      await rows("SELECT kind, status, minutes, partner_id, activity, day FROM ledger_entries ORDER BY id"),
    ).toEqual([
      {
        kind: "earning",
        status: "pending",
        minutes: 150,
        partner_id: "oasis",
        activity: "cleaning",
        day: days.yesterday,
      },
      {
        kind: "earning",
        status: "pending",
        minutes: 180,
        partner_id: "staithe",
        activity: "gardening",
        day: days.today,
      },
    ]);
  },
};

const POLISH_FROM = "+447700900502";

export const POLISH_NEWCOMER: NewcomerCase = {
  title: "a newcomer's first message is a Polish one-line log: it is kept until they join, then recorded",
  golden: "pl-join-and-log",
  from: POLISH_FROM,
  texts: [
    "GODZINY 2,5 staithe wczoraj",
    "Kasia",
    "TAK",
    "saldo",
    "godziny",
    "oasis",
    "1h30",
    "sprzatanie",
    "wczoraj",
    "Historia",
    "pomoc",
    "menu",
    "6",
    "1",
  ],
  async check(rows, days) {
    expect(await rows("SELECT name, locale FROM members WHERE phone = ?", POLISH_FROM)).toEqual([
      { name: "Kasia", locale: "en" },
    ]);
    expect(
      await rows("SELECT minutes, partner_id, activity, day, status FROM ledger_entries ORDER BY id"),
    ).toEqual([
      { minutes: 150, partner_id: "staithe", activity: null, day: days.yesterday, status: "pending" },
      // "sprzatanie" is the Polish title of the demo scheme's "cleaning", typed without diacritics.
      { minutes: 90, partner_id: "oasis", activity: "cleaning", day: days.yesterday, status: "pending" },
    ]);
    // Nothing but the conversation was stored before consent: the first body is not kept.
    const bodies = await rows("SELECT body FROM inbound_messages ORDER BY id LIMIT 3");
    expect(bodies.map((b) => b.body)).toEqual([null, null, "TAK"]);
  },
};

const LATVIAN_FROM = "+447700900503";

export const LATVIAN_NEWCOMER: NewcomerCase = {
  title: "a newcomer picks Latvian, joins, logs in one line and step by step",
  golden: "lv-join-and-log",
  from: LATVIAN_FROM,
  texts: [
    // "Labdien" is clearly Latvian: the bot asks the name in Latvian straight away.
    "Labdien",
    "Līga",
    "ja",
    "STUNDAS 1h30 staithe vakar",
    "atlikums",
    "STUNDAS",
    "rainbow",
    "2",
    "1",
    "1",
    "vesture",
    "PALIDZIBA",
    "VALODA",
    "1",
  ],
  async check(rows, days) {
    expect(await rows("SELECT name, locale FROM members WHERE phone = ?", LATVIAN_FROM)).toEqual([
      { name: "Līga", locale: "en" },
    ]);
    expect(await rows("SELECT minutes, partner_id, activity, day FROM ledger_entries ORDER BY id")).toEqual([
      { minutes: 90, partner_id: "staithe", activity: null, day: days.yesterday },
      { minutes: 120, partner_id: "childrens-centre", activity: "playgroup", day: days.today },
    ]);
  },
};

/** The case's messages as turns of `play` (test/support/transcript.ts and test/worker/support.ts). */
export function turnsOf(c: NewcomerCase): Array<{ from: string; text: string }> {
  return c.texts.map((text) => ({ from: c.from, text }));
}
