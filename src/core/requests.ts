// Confirmation requests: a short code per open request, and the messages that ask a partner's
// contacts to answer it — one message per contact, in the contact's language.
import type { Ctx } from "./context.ts";
import type { Effect } from "./engine-types.ts";
import { activityText, dayText, hoursText, shortDate } from "./format.ts";
import type { Channel, Contact, Locale, Partner, Reply } from "./types.ts";

/**
 * A 3-digit code not used by the partner's open requests (4 digits once 3 get crowded). Codes are
 * random so that one means nothing to anyone outside the partner.
 * @example pickCode(["482"], 7) // "219" (some other unused code)
 */
export function pickCode(used: readonly string[], seed: number, digits: 3 | 4 = 3): string {
  const taken = new Set(used);
  const [low, span] = digits === 3 && taken.size < 600 ? [100, 900] : [1000, 9000];
  let x = seed >>> 0 || 1;
  for (let i = 0; i < span; i++) {
    // xorshift: cheap, and every seed walks a different order through the codes.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    const code = String(low + (x % span));
    if (!taken.has(code)) return code;
  }
  for (let code = low; code < low + span; code++) if (!taken.has(String(code))) return String(code);
  return String(10000 + (seed % 90000));
}

export interface Reachable {
  phone: string | null;
  telegramId: number | null;
  lastChannel?: Channel | null;
  telegramBlocked?: boolean;
}

/**
 * Where a person is reached, once: the channel they wrote from last; Telegram when it is their only
 * channel; never a Telegram chat that blocked the bot.
 */
export function addressOf(person: Reachable): { channel: Channel; address: string } | null {
  const telegram = person.telegramId !== null && !person.telegramBlocked;
  if (telegram && (person.lastChannel === "telegram" || !person.phone)) {
    return { channel: "telegram", address: String(person.telegramId) };
  }
  if (person.phone) return { channel: "sms", address: person.phone };
  return null;
}

export function notify(to: Reachable, locale: Locale, reply: Reply): Effect[] {
  const where = addressOf(to);
  return where ? [{ type: "notify", ...where, locale, reply }] : [];
}

export interface RequestDetails {
  memberName: string;
  minutes: number;
  activity: string | null;
  day: string;
  code: string;
}

/** The line a contact reads for one request, e.g. "Anna: 3 h Gardening, Sat 28 Nov". */
export function requestReply(
  partner: Partner,
  r: RequestDetails,
  locale: Locale,
  key = "partner.request",
): Reply {
  // In lists (which one? reminders) the activity is left out so that more requests fit.
  const what = key === "partner.line" ? "" : activityText(partner, r.activity, locale);
  return {
    key: what ? `${key}What` : key,
    params: {
      member: r.memberName,
      hours: hoursText(r.minutes, locale),
      what,
      day: dayText(r.day, locale),
      date: shortDate(r.day, locale),
      code: r.code,
      name: partner.name,
    },
  };
}

/** One request message to every contact of the partner (none to the member themself). */
export function askPartner(ctx: Ctx, partner: Partner, r: RequestDetails): Effect[] {
  const contacts: Contact[] = ctx.facts.contacts.filter((c) => c.partnerId === partner.id);
  const actions = [
    { key: "telegram.yes", data: `c:${r.code}:y` },
    { key: "telegram.no", data: `c:${r.code}:n` },
  ];
  return contacts.flatMap((c) => notify(c, c.locale, { ...requestReply(partner, r, c.locale), actions }));
}
