// A partner's contact logs hours for volunteers in one message: `LOG 3 07700900100 07700900101
// litter picking` (numbers, or names of members known to the partner). These are confirmed at once;
// numbers that are not members yet are invited, and their hours wait for them.
import { checkDay, checkDayTotal, checkMinutes } from "../../ledger/rules.ts";
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { takeDay } from "../days.ts";
import type { Effect, KnownMember } from "../engine-types.ts";
import { activityText, dayText, hoursCount, hoursText } from "../format.ts";
import { takeHours } from "../hours.ts";
import { matchPartner } from "../match-partner.ts";
import { findPhones, textable } from "../mentions.ts";
import { notify } from "../requests.ts";
import { isSender, samePerson } from "../same-person.ts";
import { fold } from "../text.ts";
import type { Contact, Partner, ReplyLine } from "../types.ts";

interface Target {
  member: KnownMember | null;
  phone: string | null;
  label: string;
}

/** True when a contact's LOG names other people (by number, or a member's name) rather than themself. */
export function isLogForOthers(ctx: Ctx): boolean {
  if (ctx.command?.intent !== "log" || !ctx.facts.asContact.length) return false;
  const words = words_(ctx.command.rest);
  return findPhones(words).length > 0 || words.some((w) => namesOf(ctx, w).length > 0);
}

export function logForOthers(ctx: Ctx): Outcome {
  let words = words_(ctx.command?.rest ?? "");
  const day = takeDay(words, ctx.today);
  if (day) words = [...words.slice(0, day.index), ...words.slice(day.index + day.used)];
  const hours = takeHours(words);
  if (!hours) return idle(reply("partner.logHow"));
  words = words.slice(hours.used);
  const minimum = ctx.facts.scheme.settings.roundingMinutes;
  const minutesProblem = checkMinutes(hours.minutes, minimum);
  if (minutesProblem) return idle(reply(`log.refused.${minutesProblem}`, { minutes: minimum }));
  const when = day?.day ?? ctx.today;
  const dayProblem = checkDay(when, ctx.today);
  if (dayProblem) return idle(reply(`log.refused.${dayProblem}`));
  const found = pickPartner(ctx, words);
  if (!found) return idle(reply("partner.whichPartner"));
  const { partner, contact } = found;
  words = found.rest;
  const targets: Target[] = [];
  const notes: ReplyLine[] = [];
  const phones = findPhones(words);
  const used = new Set(phones.flatMap((m) => Array.from({ length: m.end - m.start }, (_, i) => m.start + i)));
  for (const m of textable(ctx, phones, notes)) {
    const member = ctx.facts.knownMembers.find((k) => k.phone === m.phone) ?? null;
    targets.push({ member, phone: m.phone, label: member?.consented ? member.name : m.phone });
  }
  const rest: string[] = [];
  words.forEach((w, i) => {
    if (used.has(i)) return;
    const named = namesOf(ctx, w);
    if (named.length === 1 && named[0])
      targets.push({ member: named[0], phone: named[0].phone, label: named[0].name });
    else if (named.length > 1) notes.push({ key: "partner.ambiguousName", params: { name: w } });
    else rest.push(w);
  });
  if (!targets.length)
    return idle(reply(notes[0]?.key ?? "partner.logHow", notes[0]?.params, { lines: notes.slice(1) }));
  const activity = activityOf(partner, rest.join(" "));
  return record(ctx, { partner, contact, minutes: hours.minutes, day: when, activity }, targets, notes);
}

interface Visit {
  partner: Partner;
  contact: Contact;
  minutes: number;
  day: string;
  activity: string | null;
}

function record(ctx: Ctx, v: Visit, targets: Target[], notes: ReplyLine[]): Outcome {
  const effects: Effect[] = [];
  const logged: string[] = [];
  const invited: string[] = [];
  const seen = new Set<string>();
  const refused: string[] = [];
  let invitations = ctx.facts.invitedToday;
  const by = `contact:${v.contact.id}`;
  const base = {
    partnerId: v.partner.id,
    minutes: v.minutes,
    day: v.day,
    activity: v.activity,
    loggedBy: by,
  };
  for (const t of targets) {
    const key = t.member ? `m${t.member.id}` : `p${t.phone}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const m = t.member;
    // No one credits themselves: not their own number on any channel, nor a colleague at this partner.
    const person = { phone: t.phone ?? m?.phone ?? null, telegramId: m?.telegramId ?? null };
    if (isSender(ctx, person, m?.id)) {
      notes.push({ key: "partner.notYourself", params: {} });
      continue;
    }
    if (ctx.facts.contacts.some((c) => c.partnerId === v.partner.id && samePerson(c, person))) {
      notes.push({ key: "selfCredit.colleague", params: { name: t.label, partner: v.partner.name } });
      continue;
    }
    const already = m ? (ctx.facts.memberDayMinutes[m.id]?.[v.day] ?? 0) : 0;
    if (checkDayTotal(already, v.minutes)) {
      notes.push({
        key: "partner.dayFull",
        params: { name: t.label, hours: hoursText(already, ctx.locale) },
      });
      continue;
    }
    if (m?.consented) {
      effects.push({ type: "postEarning", ...base, status: "confirmed", forMember: { id: m.id } });
      const balance = m.available + v.minutes;
      const l = m.locale;
      const params = {
        name: v.partner.name,
        hours: hoursText(v.minutes, l),
        day: dayText(v.day, l),
        count: hoursCount(balance),
        credits: hoursText(balance, l),
      };
      if (!m.optedOut) effects.push(...notify(m, l, { key: "earning.loggedForYou", params }));
      logged.push(t.label);
    } else if (t.phone) {
      // Not a member yet: the hours wait, pending, until the number agrees to join. New numbers are
      // limited per day, so the bot cannot be made to text strangers in bulk.
      if (!m && invitations >= ctx.facts.scheme.settings.invitesPerDay) {
        refused.push(t.phone);
        continue;
      }
      if (!m) invitations++;
      if (!m) effects.push({ type: "inviteMember", phone: t.phone, locale: v.contact.locale });
      effects.push({ type: "postEarning", ...base, status: "pending", forMember: { phone: t.phone } });
      const params = { name: v.partner.name, hours: hoursText(v.minutes, v.contact.locale) };
      if (!m)
        effects.push(
          ...notify({ phone: t.phone, telegramId: null }, v.contact.locale, { key: "invite.hours", params }),
        );
      invited.push(t.phone);
    }
  }
  if (refused.length) notes.push({ key: "invite.limit", params: { numbers: refused.join(", ") } });
  const what = activityText(v.partner, v.activity, ctx.locale);
  const lines: ReplyLine[] = [];
  if (invited.length)
    lines.push({ key: "partner.invited", params: { count: invited.length, numbers: invited.join(", ") } });
  lines.push(...notes);
  const head = logged.length
    ? reply(
        what ? "partner.loggedWhat" : "partner.logged",
        {
          count: logged.length,
          names: logged.join(", "),
          hours: hoursText(v.minutes, ctx.locale),
          what,
          day: dayText(v.day, ctx.locale),
        },
        { lines },
      )
    : reply(lines[0]?.key ?? "partner.logHow", lines[0]?.params, { lines: lines.slice(1) });
  return idle(...effects, head);
}

/** The partner this contact logs for: their only one, or the one named in the message. */
function pickPartner(
  ctx: Ctx,
  words: string[],
): { partner: Partner; contact: Contact; rest: string[] } | null {
  const mine = ctx.facts.asContact;
  for (let i = 0; i < words.length; i++) {
    const hit = matchPartner(
      words.slice(i),
      ctx.facts.partners.filter((p) => mine.some((c) => c.partnerId === p.id)),
    );
    if (hit && !/^\+?\d/.test(words[i] ?? "")) {
      const contact = mine.find((c) => c.partnerId === hit.partner.id);
      if (contact)
        return { partner: hit.partner, contact, rest: [...words.slice(0, i), ...words.slice(i + hit.used)] };
    }
  }
  const only = mine.length === 1 ? mine[0] : undefined;
  const partner = only && ctx.facts.partners.find((p) => p.id === only.partnerId);
  return only && partner ? { partner, contact: only, rest: words } : null;
}

function namesOf(ctx: Ctx, word: string): KnownMember[] {
  const w = fold(word);
  if (w.length < 2 || /\d/.test(w)) return [];
  return ctx.facts.knownMembers.filter((k) => k.consented && fold(k.name) === w);
}

function activityOf(partner: Partner, text: string): string | null {
  const wanted = fold(text);
  if (!wanted) return null;
  const known = partner.activities.find(
    (a) => fold(a.id) === wanted || Object.values(a.title).some((t) => fold(t ?? "") === wanted),
  );
  return known ? known.id : text.trim().slice(0, 60);
}

function words_(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}
