// Going together: BOOK 1 FOR 07700900123 (or FOR a name the member has given to) books the member's
// own place and asks the other member to come along — paying their own place, or taking one the
// booker pays for and holds now. She answers YES G482 or NO G482: her own place is then booked (or
// the held one is hers), or the booker's held place for her goes back to the booker.
import { ask, type Ctx, idle, type Outcome, reply } from "../context.ts";
import type { Effect, EventInvite, SpendItem } from "../engine-types.ts";
import { hoursCount, hoursText, titleIn } from "../format.ts";
import { findPhones } from "../mentions.ts";
import { firstName } from "../posts.ts";
import { notify, pickCode } from "../requests.ts";
import { fold } from "../text.ts";
import { inviteCode, inviteCodesIn } from "../together.ts";
import { ranked, viewOf, when } from "./spend.ts";

/** The event a BOOK … FOR names: its number in the member's list, or words of its title. */
function eventNamed(ctx: Ctx, text: string): SpendItem | undefined {
  const list = ranked(ctx);
  const byNumber = /^\d{1,2}$/.test(text) ? list[Number(text) - 1] : undefined;
  if (byNumber) return byNumber;
  const wanted = fold(text);
  return wanted.length >= 3
    ? ctx.facts.items.find(
        (i) => i.kind === "event" && Object.values(i.title).some((t) => t && fold(t).includes(wanted)),
      )
    : undefined;
}

export function bookFor(ctx: Ctx, itemText: string, personText: string): Outcome {
  const me = ctx.facts.member;
  const item = eventNamed(ctx, itemText);
  if (!me || !item || item.kind !== "event" || !item.startsAt) return idle(reply("spend.forHow"));
  const [phone] = findPhones(personText.split(/\s+/));
  const byName = ctx.facts.giftees.filter(
    (g) => fold(g.name).split(/\s+/)[0] === fold(personText).split(/\s+/)[0],
  );
  const to = phone
    ? ctx.facts.knownMembers.find((m) => m.phone === phone.phone && m.consented)
    : byName.length === 1
      ? byName[0]
      : undefined;
  if (!to) return idle(reply("spend.forWhom"));
  if (to.id === me.id || phone?.phone === me.phone) return idle(reply("spend.forSelf"));
  if (to.optedOut) return idle(reply("spend.forWhom"));
  const places = item.capacity === null ? Infinity : item.capacity - item.booked;
  if (places < 1) return idle(reply("spend.full", { title: titleIn(item.title, ctx.locale) }));
  const name = firstName(to.name);
  const reach = {
    phone: to.phone,
    telegramId: to.telegramId,
    locale: to.locale,
    optedOut: to.optedOut,
    lastChannel: to.lastChannel,
    telegramBlocked: to.telegramBlocked,
  };
  return ask(
    "spend.for",
    { spendFor: { id: item.id, to: { id: to.id, name, reach } } },
    reply("spend.forWho", {
      title: titleIn(item.title, ctx.locale),
      when: when(viewOf(ctx), item.startsAt),
      name,
      count: hoursCount(item.cost * 2),
      both: hoursText(item.cost * 2, ctx.locale),
    }),
  );
}

/** The booker's 1 (each pays their own) or 2 (I pay both); anything else asks again, NO cancels. */
export function answerFor(ctx: Ctx): Outcome {
  const pending = ctx.snapshot.data.spendFor;
  const item = ctx.facts.items.find((i) => i.kind === "event" && i.id === pending?.id);
  const me = ctx.facts.member;
  if (!pending || !item || !me || ctx.command?.intent === "no") return idle(reply("spend.notBooked"));
  const choice = ctx.choice;
  if (choice !== 1 && choice !== 2) return ask("spend.for", ctx.snapshot.data, reply("spend.forOneOrTwo"));
  const payer = choice === 2 ? "booker" : "self";
  // The booker's own place, unless they already have one; a place paid for her is held now as well.
  const mine = ctx.facts.bookings.some(
    (b) => b.itemId === item.id && (b.status === "held" || b.status === "redeemed"),
  );
  const own = mine ? 0 : 1;
  const paid = payer === "booker" ? 1 : 0;
  const places = own + paid;
  if (item.capacity !== null && item.booked + Math.max(places, 1) > item.capacity)
    return idle(reply("spend.full", { title: titleIn(item.title, ctx.locale) }));
  const cost = item.cost * places;
  if (cost > ctx.facts.balance.available)
    return idle(
      reply("give.notEnough", {
        count: hoursCount(ctx.facts.balance.available),
        credits: hoursText(ctx.facts.balance.available, ctx.locale),
      }),
    );
  const used = ctx.facts.openCodes["#bookings"] ?? [];
  const ownCode = pickCode(used, ctx.facts.seed, 4);
  const paidCode = pickCode([...used, ownCode], ctx.facts.seed, 4);
  const hold = (code: string, forMemberId?: number): Effect => ({
    type: "hold",
    code,
    partnerId: item.partnerId,
    item: { kind: "event", id: item.id, capacity: item.capacity, startsAt: item.startsAt },
    places: 1,
    minutes: item.cost,
    ...(forMemberId ? { forMemberId } : {}),
  });
  const code = inviteCode(ctx.facts.seed);
  const effects: Effect[] = [
    ...(own ? [hold(ownCode)] : []),
    ...(paid ? [hold(paidCode, pending.to.id)] : []),
    {
      type: "inviteToEvent",
      code,
      eventId: item.id,
      toMemberId: pending.to.id,
      payer,
      bookingCode: paid ? paidCode : null,
    },
  ];
  const l = pending.to.reach.locale;
  const view = { ...viewOf(ctx), locale: l };
  const params = {
    name: firstName(me.name),
    title: titleIn(item.title, l),
    when: item.startsAt ? when(view, item.startsAt) : "",
    code,
    count: hoursCount(item.cost),
    credits: hoursText(item.cost, l),
  };
  effects.push(
    ...notify(pending.to.reach, l, { key: paid ? "spend.invitedPaid" : "spend.invitedOwn", params }),
  );
  const left = ctx.facts.balance.available - cost;
  const mineParams = {
    code: own ? ownCode : "",
    title: titleIn(item.title, ctx.locale),
    places: 1,
    when: item.startsAt ? when(viewOf(ctx), item.startsAt) : "",
    count: hoursCount(left),
    credits: hoursText(left, ctx.locale),
  };
  const sent = reply("spend.invitedSent", { name: pending.to.name });
  return own ? idle(...effects, reply("spend.booked", mineParams), sent) : idle(...effects, sent);
}

/** YES G482 / NO G482: an invitation to come along is being answered. */
export function isInviteAnswer(ctx: Ctx): boolean {
  const intent = ctx.command?.intent;
  return (intent === "yes" || intent === "no") && inviteCodesIn(ctx.command?.rest ?? "").length > 0;
}

export function answerInvite(ctx: Ctx): Outcome {
  const [code] = inviteCodesIn(ctx.command?.rest ?? "");
  const invite = ctx.facts.invites.find((i) => i.code === code);
  const me = ctx.facts.member;
  if (!invite || !me) return idle(reply("spend.inviteUnknown", { code: code ?? "" }));
  const item = ctx.facts.items.find((i) => i.kind === "event" && i.id === invite.eventId);
  const yes = ctx.command?.intent === "yes";
  const tell = (key: "spend.inviteAccepted" | "spend.inviteDeclined") =>
    invite.from.reach.optedOut
      ? []
      : notify(invite.from.reach, invite.from.reach.locale, { key, params: { name: firstName(me.name) } });
  if (!yes || !item) {
    // Declined (or the event is gone): a place the booker paid for goes back to them.
    const effects: Effect[] = [
      { type: "answerInvite", inviteId: invite.id, status: "declined" },
      ...(invite.booking ? [{ type: "cancelBooking" as const, bookingId: invite.booking.id }] : []),
      ...tell("spend.inviteDeclined"),
    ];
    return idle(...effects, reply(item ? "spend.inviteNoted" : "spend.inviteUnknown", { code: invite.code }));
  }
  const title = titleIn(item.title, ctx.locale);
  const at = item.startsAt ? when(viewOf(ctx), item.startsAt) : "";
  if (invite.payer === "booker" && invite.booking)
    return idle(
      { type: "answerInvite", inviteId: invite.id, status: "accepted" },
      ...tell("spend.inviteAccepted"),
      reply("spend.placeTaken", { title, when: at, code: invite.booking.code, name: invite.from.name }),
    );
  return acceptOwn(ctx, invite, item, tell("spend.inviteAccepted"));
}

/** She pays her own place: booked as any booking, checked against her balance and the places left. */
function acceptOwn(ctx: Ctx, invite: EventInvite, item: SpendItem, told: Effect[]): Outcome {
  const available = ctx.facts.balance.available;
  if (item.capacity !== null && item.booked + 1 > item.capacity)
    return idle(reply("spend.full", { title: titleIn(item.title, ctx.locale) }));
  if (item.cost > available)
    return idle(
      reply("give.notEnough", { count: hoursCount(available), credits: hoursText(available, ctx.locale) }),
    );
  const code = pickCode(ctx.facts.openCodes["#bookings"] ?? [], ctx.facts.seed, 4);
  const left = available - item.cost;
  return idle(
    {
      type: "hold",
      code,
      partnerId: item.partnerId,
      item: { kind: "event", id: item.id, capacity: item.capacity, startsAt: item.startsAt },
      places: 1,
      minutes: item.cost,
    },
    { type: "answerInvite", inviteId: invite.id, status: "accepted" },
    ...told,
    reply("spend.booked", {
      code,
      title: titleIn(item.title, ctx.locale),
      places: 1,
      when: item.startsAt ? when(viewOf(ctx), item.startsAt) : "",
      count: hoursCount(left),
      credits: hoursText(left, ctx.locale),
    }),
  );
}
