// Logs never hold message bodies, phone numbers or tokens: a realistic run on SMS and Telegram (join,
// LOG, a partner's YES, GIVE, MY DATA, DELETE ME, a failing Bot API call, a forged webhook, the tick)
// with everything logged or printed captured and searched.
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { tick } from "../../src/jobs/tick.ts";
import { type FakeTelegram, startFakeTelegram } from "../support/fake-telegram.ts";
import { type FakeTwilio, startFakeTwilio } from "../support/fake-twilio.ts";
import { AUTH_TOKEN } from "../support/harness.ts";
import {
  BOT_TOKEN,
  createTelegramHarness,
  type TgUser,
  telegramPlayer,
  WEBHOOK_SECRET,
} from "../support/telegram.ts";
import { latestCode, play } from "../support/transcript.ts";

const ADMIN_TOKEN = "admin-token-4f9a7c1e2b";
const BEATRIX = "+447700900777";
const SHARON = "+447700900101";
const KATE = "+447700900001";
const OLGA: TgUser = { id: 7001239876, first_name: "Olga", language_code: "pl" };

let fakeTwilio: FakeTwilio;
let fakeTelegram: FakeTelegram;
beforeAll(async () => {
  fakeTwilio = await startFakeTwilio();
  fakeTelegram = await startFakeTelegram();
});
afterAll(async () => {
  await fakeTwilio.close();
  await fakeTelegram.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("logs", () => {
  test("hold no message bodies, phone numbers, Telegram ids or tokens", async () => {
    const printed: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" "));
      });
    }
    const h = await createTelegramHarness(fakeTelegram, fakeTwilio, { env: { ADMIN_TOKEN } });
    const say = (text: string) => ({ from: BEATRIX, text });
    const sms = [
      say("Hello"),
      say("1"),
      say("Beatrix"),
      say("yes"),
      say("LOG 3 staithe gardening"),
      { from: KATE, text: async () => `YES ${await latestCode(h, "staithe")()}` },
      say("GIVE 1 07700 900101"),
      say("YES"),
      { from: SHARON, text: "HISTORY" },
      say("MY DATA"),
      say("DELETE ME"),
      say("YES"),
    ];
    await play(h, sms, fakeTwilio);
    // A forged webhook, and a Bot API that fails once.
    expect((await h.sms(BEATRIX, "forged secret text", { signature: "bad" })).status).toBe(403);
    fakeTelegram.failNext("sendMessage", 400, {
      ok: false,
      error_code: 400,
      description: "Bad Request: chat not found",
    });
    const tg = (text: string) => ({ tg: OLGA, text });
    const telegram = [
      tg("/start"),
      tg("Olga"),
      tg("TAK"),
      tg("GODZINY 2 staithe"),
      tg("MOJE DANE"),
      tg("USUŃ MNIE"),
      tg("TAK"),
    ];
    await telegramPlayer(h).play(telegram);
    await tick(h.deps);
    await h.flush();

    // The run did what it says: both people asked for their data and were deleted.
    expect(fakeTelegram.documents(OLGA.id)).toHaveLength(1);
    expect(await h.rows("SELECT COUNT(*) AS n FROM members WHERE deleted_at IS NOT NULL")).toEqual([
      { n: 2 },
    ]);

    const everything = [...h.logs, ...printed].join("\n");
    expect(h.logs.length).toBeGreaterThan(10);
    expect(everything).toContain("outbox.failed");
    expect(everything).toContain("sms.bad_signature");
    // Phone numbers in any form, Telegram user ids, and the names people gave.
    expect(everything).not.toMatch(/\+44\d{6,}|\b07\d{3}\s?\d{6}\b|7700\s?900/);
    for (const id of [OLGA.id, 1001, 2002]) expect(everything).not.toContain(String(id));
    for (const name of ["Beatrix", "Olga", "Sharon", "Kate"]) expect(everything).not.toContain(name);
    // Every text anyone sent, and the forged one.
    const bodies = [...sms.map((t) => t.text), ...telegram.map((t) => t.text), "forged secret text"];
    for (const body of bodies.filter((b): b is string => typeof b === "string" && b.length > 3))
      expect(everything, body).not.toContain(body);
    for (const secret of [AUTH_TOKEN, BOT_TOKEN, BOT_TOKEN.split(":")[1] ?? "", WEBHOOK_SECRET, ADMIN_TOKEN])
      expect(everything).not.toContain(secret);
  });
});
