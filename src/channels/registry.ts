// The channels the bot speaks on, each as one entry: its settings, the numbers it refuses to write to,
// and how a queued message is sent. The outbox delivers through this table; a new channel adds an
// adapter folder and an entry here (and its identity column in store/identity.ts).
import type { TwilioConfig } from "../config.ts";
import type { SchemeSettings } from "../core/engine-types.ts";
import type { Channel } from "../core/types.ts";
import type { Deps } from "../deps.ts";
import { isAllowedCountry, refusedKind } from "../lib/phone.ts";
import { plainLetters } from "../lib/plain-letters.ts";
import type { OutboxMessage } from "../store/outbox.ts";
import { type SendResult, sendTwilio, type TwilioMessage } from "./sms/twilio-sender.ts";
import { sendTelegram, type TelegramPayload } from "./telegram/sender.ts";
import { routeWhatsApp, type TemplateRef } from "./whatsapp/route-out.ts";

export type Delivery =
  | {
      ok: true;
      providerId: string;
      transport: string;
      /** Why a message for one channel went on another (WhatsApp outside its window, by SMS). */
      fallback?: string;
    }
  | {
      ok: false;
      permanent: boolean;
      error: string;
      transport: string;
      /** Telegram's 429 says when to try again. */
      retryAfterMs?: number;
      /** The person has stopped this channel (Twilio 21610, Telegram 403). */
      stopped?: boolean;
      fallback?: string;
    };

export interface ChannelAdapter {
  /** The channel's settings, or which one is missing (then it is off). */
  settings: (config: Deps["config"]) => object | { missing: string };
  /** Why this address is not written to at all (SMS pumping: premium or far-away numbers), or null. */
  refuse: (address: string, allowedCountryCodes: readonly string[]) => string | null;
  send: (deps: Deps, m: OutboxMessage, settings: SchemeSettings) => Promise<Delivery>;
  /** The channel lets a business write freely only for a while after the person's last message (WhatsApp). */
  window?: boolean;
}

/** Refuses numbers that SMS pumping would use: premium, far away. WhatsApp falls back to SMS, so it refuses them too. */
function refuseNumber(address: string, allowed: readonly string[]): string | null {
  if (!isAllowedCountry(address, allowed)) return "country not allowed";
  const kind = refusedKind(address);
  return kind ? `number type not texted: ${kind}` : null;
}

async function twilioDelivery(
  deps: Deps,
  message: TwilioMessage,
  transport: string,
  fallback?: string,
): Promise<Delivery> {
  const result: SendResult = await sendTwilio(deps.config.twilio as TwilioConfig, message, deps.fetch);
  const why = fallback ? { fallback } : {};
  return result.ok
    ? { ok: true, providerId: result.providerId, transport, ...why }
    : {
        ok: false,
        permanent: result.permanent,
        error: result.error,
        transport,
        stopped: result.optedOut,
        ...why,
      };
}

/** An SMS body: without diacritics for a member who asked for plain letters. */
const smsBody = (m: OutboxMessage) => (m.plain ? plainLetters(m.body) : m.body);

export const CHANNEL_ADAPTERS: { [C in Channel]: ChannelAdapter } = {
  sms: {
    settings: (config) => config.twilio,
    refuse: refuseNumber,
    send: (deps, m) => twilioDelivery(deps, { to: m.address, body: smsBody(m) }, "twilio"),
  },
  // WhatsApp rides on Twilio's settings; the 24-hour window decides between text, template and SMS.
  whatsapp: {
    window: true,
    settings: (config) => config.twilio,
    refuse: refuseNumber,
    send: async (deps, m, settings) => {
      const twilio = deps.config.twilio as TwilioConfig;
      const template = (m.payload as { template?: TemplateRef } | undefined)?.template;
      const route = routeWhatsApp(
        {
          sender: twilio.whatsappFrom,
          lastInboundAt: m.lastInboundAt ?? null,
          windowClosed: m.windowClosed === true,
          template,
          locale: m.locale ?? "en",
          templates: settings.whatsappTemplates,
          now: deps.now(),
        },
        m.body,
      );
      if (route.via === "sms")
        return twilioDelivery(deps, { to: m.address, body: smsBody(m) }, "twilio-sms", route.why);
      const to = `whatsapp:${m.address}`;
      const sent = await ("contentSid" in route
        ? twilioDelivery(
            deps,
            {
              to,
              from: route.from,
              body: m.body,
              contentSid: route.contentSid,
              contentVariables: route.variables,
            },
            "twilio-whatsapp-template",
          )
        : twilioDelivery(deps, { to, from: route.from, body: m.body }, "twilio-whatsapp"));
      // Twilio refused the WhatsApp message outright (a sender or template problem): the number still
      // gets it, by SMS, and the row says why.
      if (sent.ok || !sent.permanent || sent.stopped) return sent;
      return twilioDelivery(
        deps,
        { to: m.address, body: smsBody(m) },
        "twilio-sms",
        `WhatsApp refused: ${sent.error}`,
      );
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
