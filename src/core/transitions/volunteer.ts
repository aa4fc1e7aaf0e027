// VOLUNTEER / WOLONTARIAT / BRĪVPRĀTĪGI: partners' upcoming volunteering slots from the scheme file.
// Evenings and weekends come first: many members work long shifts on weekdays.
import { type Ctx, idle, type Outcome, reply } from "../context.ts";
import { clockTime, dayText, hoursText, localDay, titleIn } from "../format.ts";
import { outOfHours } from "../schedule.ts";
import type { Reply, Slot } from "../types.ts";

const SHOWN = 4;
const AHEAD_MS = 21 * 86_400_000;

export function listSlots(ctx: Ctx): Outcome {
  const tz = ctx.facts.scheme.timezone;
  const now = ctx.now.getTime();
  const slots = ctx.facts.partners
    .flatMap((p) => (p.slots ?? []).map((slot) => ({ slot, partner: p })))
    .filter(({ slot }) => Date.parse(slot.startsAt) > now && Date.parse(slot.startsAt) <= now + AHEAD_MS)
    .sort(
      (a, b) =>
        Number(outOfHours(b.slot.startsAt, tz)) - Number(outOfHours(a.slot.startsAt, tz)) ||
        a.slot.startsAt.localeCompare(b.slot.startsAt),
    )
    .slice(0, SHOWN);
  if (!slots.length) return idle(reply("volunteer.none"));
  const parts: Reply[] = slots.map(({ slot, partner }) =>
    slotPart(ctx, slot, partner.name, partner.aliases[0] ?? partner.id),
  );
  return idle({
    type: "reply",
    reply: { key: "volunteer.title", also: [...parts, { key: "volunteer.how" }] },
  });
}

function slotPart(ctx: Ctx, slot: Slot, place: string, alias: string): Reply {
  const tz = ctx.facts.scheme.timezone;
  const day = localDay(new Date(slot.startsAt), tz);
  const params = {
    day: dayText(day, ctx.locale),
    time: clockTime(slot.startsAt, tz),
    place,
    alias,
    title: titleIn(slot.title, ctx.locale),
    hours: slot.hours ? hoursText(slot.hours * 60, ctx.locale) : "",
  };
  return { key: slot.hours ? "volunteer.slot" : "volunteer.slotOpen", params };
}
