// What the engine may assume about each channel, as data: the one place in the core that names a
// channel. A new channel adds a row here (and an adapter in src/channels/), not branches in transitions.
import type { Channel } from "./types.ts";

export interface ChannelTraits {
  /** Its name, as the dashboard and the replies show it. */
  name: string;
  /** The address is the person's phone number (SMS, WhatsApp): it needs no asking. */
  addressIsPhone: boolean;
  /** The person can share their number with a button (Telegram), linking the two channels. */
  sharesContact: boolean;
  /** A file can be sent (MY DATA as a document). */
  files: boolean;
  /** Texts are measured in SMS segments (GSM-7 or UCS-2), so long lists are cut to fit. */
  segments: boolean;
  /** A member can choose it as the channel the bot writes to them on (WHATSAPP, SMS): it reaches their number. */
  choosable: boolean;
  /** A newcomer is offered the name their profile gives ("Is your name Kasia?"): WhatsApp's ProfileName. */
  offersProfileName: boolean;
  /** STOP here also stops the other channels on the same number (WhatsApp: SMS too), and the reply says so. */
  stopsNumber: boolean;
}

export const CHANNEL_TRAITS: { [C in Channel]: ChannelTraits } = {
  sms: {
    name: "SMS",
    addressIsPhone: true,
    sharesContact: false,
    files: false,
    segments: true,
    choosable: true,
    offersProfileName: false,
    stopsNumber: false,
  },
  telegram: {
    name: "Telegram",
    addressIsPhone: false,
    sharesContact: true,
    files: true,
    segments: false,
    choosable: false,
    offersProfileName: false,
    stopsNumber: false,
  },
  whatsapp: {
    name: "WhatsApp",
    addressIsPhone: true,
    sharesContact: false,
    files: false,
    segments: false,
    choosable: true,
    offersProfileName: true,
    stopsNumber: true,
  },
};

/** The sender as a person: their number when the channel's address is one, else their Telegram id. */
export function personAt(
  channel: Channel,
  address: string,
): { phone: string | null; telegramId: number | null } {
  return CHANNEL_TRAITS[channel].addressIsPhone
    ? { phone: address, telegramId: null }
    : { phone: null, telegramId: Number(address) };
}

export interface Reachable {
  phone: string | null;
  telegramId: number | null;
  lastChannel?: Channel | null;
  telegramBlocked?: boolean;
}

/**
 * A person's address on each channel, as courier's URNs pair a scheme with a path (`sms:+44…`,
 * `telegram:123`): null where they cannot be reached there. A new channel adds a row.
 */
export const ADDRESS_ON: { [C in Channel]: (p: Reachable) => string | null } = {
  sms: (p) => p.phone,
  whatsapp: (p) => p.phone,
  telegram: (p) => (p.telegramId !== null && !p.telegramBlocked ? String(p.telegramId) : null),
};

/** Where the bot writes when the channel used last is unknown or cannot be reached, in this order. */
export const UNASKED: readonly Channel[] = ["sms", "telegram"];
