// Spending: EVENTS suggests the three best things to spend on (MORE pages on); a number or BOOK n
// picks one; an event asks how many places; every booking asks once to confirm, then holds the
// credits and gives a code to show at the door. SPEND cinema gets a code for an offer.
import { ask, type Ctx, idle, type Outcome, reply } from "../context.ts";
import type { Effect, SpendItem } from "../engine-types.ts";
import { clockTime, dayText, decimalText, hoursCount, hoursText, localDay, titleIn } from "../format.ts";
import { pickCode } from "../requests.ts";
import { rank } from "../suggest.ts";
import { fold } from "../text.ts";
import { splitFor } from "../together.ts";
import type { Locale, Partner, Reply } from "../types.ts";
import { bookFor } from "./together.ts";

const PAGE = 3;
const MAX_PLACES = 10;

/** The member's suggestions in order: what BOOK 1 and the list's numbers pick from. */
export function ranked(ctx: Ctx): SpendItem[] {
  const { balance, familyBooker, bookings, items } = ctx.facts;
  return rank(items, { available: balance.available, familyBooker, bookings }, ctx.now);
}

const keyOf = (item: SpendItem) => `${item.kind}:${item.id}`;
const find = (ctx: Ctx, key: string | undefined) => ctx.facts.items.find((i) => keyOf(i) === key);

export interface ItemView {
  locale: Locale;
  partners: Partner[];
  timezone: string;
}

export function viewOf(ctx: Ctx): ItemView {
  return { locale: ctx.locale, partners: ctx.facts.partners, timezone: ctx.facts.scheme.timezone };
}

/** One line describing an item: what, when, where, its cost and what it is worth. */
export function itemPart(view: ItemView, item: SpendItem, n?: number): Reply {
  const l = view.locale;
  const place = view.partners.find((p) => p.id === item.partnerId)?.name ?? item.partnerId;
  const params = {
    n: n ?? "",
    title: titleIn(item.title, l),
    place,
    count: hoursCount(item.cost),
    cost: hoursText(item.cost, l),
    when: item.startsAt ? when(view, item.startsAt) : "",
    value: item.valuePence !== null ? money(item.valuePence, l) : "",
  };
  const kind =
    item.kind === "event" ? "spend.event" : item.valuePence !== null ? "spend.offerValue" : "spend.offer";
  // A free item says so ("free"), not "0 credits".
  const key = item.cost === 0 ? (`${kind}Free` as const) : kind;
  return { key: n ? key : (`${key}Plain` as const), params };
}

/** Pounds as each language writes them: 4.50 in English, 4,50 in Polish and Latvian; whole pounds bare. */
function money(pence: number, locale: Locale): string {
  return pence % 100 ? decimalText(pence, 2, locale, true) : decimalText(pence / 100, 0, locale, false);
}

export function when(view: ItemView, iso: string): string {
  const day = localDay(new Date(iso), view.timezone);
  return `${dayText(day, view.locale)} ${clockTime(iso, view.timezone)}`;
}

export function showSuggestions(ctx: Ctx, page = 0): Outcome {
  const all = ranked(ctx);
  const shown = all.slice(page * PAGE, page * PAGE + PAGE);
  const credits = {
    count: hoursCount(ctx.facts.balance.available),
    credits: hoursText(ctx.facts.balance.available, ctx.locale),
  };
  if (!shown.length) return idle(reply(page ? "spend.noMore" : "spend.none", credits));
  const parts = shown.map((item, i) => itemPart(viewOf(ctx), item, i + 1));
  const options = shown.map((item, i) => ({ n: i + 1, text: titleIn(item.title, ctx.locale), hidden: true }));
  const more = all.length > (page + 1) * PAGE;
  const head: Reply = { key: "spend.title", params: credits, options };
  const tail: Reply[] = more ? [{ key: "spend.more" }] : [];
  return ask(
    "spend.pick",
    { choices: shown.map(keyOf), page },
    { type: "reply", reply: { ...head, also: [...parts, ...tail] } },
  );
}

/** The answer to the suggestions: a number, BOOK n, or MORE. */
export function answerSuggestions(ctx: Ctx): Outcome {
  const data = ctx.snapshot.data;
  if (ctx.command?.intent === "more") return showSuggestions(ctx, (data.page ?? 0) + 1);
  const n = ctx.choice ?? Number(ctx.command?.intent === "book" ? ctx.command.rest.trim() : Number.NaN);
  const item = find(ctx, data.choices?.[n - 1]);
  return item ? pick(ctx, item) : showSuggestions(ctx, data.page ?? 0);
}

/** BOOK 2 with no list open: the number refers to today's suggestions. SPEND cinema: an offer by name. */
export function bookOrSpend(ctx: Ctx): Outcome {
  const rest = ctx.command?.rest.trim() ?? "";
  // BOOK 1 FOR Kasia: going together (transitions/together.ts).
  const together = ctx.command?.intent === "book" ? splitFor(rest) : null;
  if (together) return bookFor(ctx, together.item, together.person);
  if (ctx.command?.intent === "book") {
    const item = ranked(ctx)[Number(rest) - 1];
    return item ? pick(ctx, item) : showSuggestions(ctx);
  }
  if (!rest) return showSuggestions(ctx);
  // An event or offer named in the person's own words comes by its id ("zapisz mnie na bingo").
  const named = ctx.facts.items.find((i) => i.id === rest);
  if (named) return pick(ctx, named);
  const wanted = fold(rest);
  const offer = ctx.facts.items.find((i) => {
    const partner = ctx.facts.partners.find((p) => p.id === i.partnerId);
    const names = [i.id, ...Object.values(i.title), partner?.name ?? "", ...(partner?.aliases ?? [])];
    return i.kind === "offer" && names.some((name) => name && fold(name).includes(wanted));
  });
  if (offer) return pick(ctx, offer);
  const list = showSuggestions(ctx);
  return { ...list, effects: [reply("spend.unknownOffer", { text: rest.slice(0, 30) }), ...list.effects] };
}

function pick(ctx: Ctx, item: SpendItem): Outcome {
  const available = ctx.facts.balance.available;
  if (item.capacity !== null && item.booked >= item.capacity) return nextAfter(ctx, item, "spend.full");
  if (item.cost > available) return nextAfter(ctx, item, "spend.cantAfford");
  const spend = { kind: item.kind, id: item.id };
  if (item.kind === "offer") return confirm(ctx, item, 1);
  return ask(
    "spend.places",
    { spend },
    reply(item.cost === 0 ? "spend.askPlacesFree" : "spend.askPlaces", {
      title: titleIn(item.title, ctx.locale),
      count: hoursCount(item.cost),
      cost: hoursText(item.cost, ctx.locale),
    }),
  );
}

/** A refusal, then the next best thing this member can have. */
function nextAfter(ctx: Ctx, item: SpendItem, key: "spend.full" | "spend.cantAfford"): Outcome {
  const params = {
    title: titleIn(item.title, ctx.locale),
    count: hoursCount(ctx.facts.balance.available),
    credits: hoursText(ctx.facts.balance.available, ctx.locale),
  };
  const next = ranked(ctx).find((i) => keyOf(i) !== keyOf(item) && i.cost <= ctx.facts.balance.available);
  const effects: Effect[] = [reply(key, params)];
  if (next)
    effects.push({ type: "reply", reply: { key: "spend.instead", also: [itemPart(viewOf(ctx), next)] } });
  return idle(...effects);
}

export function answerPlaces(ctx: Ctx): Outcome {
  const item = find(ctx, `${ctx.snapshot.data.spend?.kind}:${ctx.snapshot.data.spend?.id}`);
  if (!item) return showSuggestions(ctx);
  const places = ctx.choice;
  if (places === null || places > MAX_PLACES)
    return ask("spend.places", ctx.snapshot.data, reply("spend.badPlaces", { max: MAX_PLACES }));
  const left = item.capacity === null ? Number.POSITIVE_INFINITY : item.capacity - item.booked;
  if (places > left)
    return ask("spend.places", ctx.snapshot.data, reply("spend.placesLeft", { count: left }));
  if (item.cost * places > ctx.facts.balance.available) {
    const params = {
      count: hoursCount(ctx.facts.balance.available),
      credits: hoursText(ctx.facts.balance.available, ctx.locale),
    };
    return ask("spend.places", ctx.snapshot.data, reply("spend.cantAffordPlaces", params));
  }
  return confirm(ctx, item, places);
}

function confirm(ctx: Ctx, item: SpendItem, places: number): Outcome {
  const total = item.cost * places;
  const params = {
    title: titleIn(item.title, ctx.locale),
    places,
    count: hoursCount(total),
    credits: hoursText(total, ctx.locale),
  };
  const spend = { kind: item.kind, id: item.id, places };
  return ask(
    "spend.confirm",
    { spend },
    reply(
      `${item.kind === "event" ? "spend.confirmEvent" : "spend.confirmOffer"}${total === 0 ? "Free" : ""}`,
      params,
    ),
  );
}

export function answerConfirm(ctx: Ctx): Outcome {
  const spend = ctx.snapshot.data.spend;
  const item = find(ctx, `${spend?.kind}:${spend?.id}`);
  if (ctx.command?.intent === "no" || !item || !spend) return idle(reply("spend.notBooked"));
  if (ctx.command?.intent !== "yes") return ask("spend.confirm", ctx.snapshot.data, reply("spend.yesOrNo"));
  const places = spend.places ?? 1;
  // The facts may have changed since the question: check again; the write checks once more.
  if (item.capacity !== null && item.booked + places > item.capacity)
    return nextAfter(ctx, item, "spend.full");
  if (item.cost * places > ctx.facts.balance.available) return nextAfter(ctx, item, "spend.cantAfford");
  // Booking codes are unique across the scheme while held.
  const used = ctx.facts.openCodes["#bookings"] ?? [];
  const code = pickCode(used, ctx.facts.seed, 4);
  const hold: Effect = {
    type: "hold",
    code,
    partnerId: item.partnerId,
    item: { kind: item.kind, id: item.id, capacity: item.capacity, startsAt: item.startsAt },
    places,
    minutes: item.cost * places,
  };
  const left = ctx.facts.balance.available - item.cost * places;
  const params = {
    code,
    title: titleIn(item.title, ctx.locale),
    places,
    when: item.startsAt ? when(viewOf(ctx), item.startsAt) : "",
    count: hoursCount(left),
    credits: hoursText(left, ctx.locale),
  };
  if (item.kind !== "event") return idle(hold, reply("spend.offerCode", params));
  // Going together: how many others have places (a count, never names), when it fits the message.
  const mine = ctx.facts.bookings
    .filter((b) => b.itemId === item.id && (b.status === "held" || b.status === "redeemed"))
    .reduce((n, b) => n + b.places, 0);
  const others = item.booked - mine;
  const also =
    others > 0 ? [{ key: "spend.othersGoing" as const, params: { count: others }, optional: true }] : [];
  return idle(hold, reply("spend.booked", params, { also }));
}
