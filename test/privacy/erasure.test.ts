// What DELETE ME leaves behind: the same ledger totals per partner and for the scheme, and no row in
// any table that still holds the member's name or number (SMS), or their Telegram id (Telegram).
// Also MY DATA on Telegram: the summary, then the JSON file through sendDocument.
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { tick } from "../../src/jobs/tick.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { createTelegramHarness, type TgUser, telegramPlayer } from "../support/telegram.ts";
import { latestCode, play } from "../support/transcript.ts";

const BEATRIX = "+447700900777";
const SHARON = "+447700900101";
const KATE = "+447700900001";
const JANIS_TG: TgUser = { id: 2002, first_name: "Jānis", language_code: "lv" }; // also +447700900102

let fakeTwilio: FakeTwilio;
beforeAll(async () => {
  fakeTwilio = await startFakeTwilio();
});
afterAll(() => fakeTwilio.close());

/** Every row of every table, as text, to search for what must be gone. */
async function everyRow(h: Harness): Promise<string> {
  const tables = await h.rows(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  );
  const out: string[] = [];
  for (const { name } of tables) {
    for (const row of await h.rows(`SELECT * FROM "${String(name)}"`))
      out.push(`${String(name)} ${JSON.stringify(row)}`);
  }
  return out.join("\n");
}

/** Settled credits (an open request of theirs is withdrawn at erasure, so "open" is left out). */
const totals = async (h: Harness) => ({
  byPartner: await h.rows(
    `SELECT partner_id, status, SUM(minutes) AS minutes, COUNT(*) AS n FROM ledger_entries
     WHERE status NOT IN ('pending', 'expired') GROUP BY partner_id, status ORDER BY partner_id, status`,
  ),
  scheme: await h.rows(
    `SELECT kind, status, SUM(minutes) AS minutes FROM ledger_entries WHERE status NOT IN ('pending', 'expired')
     GROUP BY kind, status ORDER BY kind, status`,
  ),
  members: await h.rows("SELECT COUNT(*) AS n FROM members"),
});

describe("DELETE ME", () => {
  test("keeps partner and scheme totals and leaves no row with the name or number", async () => {
    fakeTwilio.calls.length = 0;
    const h = await createHarness({ env: { TWILIO_API_URL: fakeTwilio.url } });
    const say = (text: string) => ({ from: BEATRIX, text });
    await play(
      h,
      [
        say("Hello"),
        say("1"),
        say("Beatrix"),
        say("yes"),
        say("LOG 3 staithe gardening"),
        { from: KATE, text: async () => `YES ${await latestCode(h, "staithe")()}` },
        say("LOG 2 oasis"),
        say("GIVE 1 07700 900101"),
        say("YES"),
        { from: SHARON, text: "HISTORY" },
        { from: KATE, text: "LOG 1 07700 900777" },
        say("MY DATA"),
      ],
      fakeTwilio,
    );
    const before = await totals(h);
    expect(before.byPartner.length).toBeGreaterThan(1);
    expect(await everyRow(h)).toContain("Beatrix");

    const transcript = await play(h, [say("DELETE ME"), say("YES")], fakeTwilio);
    expect(transcript).toContain("are deleted");
    await tick(h.deps);
    await h.flush();

    expect(await totals(h)).toEqual(before);
    // The request still open at Oasis is withdrawn: nobody there is asked about a nameless member.
    expect(
      await h.rows(
        "SELECT partner_id, minutes, status, settled_by FROM ledger_entries WHERE kind = 'earning' AND status != 'confirmed'",
      ),
    ).toEqual([{ partner_id: "oasis", minutes: 120, status: "expired", settled_by: "erasure" }]);
    const dump = await everyRow(h);
    for (const trace of ["Beatrix", BEATRIX, "07700900777", "07700 900777", "900777"])
      expect(dump, `a row still holds ${trace}`).not.toContain(trace);
    // The gift Sharon received is still hers.
    expect(
      await h.rows("SELECT minutes, status FROM ledger_entries WHERE kind = 'gift' ORDER BY minutes"),
    ).toEqual([
      { minutes: -60, status: "confirmed" },
      { minutes: 60, status: "confirmed" },
    ]);
  });
});

describe("MY DATA and DELETE ME on Telegram", () => {
  test("MY DATA sends the summary, then my-data.json with the entries; DELETE ME forgets the chat id", async () => {
    const fakeTelegram: FakeTelegram = await startFakeTelegram();
    onTestFinished(() => fakeTelegram.close());
    const h = await createTelegramHarness(fakeTelegram, fakeTwilio);
    const player = telegramPlayer(h);
    const say = (text: string) => ({ tg: JANIS_TG, text });
    const transcript = await player.play([say("STUNDAS 2 staithe"), say("MANI DATI")]);
    expect(transcript).toContain("Dati: Jānis, ***0102, latviešu");
    expect(transcript).toContain("Visi tavi dati ir pievienotajā failā.");

    const [document, ...more] = fakeTelegram.documents(JANIS_TG.id);
    expect(more).toEqual([]);
    expect(document?.filename).toBe("my-data.json");
    const file = JSON.parse(document?.content ?? "");
    expect(file.member).toMatchObject({
      name: "Jānis",
      phone: "+447700900102",
      telegram_id: 2002,
      locale: "lv",
    });
    expect(file.ledgerEntries).toEqual([
      expect.objectContaining({ kind: "earning", status: "pending", minutes: 120, partner_id: "staithe" }),
    ]);
    // What was held when MY DATA was read: the request itself is not among it yet.
    expect(file.messagesFromYou.map((m: { body: string }) => m.body)).toEqual(["STUNDAS 2 staithe"]);
    expect(file.messagesToYou.length).toBeGreaterThan(0);
    // The summary comes first, then the file.
    const order = fakeTelegram.calls.map((c) => c.method).filter((m) => m !== "answerCallbackQuery");
    expect(order.slice(-2)).toEqual(["sendMessage", "sendDocument"]);

    // A delivered file is not kept.
    await tick(h.deps);
    expect(await h.rows("SELECT body FROM outbox WHERE payload LIKE '%document%'")).toEqual([{ body: "" }]);

    const deleted = await player.play([say("DZĒST MANI"), say("JĀ")]);
    expect(deleted).toContain("Izdarīts: tavs vārds, numurs un ziņas ir dzēsti.");
    await tick(h.deps);
    const dump = await everyRow(h);
    for (const trace of ["Jānis", "+447700900102", "07700900102"]) expect(dump).not.toContain(trace);
    expect(await h.rows("SELECT COUNT(*) AS n FROM outbox WHERE address = '2002'")).toEqual([{ n: 0 }]);
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE telegram_id = 2002")).toEqual([{ n: 0 }]);
    // Writing again starts joining from scratch.
    const again = await player.play([say("sveiki")]);
    expect(again).toContain("Kā tevi sauc?");
  });
});
