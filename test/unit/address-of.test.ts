// Where the bot writes to a person (core/requests.ts addressOf over core/channels.ts ADDRESS_ON): the
// one routing rule the bot, the dashboard and the jobs share, for every combination of addresses.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { addressOf } from "../../src/core/requests.ts";
import type { Channel } from "../../src/core/types.ts";

const person = fc.record({
  phone: fc.option(fc.constant("+447700900100"), { nil: null }),
  telegramId: fc.option(fc.constant(777), { nil: null }),
  lastChannel: fc.option(fc.constantFrom<Channel>("sms", "telegram", "whatsapp"), { nil: null }),
  telegramBlocked: fc.boolean(),
});

describe("addressOf", () => {
  test("the channel used last when it reaches them; SMS, then Telegram, otherwise; never a blocked chat", () => {
    fc.assert(
      fc.property(person, (p) => {
        const to = addressOf(p);
        const telegram = p.telegramId !== null && !p.telegramBlocked;
        const expected =
          p.lastChannel === "telegram" && telegram
            ? "telegram"
            : p.phone
              ? p.lastChannel === "whatsapp"
                ? "whatsapp"
                : "sms"
              : telegram
                ? "telegram"
                : null;
        expect(to?.channel ?? null).toBe(expected);
        if (to) expect(to.address).toBe(to.channel === "telegram" ? "777" : "+447700900100");
      }),
    );
  });

  test.each([
    [{ phone: "+447700900100", telegramId: 777, lastChannel: "telegram" as const }, "telegram"],
    [
      { phone: "+447700900100", telegramId: 777, lastChannel: "telegram" as const, telegramBlocked: true },
      "sms",
    ],
    [{ phone: null, telegramId: 777, lastChannel: "sms" as const }, "telegram"],
    [{ phone: "+447700900100", telegramId: null, lastChannel: "whatsapp" as const }, "whatsapp"],
    [{ phone: "+447700900100", telegramId: 777 }, "sms"],
  ])("%j → %s", (p, channel) => {
    expect(addressOf(p)?.channel).toBe(channel);
  });

  test("nobody to write to: no address at all, or only a blocked chat", () => {
    expect(addressOf({ phone: null, telegramId: null })).toBeNull();
    expect(addressOf({ phone: null, telegramId: 777, telegramBlocked: true })).toBeNull();
  });
});
