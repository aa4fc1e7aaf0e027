// The channel-neutral vocabulary of the bot: what comes in, what the engine knows, and what it asks for.
// Nothing here knows about Telegram, Twilio, Hono or libSQL.
import type { MessageKey } from "../i18n/keys.ts";

export type { MessageKey };

export const LOCALES = ["en", "pl", "lv"] as const;
export type Locale = (typeof LOCALES)[number];

export type Channel = "sms" | "telegram" | "whatsapp";

/** One message from a person, as a channel adapter hands it to the core. */
export interface InboundMessage {
  channel: Channel;
  /** E.164 phone number on SMS and WhatsApp; the Telegram user id (as a string) on Telegram. */
  address: string;
  text: string;
  /** Twilio MessageSid or Telegram update_id: how a redelivered webhook is recognised. */
  externalId: string;
  /** A language hint from the channel (Telegram's language_code), if any. */
  locale?: Locale;
  /** A first name the channel already knows (Telegram profile), if any. */
  profileName?: string;
  /** A pressed button answers the question of this conversation version only. */
  questionVersion?: number;
  /** A photo, a voice note or another file came with the message: with no text, it cannot be read. */
  media?: boolean;
  /** Telegram: a shared contact instead of text; `own` when it is the sender's own number. */
  contact?: { phone: string | null; own: boolean };
}

/** A value a reply template is filled with. */
export type Param = string | number;

/** One numbered choice offered with a reply; typing its number (or pressing its button) picks it. */
export interface ReplyOption {
  /** The number a person types on SMS. */
  n: number;
  /** Translation key of the label, or a literal label when `text` is set. */
  key?: MessageKey;
  params?: Record<string, Param>;
  text?: string;
  /** Shown as a button only: the text already names the choice (e.g. numbered event lines). */
  hidden?: boolean;
}

/**
 * A reply in channel-neutral form: a translation key with parameters, an optional list of lines and
 * numbered options. Channels render it (SMS: numbered lines; Telegram: buttons).
 * `locale` overrides the reader's language (used for the three-language greeting).
 */
export interface Reply {
  /** A translation key of locales/en (src/i18n/keys.ts): a typo does not compile. */
  key: MessageKey;
  params?: Record<string, Param>;
  lines?: ReplyLine[];
  options?: ReplyOption[];
  locale?: Locale;
  /** Further parts in other languages, rendered one after another (the join greeting). */
  also?: Reply[];
  /** Quick answers a channel may offer as buttons (Telegram); SMS readers type the words instead. */
  actions?: ReplyAction[];
  /** Offer Telegram's "share my phone number" button. */
  askContact?: boolean;
  /** A part that is left out rather than sent as an extra SMS when it does not fit. */
  optional?: boolean;
}

/** A button with a translated label that sends `data` back, e.g. "c:482:y" for YES 482. */
export interface ReplyAction {
  key: MessageKey;
  params?: Record<string, Param>;
  data: string;
}

/** A line under a reply's header, e.g. one history entry; `name` is the part that may be shortened to fit. */
export interface ReplyLine {
  key: MessageKey;
  params: Record<string, Param>;
}

export type MemberId = number;

export interface Member {
  id: MemberId;
  phone: string | null;
  telegramId: number | null;
  name: string;
  locale: Locale;
  optedOut: boolean;
  consentAt: string | null;
  /** Where the member wrote from last: messages to them go there. */
  lastChannel?: Channel | null;
  telegramBlocked?: boolean;
  /** Their SMS go out without diacritics (ł → l, ā → a): 160 characters a segment instead of 70. */
  plainSms?: boolean;
}

export interface Activity {
  id: string;
  title: Partial<Record<Locale, string>>;
}

export interface Partner {
  id: string;
  name: string;
  earn: boolean;
  spend: boolean;
  aliases: string[];
  activities: Activity[];
  /** Volunteering opportunities, times in UTC. */
  slots?: Slot[];
}

export interface Slot {
  startsAt: string;
  title: Partial<Record<Locale, string>>;
  hours?: number;
}

/** A person who speaks for a partner: confirms hours, logs for volunteers. */
export interface Contact {
  id: number;
  partnerId: string;
  name: string;
  phone: string | null;
  telegramId: number | null;
  locale: Locale;
  lastChannel?: Channel | null;
  telegramBlocked?: boolean;
}

export type EntryStatus = "pending" | "confirmed" | "rejected" | "expired" | "held" | "released";
export type EntryKind = "earning" | "spend" | "gift" | "correction";

/** One ledger entry as the core sees it. `minutes` is signed: earnings positive, debits negative. */
export interface LedgerEntry {
  id: number;
  kind: EntryKind;
  status: EntryStatus;
  minutes: number;
  partnerId: string | null;
  activity: string | null;
  /** The local day the hours were given, YYYY-MM-DD. */
  day: string | null;
  createdAt: string;
}

export interface Balance {
  /** Confirmed credit in minutes, less holds. */
  available: number;
  /** Pending earnings in minutes, by partner id. */
  pendingByPartner: Record<string, number>;
}
