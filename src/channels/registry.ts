// The channels the bot speaks on, each as one entry: its settings, the numbers it refuses to write to,
// and how a queued message is sent. The outbox delivers through this table; a new channel adds an
// adapter folder and an entry here (and its identity column in store/identity.ts).
import type { Channel } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { isAllowedCountry, refusedKind } from "../lib/phone.ts";
import type { OutboxMessage } from "../store/outbox.ts";
import { sendSms, type TwilioSettings } from "./sms/twilio-sender.ts";
import { sendTelegram, type TelegramPayload } from "./telegram/sender.ts";

export type Delivery =
  | { ok: true; providerId: string; transport: string }
  | {
      ok: false;
      permanent: boolean;
      error: string;
      transport: string;
      /** Telegram's 429 says when to try again. */
      retryAfterMs?: number;
      /** The person has stopped this channel (Twilio 21610, Telegram 403). */
      stopped?: boolean;
    };

export interface ChannelAdapter {
  /** The channel's settings, or which one is missing (then it is off). */
  settings: (config: Deps["config"]) => object | { missing: string };
  /** Why this address is not written to at all (SMS pumping: premium or far-away numbers), or null. */
  refuse: (address: string, allowedCountryCodes: readonly string[]) => string | null;
  send: (deps: Deps, m: OutboxMessage) => Promise<Delivery>;
}

export const CHANNEL_ADAPTERS: { [C in Channel]: ChannelAdapter } = {
  sms: {
    settings: (config) => config.twilio,
    refuse: (address, allowed) => {
      if (!isAllowedCountry(address, allowed)) return "country not allowed";
      const kind = refusedKind(address);
      return kind ? `number type not texted: ${kind}` : null;
    },
    send: async (deps, m) => {
      const result = await sendSms(deps.config.twilio as TwilioSettings, m.address, m.body, deps.fetch);
      return result.ok
        ? { ok: true, providerId: result.providerId, transport: "twilio" }
        : {
            ok: false,
            permanent: result.permanent,
            error: result.error,
            transport: "twilio",
            stopped: result.optedOut,
          };
    },
  },
  telegram: {
    settings: (config) => config.telegram,
    refuse: () => null,
    send: async (deps, m) => {
      const telegram = deps.config.telegram as { token: string; apiRoot: string };
      const payload = (m.payload ?? { kind: "send" }) as TelegramPayload;
      const result = await sendTelegram(telegram, m.address, m.body, payload, deps.fetch);
      if (result.ok) return { ok: true, providerId: result.providerId, transport: "telegram" };
      return {
        ok: false,
        permanent: result.permanent,
        error: result.error,
        transport: "telegram",
        stopped: result.blocked,
        ...(result.retryAfterSeconds ? { retryAfterMs: result.retryAfterSeconds * 1000 } : {}),
      };
    },
  },
};
