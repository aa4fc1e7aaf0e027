// Gifts: GIVE 2 07700900123 (or a name given to before) moves confirmed credits to another member
// after one confirmation. An unknown number is invited and the credits wait for it. Never overdraws,
// never to oneself, at most a weekly amount set by the scheme.
import { ask, type Ctx, idle, type Outcome, reply } from "../context.ts";
import type { ConversationData, Effect } from "../engine-types.ts";
import { hoursCount, hoursText } from "../format.ts";
import { findPhones, unreachable } from "../mentions.ts";
import { notify } from "../requests.ts";
import { fold } from "../text.ts";

type Gift = NonNullable<ConversationData["gift"]>;

function credits(minutes: number, ctx: Ctx) {
  return { count: hoursCount(minutes), credits: hoursText(minutes, ctx.locale) };
}

export function startGift(ctx: Ctx): Outcome {
  const words = (ctx.command?.rest ?? "").trim().split(/\s+/).filter(Boolean);
  const amount = Number((words[0] ?? "").replace(",", "."));
  if (!words.length || !Number.isFinite(amount)) return idle(reply("give.how"));
  const minutes = Math.round(amount * 60);
  const rest = words.slice(1);
  const [phone] = findPhones(rest);
  const byName = rest.length ? ctx.facts.giftees.filter((g) => fold(g.name) === fold(rest.join(" "))) : [];
  const target = phone
    ? (ctx.facts.knownMembers.find((m) => m.phone === phone.phone && m.consented) ?? null)
    : byName.length === 1
      ? byName[0]
      : null;
  if (!phone && !target) return idle(reply(byName.length > 1 ? "give.ambiguous" : "give.how"));
  const me = ctx.facts.member;
  if ((target && target.id === me?.id) || phone?.phone === me?.phone) return idle(reply("give.notYourself"));
  // A new number is invited by SMS: never a premium, personal or foreign one (SMS pumping).
  const refused =
    !target && phone ? unreachable(phone.phone, ctx.facts.scheme.settings.allowedCountryCodes) : null;
  if (refused) return idle(reply(refused.key, refused.params));
  if (minutes <= 0 || minutes % 15 !== 0) return idle(reply("give.badAmount"));
  if (minutes > ctx.facts.balance.available)
    return idle(reply("give.notEnough", credits(ctx.facts.balance.available, ctx)));
  const limit = ctx.facts.scheme.settings.giftWeeklyCredits * 60;
  if (ctx.facts.giftedThisWeek + minutes > limit) {
    return idle(
      reply("give.weekly", {
        ...credits(Math.max(0, limit - ctx.facts.giftedThisWeek), ctx),
        limit: limit / 60,
      }),
    );
  }
  // A number invited before (by a partner or an earlier gift) is not invited, nor texted, again (F12).
  const invited = !target && ctx.facts.knownMembers.some((m) => m.phone === phone?.phone && !m.consented);
  if (!target && !invited && ctx.facts.invitedToday >= ctx.facts.scheme.settings.invitesPerDay)
    return idle(reply("invite.limit", { numbers: phone?.phone ?? "" }));
  const gift: Gift = target
    ? { minutes, to: { id: target.id, name: target.name } }
    : { minutes, to: { phone: phone?.phone ?? "", ...(invited ? { invited: true } : {}) } };
  const who = "name" in gift.to ? gift.to.name : gift.to.phone;
  return ask(
    "give.confirm",
    { gift },
    reply("id" in gift.to ? "give.confirm" : "give.confirmInvite", { ...credits(minutes, ctx), who }),
  );
}

export function answerGift(ctx: Ctx): Outcome {
  const gift = ctx.snapshot.data.gift;
  if (!gift || ctx.command?.intent === "no") return idle(reply("give.cancelled"));
  if (ctx.command?.intent !== "yes") return ask("give.confirm", ctx.snapshot.data, reply("give.yesOrNo"));
  const available = ctx.facts.balance.available;
  if (gift.minutes > available) return idle(reply("give.notEnough", credits(available, ctx)));
  const me = ctx.facts.member;
  // An unknown number gets its (unconsented) member row first, so the gift has somewhere to wait.
  const effects: Effect[] =
    "id" in gift.to ? [] : [{ type: "inviteMember", phone: gift.to.phone, locale: ctx.locale }];
  effects.push({
    type: "gift",
    minutes: gift.minutes,
    to: "id" in gift.to ? { id: gift.to.id } : { phone: gift.to.phone },
  });
  if ("id" in gift.to) {
    const id = gift.to.id;
    const receiver =
      ctx.facts.giftees.find((g) => g.id === id) ?? ctx.facts.knownMembers.find((m) => m.id === id);
    if (receiver && !receiver.optedOut) {
      const l = receiver.locale;
      effects.push(
        ...notify(receiver, l, {
          key: "give.received",
          params: {
            name: me?.name ?? "",
            count: hoursCount(gift.minutes),
            credits: hoursText(gift.minutes, l),
          },
        }),
      );
    }
  } else if (!gift.to.invited) {
    effects.push(
      ...notify({ phone: gift.to.phone, telegramId: null }, ctx.locale, {
        key: "give.invite",
        params: { name: me?.name ?? "", ...credits(gift.minutes, ctx) },
      }),
    );
  }
  const left = available - gift.minutes;
  const who = "name" in gift.to ? gift.to.name : gift.to.phone;
  const key = "id" in gift.to ? "give.done" : "give.doneInvite";
  return idle(
    ...effects,
    reply(key, { who, left: hoursText(left, ctx.locale), ...credits(gift.minutes, ctx) }),
  );
}
