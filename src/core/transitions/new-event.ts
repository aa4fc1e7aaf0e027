// A partner's contact adds a community event by message: `EVENT 4/12 18:00 Family bingo 1 [30]`
// (day, time, title, cost in credits, optional capacity). The title is offered as written; the
// contact is shown how the event will appear to members.
import { TZDate } from "@date-fns/tz";
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { takeDay } from "../days.ts";
import { fold } from "../text.ts";
import { itemPart, viewOf } from "./spend.ts";

const TIME = /^(\d{1,2})[:.](\d{2})$/;
const MAX_COST = 20;
const MAX_CAPACITY = 1000;

/** A contact's NEW EVENT, or EVENT followed by a day and a time ("EVENT 4/12 18:00 Family bingo 1"). */
export function isNewEvent(ctx: Ctx): boolean {
  const c = ctx.command;
  if (!c || !ctx.facts.asContact.length) return false;
  const words = c.rest.split(/\s+/).filter(Boolean);
  return (
    c.intent === "newevent" ||
    (c.intent === "events" && (words.some((w) => TIME.test(w)) || takeDay(words, ctx.today) !== null))
  );
}

export function createEvent(ctx: Ctx): Outcome {
  let words = (ctx.command?.rest ?? "").trim().split(/\s+/).filter(Boolean);
  const contact = ctx.facts.asContact[0];
  const partner = ctx.facts.partners.find((p) => p.id === contact?.partnerId);
  if (!contact || !partner) return idle(reply("event.how"));
  // Days are read as future dates here: an event is always ahead.
  const day = takeDay(words, ctx.today);
  const numeric = day ? words.slice(day.index, day.index + day.used).some((w) => /\d/.test(w)) : false;
  const dayValue = day ? aheadOf(day.day, ctx.today, numeric) : null;
  if (day) words = [...words.slice(0, day.index), ...words.slice(day.index + day.used)];
  const timeAt = words.findIndex((w) => TIME.test(w));
  const time = timeAt >= 0 ? TIME.exec(words[timeAt] ?? "") : null;
  if (timeAt >= 0) words.splice(timeAt, 1);
  const numbers: number[] = [];
  while (words.length && /^\d+([.,]\d+)?$/.test(words.at(-1) ?? ""))
    numbers.unshift(Number(words.pop()?.replace(",", ".")));
  const title = words.join(" ").trim().slice(0, 60);
  const [cost, capacity] = numbers;
  if (day && !dayValue) return idle(reply("event.past"));
  if (!dayValue || !time || !title || cost === undefined) return idle(reply("event.how"));
  const hour = Number(time[1]);
  const minute = Number(time[2]);
  const [y, m, d] = dayValue.split("-").map(Number);
  const startsAt = new TZDate(y ?? 0, (m ?? 1) - 1, d ?? 1, hour, minute, ctx.facts.scheme.timezone);
  if (hour > 23 || minute > 59 || startsAt.getTime() <= ctx.now.getTime()) return idle(reply("event.past"));
  if (cost < 0 || cost > MAX_COST || (cost * 4) % 1 !== 0)
    return idle(reply("event.badCost", { max: MAX_COST }));
  if (capacity !== undefined && (capacity < 1 || capacity > MAX_CAPACITY || capacity % 1 !== 0)) {
    return idle(reply("event.badCapacity", { max: MAX_CAPACITY }));
  }
  const event = {
    id: `${partner.id}-${dayValue}-${fold(title).replace(/[^a-z0-9]+/g, "-")}`.slice(0, 80),
    partnerId: partner.id,
    title: { [contact.locale]: title },
    startsAt: new Date(startsAt.getTime()).toISOString(),
    cost: Math.round(cost * 60),
    capacity: capacity ?? null,
  };
  const preview = itemPart(viewOf(ctx), {
    kind: "event",
    ...event,
    valuePence: null,
    community: true,
    family: false,
    booked: 0,
  });
  return idle(
    { type: "createEvent", event },
    { type: "reply", reply: { key: "event.created", also: [preview] } },
  );
}

/**
 * An event is ahead: a weekday name means the next one; a date without a year that has just passed
 * is refused (a typo is likelier than next year), one long past means next year.
 */
function aheadOf(day: string, today: string, numeric: boolean): string | null {
  if (day >= today) return day;
  const back = (Date.parse(today) - Date.parse(day)) / 86_400_000;
  if (!numeric) return new Date(Date.parse(day) + 7 * 86_400_000).toISOString().slice(0, 10);
  if (back <= 31) return null;
  const [y, m, d] = day.split("-");
  const next = `${Number(y) + 1}-${m}-${d}`;
  return next >= today ? next : null;
}
