// MY DATA and DELETE ME (UK GDPR access and erasure). MY DATA answers a short summary, and on
// Telegram a JSON file of everything held; DELETE ME asks once, then erases the member's name, number
// and Telegram id and their message texts, keeping the ledger under the now anonymous member id.
import { CHANNEL_TRAITS } from "../channels.ts";
import { ask, type Ctx, idle, type Outcome, reply } from "../context.ts";
import type { Effect, StateName } from "../engine-types.ts";
import { hoursText, localDay } from "../format.ts";
import type { Locale, Member } from "../types.ts";

/** A member's language named in the reader's language, as it reads mid-sentence ("polski", not "Polski"). */
const LANGUAGE_NAMES: Record<Locale, Record<Locale, string>> = {
  en: { en: "English", pl: "Polish", lv: "Latvian" },
  pl: { en: "angielski", pl: "polski", lv: "łotewski" },
  lv: { en: "angļu", pl: "poļu", lv: "latviešu" },
};

/** The name of the file a Telegram member receives. */
export const MY_DATA_FILE = "my-data.json";

/** A number shown by its last four digits only: "+447700900501" → "***0501". */
export function maskedNumber(phone: string | null): string {
  return phone ? `***${phone.slice(-4)}` : "-";
}

/** The day the member agreed to join, as digits: "28/11/2026" in en, "28.11.2026" in pl and lv. */
function sinceText(ctx: Ctx, member: Member): string {
  if (!member.consentAt) return "-";
  const [y, m, d] = localDay(new Date(member.consentAt), ctx.facts.scheme.timezone).split("-");
  return ctx.locale === "en" ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
}

/** A stopped newcomer stays stopped: answering a data request does not undo their STOP. */
function stay(ctx: Ctx): StateName {
  return ctx.snapshot.state === "stopped" ? "stopped" : "idle";
}

/** What is held about a number that is not a member: a partner's contact, an invited number, or nothing. */
function notAMember(ctx: Ctx, deleting: boolean): Outcome {
  const contact = ctx.facts.asContact[0];
  const partner = contact && ctx.facts.partners.find((p) => p.id === contact.partnerId);
  const key = partner
    ? "privacy.contact"
    : ctx.facts.invited
      ? "privacy.invited"
      : deleting
        ? "privacy.nothingToDelete"
        : "privacy.nothing";
  const params: Record<string, string> = partner ? { name: partner.name } : {};
  return { state: stay(ctx), data: {}, effects: [reply(key, params)] };
}

export function showMyData(ctx: Ctx): Outcome {
  const member = ctx.facts.member;
  if (!member) return notAMember(ctx, false);
  const held = ctx.facts.personalData;
  const params = {
    name: member.name,
    number: maskedNumber(member.phone),
    lang: LANGUAGE_NAMES[ctx.locale][member.locale],
    since: sinceText(ctx, member),
    entries: held?.entries.length ?? ctx.facts.history.length,
    credits: hoursText(ctx.facts.balance.available, ctx.locale),
  };
  // What is held, then who sees it and how to erase it: one SMS when it fits, two rather than cut names.
  const rights = { key: "privacy.rights" as const };
  if (!CHANNEL_TRAITS[ctx.facts.channel].files || !held)
    return idle(reply("privacy.summary", params, { also: [rights] }));
  const file = {
    scheme: ctx.facts.scheme.name,
    exportedAt: ctx.now.toISOString(),
    member: held.member,
    balance: {
      availableMinutes: ctx.facts.balance.available,
      pendingMinutesByPartner: ctx.facts.balance.pendingByPartner,
    },
    ledgerEntries: held.entries,
    bookings: held.bookings,
    checkins: held.checkins,
    messagesFromYou: held.messages,
    messagesToYou: held.sentToThem,
    posts: held.posts,
  };
  const send: Effect = { type: "sendFile", filename: MY_DATA_FILE, content: JSON.stringify(file, null, 2) };
  return idle(reply("privacy.summary", params, { also: [rights, { key: "privacy.file" }] }), send);
}

export function askDelete(ctx: Ctx): Outcome {
  if (!ctx.facts.member) return notAMember(ctx, true);
  const credits = hoursText(ctx.facts.balance.available, ctx.locale);
  return ask("privacy.confirm", {}, reply("privacy.confirmDelete", { credits }));
}

/** The answer to "delete your details?": YES erases, NO keeps, anything else asks again. */
export function answerDelete(ctx: Ctx): Outcome {
  const member = ctx.facts.member;
  if (!member || ctx.command?.intent === "no") return idle(reply("privacy.kept"));
  if (ctx.command?.intent !== "yes")
    return ask("privacy.confirm", ctx.snapshot.data, reply("privacy.yesOrNo"));
  return idle(
    {
      type: "forgetMember",
      memberId: member.id,
      name: member.name,
      phone: member.phone,
      telegramId: member.telegramId,
    },
    { type: "forgetConversation" },
    reply("privacy.deleted"),
  );
}

/** MY DATA, DELETE ME, or the answer to DELETE ME's question: heard even after STOP. */
export function isPrivacyRequest(ctx: Ctx): boolean {
  const intent = ctx.command?.intent;
  if (intent === "mydata" || intent === "deleteme") return true;
  return ctx.snapshot.state === "privacy.confirm" && (!intent || intent === "yes" || intent === "no");
}
