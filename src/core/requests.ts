// Confirmation requests: a short code per open request, and the messages that ask a partner's
// contacts to answer it — one message per contact, in the contact's language (at most one per
// contact per window: the rest go in a digest).
import { ADDRESS_ON, type Reachable, UNASKED } from "./channels.ts";
import type { Ctx } from "./context.ts";
import type { Effect } from "./engine-types.ts";
import { activityText, dayText, hoursText, shortDate } from "./format.ts";
import { fold } from "./text.ts";
import type { Channel, Contact, Locale, Partner, Reply } from "./types.ts";

/** How many codes of each length a new code is chosen from: the read asks only about these. */
export const CODE_TRIES = 16;

/**
 * The codes `pickCode` tries for a seed, in order: `CODE_TRIES` of `digits` digits. Codes are random so
 * that one means nothing to anyone outside the partner; every seed walks a different order.
 * @example codeCandidates(7, 3).length // 16
 */
export function codeCandidates(seed: number, digits: 3 | 4): string[] {
  const [low, span] = digits === 3 ? [100, 900] : [1000, 9000];
  const codes: string[] = [];
  let x = seed >>> 0 || 1;
  for (let i = 0; i < CODE_TRIES; i++) {
    // xorshift: cheap, and every seed walks a different order through the codes.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    codes.push(String(low + (x % span)));
  }
  return codes;
}

/**
 * Every code a new request (3 digits) or booking (4 digits) may get with this seed: the message's
 * read asks which of these are taken, so it costs the same however many requests are open.
 */
export function codesToCheck(seed: number): string[] {
  return [...codeCandidates(seed, 3), ...codeCandidates(seed, 4), fallbackCode(seed)];
}

/** YES ALL / NO ALL in each language: every open request of the sender's partners. */
export const ALL = new Set(["all", "wszystkie", "wszystko", "wszystkich", "visus", "visi", "visas", "visu"]);

/**
 * The request codes a message names: every run of 3 to 5 digits in it, as written or folded
 * (fullwidth digits read as digits); none for a message that says ALL. A partner's YES 482 needs
 * only request 482 read, open or settled already (then it is answered with who settled it); a bare
 * YES or YES ALL needs every open one.
 * @example namedCodes("YES 482 and 483.") // ["482", "483"]; namedCodes("TAK wszystkie 482") // []
 */
export function namedCodes(text: string): string[] {
  const folded = fold(text);
  if (folded.split(/[^\p{L}]+/u).some((w) => ALL.has(w))) return [];
  const runs = [...text.matchAll(/\d+/g), ...folded.matchAll(/\d+/g)].map((m) => m[0]);
  return [...new Set(runs.filter((r) => r.length >= 3 && r.length <= 5))].slice(0, 20);
}

/** The last resort when every candidate is taken: a 5-digit code (the unique index still guards it). */
function fallbackCode(seed: number): string {
  return String(10000 + ((seed >>> 0) % 90000));
}

/**
 * A code not among `used`: the first free one of the seed's 3-digit candidates, then (a crowded
 * partner) of its 4-digit ones. `used` need only hold the taken codes among `codesToCheck(seed)`.
 * A code taken by a racing message in the meantime is refused by the database's unique index, and
 * the message is read again with a new seed.
 * @example pickCode(["482"], 7) // "219" (some other unused code)
 */
export function pickCode(used: readonly string[], seed: number, digits: 3 | 4 = 3): string {
  const taken = new Set(used);
  const tries =
    digits === 3 ? [...codeCandidates(seed, 3), ...codeCandidates(seed, 4)] : codeCandidates(seed, 4);
  for (const code of tries) if (!taken.has(code)) return code;
  return fallbackCode(seed);
}

/**
 * Where a person is reached, once: the channel they chose or wrote from last (WhatsApp and SMS reach
 * their number); else SMS, then Telegram; never a Telegram chat that blocked the bot.
 */
export function addressOf(person: Reachable): { channel: Channel; address: string } | null {
  const last = person.lastChannel;
  for (const channel of last ? [last, ...UNASKED] : UNASKED) {
    const address = ADDRESS_ON[channel](person);
    if (address) return { channel, address };
  }
  return null;
}

export function notify(
  to: Reachable,
  locale: Locale,
  reply: Reply,
): Array<Extract<Effect, { type: "notify" }>> {
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
  key: "partner.request" | "partner.line" = "partner.request",
): Reply {
  // In lists (which one? reminders) the activity is left out so that more requests fit.
  const what = key === "partner.line" ? "" : activityText(partner, r.activity, locale);
  return {
    key: what && key === "partner.request" ? "partner.requestWhat" : key,
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

/**
 * One request message to every contact of the partner (none to the member themself). Each is marked
 * as a request notice: the outbox texts a contact at most one per `contactNotifyMinutes` and gathers
 * the rest into a digest (jobs/partner-digest.ts).
 */
export function askPartner(ctx: Ctx, partner: Partner, r: RequestDetails): Effect[] {
  const contacts: Contact[] = ctx.facts.contacts.filter((c) => c.partnerId === partner.id);
  const actions = [
    { key: "telegram.yes" as const, data: `c:${r.code}:y` },
    { key: "telegram.no" as const, data: `c:${r.code}:n` },
  ];
  const notice = { partnerId: partner.id, code: r.code };
  return contacts.flatMap((c) =>
    notify(c, c.locale, { ...requestReply(partner, r, c.locale), actions }).map((e) =>
      e.type === "notify" ? { ...e, notice } : e,
    ),
  );
}
