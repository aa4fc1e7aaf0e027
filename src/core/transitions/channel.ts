// Where the bot writes: a member chooses WhatsApp or SMS (on their number) in a word or a sentence
// ("WHATSAPP", "pisz na whatsappie", "text me instead"), and a photo or a voice note gets a friendly
// word that only text is read. Neither changes the question that is open.
import { CHANNEL_TRAITS } from "../channels.ts";
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { fold } from "../text.ts";
import type { Channel } from "../types.ts";

const WHATSAPP_WORD = /^(wh?ats?s?app?\w*|wh?at?sap\w*|wacap\w*|vatsap\w*|whatsup|wa)$/;
const SMS_WORD = /^(sms\w*|esemes\w*|iszin\w*|text|texts|txt|tekst\w*)$/;
/** Words that turn the channel after them down: "SMS instead of WhatsApp", "zamiast whatsappa", "nevis WhatsApp". */
const NOT_THIS = new Set(["zamiast", "nevis", "not", "no", "nie", "ne", "of", "bez"]);

/**
 * The channel a message names: WhatsApp in its many spellings, or SMS / a text message. With both, the
 * one turned down ("zamiast whatsappa") loses; otherwise the first one named wins.
 * @example namedChannel("wolę zwykłe SMS-y zamiast whatsappa") // "sms"
 */
export function namedChannel(text: string): Channel | null {
  const words = fold(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const named: Array<{ channel: Channel; refused: boolean }> = [];
  words.forEach((w, i) => {
    const channel: Channel | null = WHATSAPP_WORD.test(w) ? "whatsapp" : SMS_WORD.test(w) ? "sms" : null;
    // "instead of" ends in "of", which is one of the turning-down words.
    if (channel) named.push({ channel, refused: NOT_THIS.has(words[i - 1] ?? "") });
  });
  const wanted = named.find((n) => !n.refused);
  if (wanted) return wanted.channel;
  // Only a refusal ("not WhatsApp"): the other one.
  const refused = named[0]?.channel;
  return refused ? (refused === "whatsapp" ? "sms" : "whatsapp") : null;
}

export function chooseChannel(ctx: Ctx): Outcome {
  const member = ctx.facts.member;
  const named = namedChannel(`${ctx.command?.rest ?? ""} ${ctx.text}`);
  const here = CHANNEL_TRAITS[ctx.facts.channel].choosable ? ctx.facts.channel : null;
  const channel = named ?? here;
  // On Telegram with no number yet, WhatsApp and SMS have nowhere to go: the number comes first.
  if (!member?.phone || !channel) return idle(reply("channel.needPhone"));
  return idle(
    { type: "chooseChannel", channel },
    reply(channel === "whatsapp" ? "channel.whatsapp" : "channel.sms"),
  );
}

/** A photo, a voice note or a sticker with no text. */
export function mediaOnly(ctx: Ctx): Outcome {
  const kept = { state: ctx.snapshot.state, data: ctx.snapshot.data };
  if (ctx.facts.member?.optedOut || ctx.snapshot.state === "stopped") return { ...kept, effects: [] };
  // Someone we do not know yet, before they chose a language: all three.
  const known = ctx.facts.member || ctx.snapshot.data.locale || ctx.facts.hintLocale;
  if (known) return { ...kept, effects: [reply("media.textOnly")] };
  const also = [
    { key: "media.textOnly" as const, locale: "pl" as const },
    { key: "media.textOnly" as const, locale: "lv" as const },
  ];
  return { ...kept, effects: [reply("media.textOnly", {}, { locale: "en", also })] };
}
