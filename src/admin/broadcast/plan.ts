// A broadcast worked out before it is sent: each recipient's message (their language's text, English
// when that is empty; without diacritics on SMS for members who asked for plain letters), the SMS
// segments and cost, and when it goes out — never in quiet hours (21:00–09:00 scheme time), when it
// waits for 09:00. Pure: the preview shows exactly what the send will queue.
import { CHANNEL_TRAITS } from "../../core/channels.ts";
import { sendTime } from "../../core/schedule.ts";
import { LOCALES, type Locale } from "../../core/types.ts";
import { plainLetters } from "../../lib/plain-letters.ts";
import { countSegments, type Encoding } from "../../lib/segments.ts";
import type { AudienceFacts, LeftOut, Recipient } from "./audience.ts";
import type { Texts } from "./form.ts";

// Quiet hours are defined once, in core/schedule.ts; the outbox keeps a broadcast's retries out of them too.
export { sendTime } from "../../core/schedule.ts";

export interface TextFigures {
  locale: Locale;
  /** False when this language's text was left empty and its members get English. */
  own: boolean;
  encoding: Encoding;
  segments: number;
  /** Segments after plainLetters, for members with the plain-letters option. */
  plainSegments: number;
  plainEncoding: Encoding;
}

export interface LanguageGroup {
  locale: Locale;
  sms: number;
  telegram: number;
  whatsapp: number;
  /** SMS recipients of this language who get plain letters. */
  plainSms: number;
}

export interface QueuedMessage {
  memberId: number;
  channel: Recipient["channel"];
  address: string;
  body: string;
}

export interface BroadcastPlan {
  sendAt: Date;
  /** True when quiet hours hold the messages back until sendAt. */
  deferred: boolean;
  recipients: number;
  groups: LanguageGroup[];
  texts: TextFigures[];
  left: LeftOut;
  smsSegments: number;
  segmentPence: number;
  /** WhatsApp recipients: each is one conversation, priced per conversation rather than per segment. */
  whatsappConversations: number;
  conversationPence: number;
  /** SMS segments and WhatsApp conversations together. */
  costPence: number;
  messages: QueuedMessage[];
}

/** The text a member of language `l` gets. */
export const textFor = (texts: Texts, l: Locale): string => texts[l] || texts.en;

export function planBroadcast(
  texts: Texts,
  facts: AudienceFacts,
  now: Date,
  timezone: string,
): BroadcastPlan {
  const sendAt = sendTime(now, timezone);
  const groups = LOCALES.map((locale) => ({ locale, sms: 0, telegram: 0, whatsapp: 0, plainSms: 0 }));
  const messages: QueuedMessage[] = [];
  let smsSegments = 0;
  for (const r of facts.recipients) {
    const group = groups.find((g) => g.locale === r.locale) ?? (groups[0] as LanguageGroup);
    const text = textFor(texts, group.locale);
    const plain = CHANNEL_TRAITS[r.channel].segments && r.plain;
    const body = plain ? plainLetters(text) : text;
    group[r.channel]++;
    if (plain) group.plainSms++;
    if (CHANNEL_TRAITS[r.channel].segments) smsSegments += countSegments(body).segments;
    messages.push({ memberId: r.memberId, channel: r.channel, address: r.address, body });
  }
  const figures = LOCALES.map((locale): TextFigures => {
    const text = textFor(texts, locale);
    const natural = countSegments(text);
    const plain = countSegments(plainLetters(text));
    return {
      locale,
      own: Boolean(texts[locale]),
      encoding: natural.encoding,
      segments: natural.segments,
      plainSegments: plain.segments,
      plainEncoding: plain.encoding,
    };
  });
  const segmentPence = facts.settings.smsSegmentPence;
  const conversationPence = facts.settings.whatsappConversationPence;
  const whatsappConversations = groups.reduce((sum, g) => sum + g.whatsapp, 0);
  return {
    sendAt,
    deferred: sendAt.getTime() > now.getTime(),
    recipients: messages.length,
    groups,
    texts: figures,
    left: facts.left,
    smsSegments,
    segmentPence,
    whatsappConversations,
    conversationPence,
    costPence:
      Math.round((smsSegments * segmentPence + whatsappConversations * conversationPence) * 100) / 100,
    messages,
  };
}
