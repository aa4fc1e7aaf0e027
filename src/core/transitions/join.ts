// Joining: an unknown number picks a language (or shows one with a command word), gives a first
// name, and agrees to what is kept. Nothing but the conversation itself is stored before consent.
import { CHANNEL_TRAITS } from "../channels.ts";
import { ask, type Ctx, idle, type Outcome, reply, textOptions } from "../context.ts";
import type { ConversationData, Effect } from "../engine-types.ts";
import { hoursCount, hoursText } from "../format.ts";
import { LOCALES, type Locale } from "../types.ts";

const LANGUAGE_NAMES = ["English", "Polski", "Latviešu"];
const REPLAYABLE = new Set(["balance", "log", "history", "events", "give", "help", "menu"]);
/** Questions answered in one reply that leaves nothing open: asked first ("ile mam kredytów?"), answered once joined. */
const QUESTIONS = new Set(["balance", "history"]);

/** The first message from an unknown number. */
export function startJoin(ctx: Ctx): Outcome {
  const command = ctx.command;
  // The language of a command word, or of the first words when they are clearly Polish or Latvian
  // ("Cześć", "Labdien"); an English "Hello" could come from anyone, so it gets all three languages.
  const written = ctx.understood.lang === "en" ? null : ctx.understood.lang;
  const shown = command?.langTarget ?? command?.lang ?? written ?? null;
  const named = ctx.understood.name;
  if (named) return introduced(ctx, {}, named, shown ?? ctx.understood.lang ?? ctx.facts.hintLocale ?? "en");
  if (shown) {
    if (command?.intent === "help") return askName(ctx, { locale: shown }, shown, aboutScheme(ctx));
    const replay =
      command && REPLAYABLE.has(command.intent) && (command.rest || QUESTIONS.has(command.intent));
    const pending = replay ? ctx.text : undefined;
    return askName(ctx, { locale: shown, ...(pending ? { pending } : {}) }, shown);
  }
  if (ctx.facts.hintLocale) return askName(ctx, { locale: ctx.facts.hintLocale }, ctx.facts.hintLocale);
  return greet();
}

/** Greeting in all three languages, each part in its own language. */
function greet(): Outcome {
  const also = [
    { key: "join.greet" as const, locale: "pl" as const },
    { key: "join.greet" as const, locale: "lv" as const, options: textOptions(LANGUAGE_NAMES) },
  ];
  return ask("join.language", {}, reply("join.greet", {}, { locale: "en", also }));
}

/**
 * "What is your first name?", or, when the channel knows a name (a WhatsApp profile), "Is your name
 * Kasia?": YES takes it, anything else is read as the name they want.
 */
function askName(ctx: Ctx, data: ConversationData, locale: Locale, ...before: Effect[]): Outcome {
  const known = CHANNEL_TRAITS[ctx.facts.channel].offersProfileName
    ? cleanName(ctx.facts.profileName ?? "")
    : null;
  if (known)
    return {
      ...ask(
        "join.name",
        { ...data, suggestedName: known },
        ...before,
        reply("join.askNameKnown", { name: known }),
      ),
      locale,
    };
  return { ...ask("join.name", data, ...before, reply("join.askName")), locale };
}

/** "Mam na imię Marek": the name and the language at once, so the next question is consent. */
function introduced(ctx: Ctx, data: ConversationData, typed: string, locale: Locale): Outcome {
  const name = cleanName(typed);
  if (!name) return askName(ctx, { ...data, locale }, locale);
  return { ...ask("join.consent", { ...data, locale, name }, consentQuestion(ctx, name)), locale };
}

function aboutScheme(ctx: Ctx): Effect {
  return reply("join.about", { scheme: ctx.facts.scheme.name });
}

export function answerJoin(ctx: Ctx): Outcome {
  const data = ctx.snapshot.data;
  const command = ctx.command;
  if (ctx.snapshot.state === "join.language") {
    const picked =
      (ctx.choice !== null ? LOCALES[ctx.choice - 1] : undefined) ??
      command?.langTarget ??
      command?.lang ??
      ctx.understood.lang ??
      null;
    if (picked && ctx.understood.name) return introduced(ctx, data, ctx.understood.name, picked);
    return picked ? askName(ctx, { ...data, locale: picked }, picked) : greet();
  }
  if (command?.langTarget) {
    const locale = command.langTarget;
    return ctx.snapshot.state === "join.name"
      ? askName(ctx, { ...data, locale }, locale)
      : { ...ask("join.consent", { ...data, locale }, consentQuestion(ctx, data.name ?? "")), locale };
  }
  if (ctx.snapshot.state === "join.name") {
    if (ctx.understood.name) return introduced(ctx, data, ctx.understood.name, data.locale ?? ctx.locale);
    const { suggestedName, ...rest } = data;
    if (suggestedName && command?.intent === "yes")
      return ask("join.consent", { ...rest, name: suggestedName }, consentQuestion(ctx, suggestedName));
    if (suggestedName && command?.intent === "no")
      return { ...ask("join.name", rest, reply("join.askName")), locale: data.locale ?? ctx.locale };
    if (command?.intent === "help") return ask("join.name", data, aboutScheme(ctx), reply("join.askName"));
    // Asked in one language, answered in another ("cik man ir?" to "Jak masz na imię?"): ask again in theirs.
    const theirs = command?.lang ?? ctx.understood.lang;
    if (command && theirs && theirs !== "en" && theirs !== data.locale)
      return askName(ctx, { ...data, locale: theirs }, theirs);
    if (command) return ask("join.name", data, reply("join.nameFirst"));
    const name = cleanName(ctx.text);
    if (!name) return ask("join.name", data, reply("join.badName"));
    return ask("join.consent", { ...data, name }, consentQuestion(ctx, name));
  }
  // join.consent
  if (command?.intent === "yes") {
    const locale = data.locale ?? ctx.locale;
    const name = data.name ?? "";
    return {
      state: "idle",
      data: {},
      effects: [
        { type: "createMember", name, locale },
        reply(
          "join.welcome",
          { name, scheme: ctx.facts.scheme.name },
          { askContact: CHANNEL_TRAITS[ctx.facts.channel].sharesContact },
        ),
        ...claim(ctx, locale),
      ],
      ...(data.pending ? { replay: data.pending } : {}),
    };
  }
  if (command?.intent === "no") return { ...idle({ type: "forgetConversation" }, reply("join.declined")) };
  return ask("join.consent", data, consentQuestion(ctx, data.name ?? ""));
}

/** Hours a partner logged before this number joined become the new member's. */
function claim(ctx: Ctx, locale: Locale): Effect[] {
  const waiting = ctx.facts.invited?.waitingMinutes ?? 0;
  // Hours a contact logged for their own number (or a colleague's) are refused, and the claim says so.
  const refused = ctx.facts.invited?.refusedMinutes ?? 0;
  if (!waiting && !refused) return [];
  const params = {
    hours: hoursText(waiting, locale),
    count: hoursCount(waiting),
    credits: hoursText(waiting, locale),
  };
  return [
    { type: "claimWaiting" },
    ...(waiting ? [reply("join.claimed", params)] : []),
    ...(refused ? [reply("selfCredit.notClaimed", { hours: hoursText(refused, locale) })] : []),
  ];
}

function consentQuestion(ctx: Ctx, name: string) {
  return reply("join.askConsent", { name, scheme: ctx.facts.scheme.name });
}

/** A first name as typed: letters, spaces, hyphens and apostrophes, at most 30 characters. */
export function cleanName(text: string): string | null {
  const name = text
    .normalize("NFC")
    .replace(/[^\p{L}\p{M}' .-]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 30)
    .trim();
  return /\p{L}/u.test(name) ? name : null;
}
