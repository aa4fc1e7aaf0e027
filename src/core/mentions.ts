// Phone numbers written inside a message ("LOG 3 07700900100 07700 900101 litter picking"):
// found before the read so the members they name can be read in the same batch; and whether the bot
// may text a new one (an invitation, a gift waiting for it), which premium and foreign numbers fail.
import { isAllowedCountry, refusedKind, toE164 } from "../lib/phone.ts";
import type { Ctx } from "./context.ts";
import type { ReplyLine } from "./types.ts";

export interface Mention {
  phone: string;
  /** Word positions the number used, [start, end). */
  start: number;
  end: number;
}

const NUMERIC = /^\+?[\d()-]+$/;

/** Numbers in a list of words; a number may be split over two or three words ("07700 900 100"). */
export function findPhones(words: string[]): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i < words.length; i++) {
    // A number starts with "+" or a national "0": a bare "3" before it is the hours, not a prefix.
    if (!NUMERIC.test(words[i] ?? "") || !/^(\+|0)/.test(words[i] ?? "")) continue;
    for (let n = 1; n <= 3 && i + n <= words.length; n++) {
      const part = words.slice(i, i + n);
      if (!part.every((w) => NUMERIC.test(w))) break;
      const digits = part.join("").replace(/[^\d+]/g, "");
      if (digits.replace("+", "").length < 10) continue;
      const phone = toE164(part.join(""));
      if (phone) {
        found.push({ phone, start: i, end: i + n });
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

export function mentionedPhones(text: string): string[] {
  return [...new Set(findPhones(text.trim().split(/\s+/).slice(0, 60)).map((m) => m.phone))];
}

/**
 * Why the bot will not text this number, as the line that tells the sender so: a country outside the
 * scheme's `allowedCountryCodes`, or a type that costs the scheme (premium rate, shared cost, personal
 * number, UAN, pager, VoIP, voicemail). Null when it may.
 * @example unreachable("+449098790000", ["44"]) // { key: "number.premium", params: { number: "+449098790000" } }
 */
export function unreachable(phone: string, allowedCountryCodes: readonly string[]): ReplyLine | null {
  if (!isAllowedCountry(phone, allowedCountryCodes))
    return { key: "number.abroad", params: { number: phone } };
  const kind = refusedKind(phone);
  return kind ? { key: `number.${kind}`, params: { number: phone } } : null;
}

/**
 * The numbers of a group LOG that may be logged for: members who joined, and new numbers the bot may
 * text an invitation. A line for each refused number goes into `notes`.
 */
export function textable(ctx: Ctx, mentions: readonly Mention[], notes: ReplyLine[]): Mention[] {
  return mentions.filter((m) => {
    if (ctx.facts.knownMembers.some((k) => k.phone === m.phone && k.consented)) return true;
    const refused = unreachable(m.phone, ctx.facts.scheme.settings.allowedCountryCodes);
    if (refused) notes.push(refused);
    return !refused;
  });
}
