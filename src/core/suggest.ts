// Which events and offers to suggest to a member, best first. Studies of Time Credits schemes found
// that members hoard credits, that community events are poorly attended, and that people like to
// "go together"; the ranking leans against all three.
import type { Booking, SpendItem } from "./engine-types.ts";

/** Events starting sooner than this are not suggested: nobody can get there in time. */
export const TOO_SOON_MS = 60 * 60 * 1000;

export interface Member {
  /** Spendable minutes. */
  available: number;
  familyBooker: boolean;
  bookings: Booking[];
}

/**
 * Scores one item for one member; null when it must not be suggested at all (started or starting
 * within the hour, full, or already booked by this member). The weights, in order of strength:
 * - affordable with the balance now: +100 (what one cannot pay for comes last);
 * - a community event or offer: +40 (a clear boost over corporate offers);
 * - a family event, for a member who has booked more than one place before: +20;
 * - soon: up to +15 for events within two weeks, falling by one a day.
 */
export function score(item: SpendItem, member: Member, now: Date): number | null {
  const held = member.bookings.some(
    (b) =>
      b.itemId === item.id &&
      b.itemKind === item.kind &&
      (b.status === "held" || (b.status === "redeemed" && item.kind === "event")),
  );
  if (held) return null;
  if (item.capacity !== null && item.booked >= item.capacity) return null;
  let points = 0;
  if (item.startsAt !== null) {
    const ahead = Date.parse(item.startsAt) - now.getTime();
    if (ahead < TOO_SOON_MS) return null;
    points += Math.max(0, 15 - Math.floor(ahead / 86_400_000));
  }
  if (item.cost <= member.available) points += 100;
  if (item.community) points += 40;
  if (item.family && member.familyBooker) points += 20;
  return points;
}

/** Items worth suggesting, best first; ties go to the sooner, then the cheaper. */
export function rank(items: SpendItem[], member: Member, now: Date): SpendItem[] {
  return items
    .map((item) => ({ item, points: score(item, member, now) }))
    .filter((x): x is { item: SpendItem; points: number } => x.points !== null)
    .sort(
      (a, b) =>
        b.points - a.points ||
        (a.item.startsAt ?? "9999").localeCompare(b.item.startsAt ?? "9999") ||
        a.item.cost - b.item.cost ||
        a.item.id.localeCompare(b.item.id),
    )
    .map((x) => x.item);
}
