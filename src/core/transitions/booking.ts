// After booking: CANCEL code (the member, before the event) releases the hold; REDEEM code (a
// contact of the partner, at the door) turns the hold into a spend. Redeeming twice has one effect.
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import type { Booking, Effect } from "../engine-types.ts";
import { clockTime, hoursCount, hoursText, titleIn } from "../format.ts";
import { notify } from "../requests.ts";
import type { ReplyLine } from "../types.ts";

const CODE = /\b\d{4,5}\b/g;

/** The booking's title in `locale` (the sender's by default): a started event is no longer among the items. */
function titleOf(ctx: Ctx, b: Booking, locale = ctx.locale): string {
  const item = ctx.facts.items.find((i) => i.kind === b.itemKind && i.id === b.itemId);
  const title = item?.title ?? b.title;
  return title ? titleIn(title, locale) : b.itemId;
}

export function cancelBooking(ctx: Ctx): Outcome {
  const code = (ctx.command?.rest.match(CODE) ?? [])[0];
  if (!code) return idle(reply("spend.cancelHow"));
  const booking = ctx.facts.bookings.find((b) => b.code === code && b.status === "held");
  if (!booking) return idle(reply("spend.noSuchBooking", { code }));
  if (booking.startsAt && Date.parse(booking.startsAt) <= ctx.now.getTime())
    return idle(reply("spend.tooLate", { code }));
  const back = ctx.facts.balance.available + booking.minutes;
  const params = {
    code,
    title: titleOf(ctx, booking),
    count: hoursCount(back),
    credits: hoursText(back, ctx.locale),
  };
  return idle({ type: "cancelBooking", bookingId: booking.id }, reply("spend.cancelled", params));
}

/** True when this sender speaks for a partner and the message names booking codes of theirs. */
export function isRedeem(ctx: Ctx): boolean {
  return ctx.command?.intent === "redeem" && ctx.facts.asContact.length > 0;
}

export function redeem(ctx: Ctx, codes: readonly string[] = ctx.command?.rest.match(CODE) ?? []): Outcome {
  if (!codes.length) return idle(reply("spend.redeemHow"));
  const effects: Effect[] = [];
  const lines: ReplyLine[] = [];
  for (const code of [...new Set(codes)]) {
    const booking = ctx.facts.partnerBookings.filter((b) => b.code === code).at(-1);
    if (!booking) {
      lines.push({ key: "spend.unknownCode", params: { code } });
      continue;
    }
    const title = titleOf(ctx, booking);
    if (booking.status === "redeemed") {
      const who = ctx.facts.contacts.find((c) => `contact:${c.id}` === booking.settledBy)?.name ?? "";
      const time = booking.settledAt ? clockTime(booking.settledAt, ctx.facts.scheme.timezone) : "";
      lines.push({ key: "spend.alreadyRedeemed", params: { code, who, time, name: booking.memberName } });
      continue;
    }
    if (booking.status !== "held") {
      lines.push({ key: "spend.notOpen", params: { code } });
      continue;
    }
    const contact = ctx.facts.asContact.find((c) => c.partnerId === booking.partnerId);
    effects.push({ type: "redeemBooking", bookingId: booking.id, by: `contact:${contact?.id ?? 0}` });
    lines.push({
      key: "spend.redeemed",
      params: { code, name: booking.memberName, places: booking.places, title },
    });
    const member = booking.member;
    if (!member.optedOut) {
      const params = {
        title: titleOf(ctx, booking, member.locale),
        count: hoursCount(booking.minutes),
        credits: hoursText(booking.minutes, member.locale),
      };
      const key = booking.minutes === 0 ? "spend.enjoyFree" : "spend.enjoy";
      effects.push(...notify(member, member.locale, { key, params }));
    }
  }
  const [first, ...rest] = lines;
  return idle(...effects, reply(first?.key ?? "spend.redeemHow", first?.params, { lines: rest }));
}
