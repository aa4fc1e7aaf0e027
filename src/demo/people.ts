// The demo's members: names in their own language, numbers from Ofcom's drama range, a way of taking
// part (regular, occasional, hoarder, dormant), the partners they help at, and when they joined:
// most before the history starts, the newcomers during it, a few in its last fortnight.
import type { Locale } from "../core/types.ts";
import { NAMES } from "./names.ts";
import { DAY_MS, type DemoPerson, type Habit, iso } from "./plan.ts";
import type { Random } from "./random.ts";

/**
 * Ofcom keeps +44 7700 900000–900999 for drama: never a real phone. The scheme file uses 9000xx and
 * 9001xx and the tests' scheme number is 900999, so demo members get 900200–900989.
 */
export const DEMO_PHONES = { first: 900_200, last: 900_989 } as const;

const LOCALE_SHARE: Array<[Locale, number]> = [
  ["en", 0.38],
  ["pl", 0.36],
  ["lv", 0.26],
];

function localeFor(rng: Random): Locale {
  let x = rng.next();
  for (const [locale, share] of LOCALE_SHARE) {
    x -= share;
    if (x < 0) return locale;
  }
  return "en";
}

function habitFor(rng: Random, i: number): Habit {
  // One member in fifteen hoards; the rest by chance.
  if (i % 15 === 3) return "hoarder";
  const x = rng.next();
  return x < 0.13 ? "dormant" : x < 0.58 ? "regular" : "occasional";
}

export function makePeople(
  rng: Random,
  count: number,
  start: number,
  now: number,
  earnPartners: readonly string[],
  takenPhones: ReadonlySet<string>,
): DemoPerson[] {
  const phones = rng
    .shuffle(
      Array.from(
        { length: DEMO_PHONES.last - DEMO_PHONES.first + 1 },
        (_, i) => `+447700${DEMO_PHONES.first + i}`,
      ),
    )
    .filter((p) => !takenPhones.has(p));
  if (phones.length < count)
    throw new RangeError(`at most ${phones.length} demo members fit the drama range`);
  const used = new Set<string>();
  const people: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const locale = localeFor(rng);
    const book = NAMES[locale];
    let name = "";
    for (let tries = 0; !name || used.has(name); tries++) {
      const woman = rng.chance(0.55);
      const surname = rng.pick(book.surnames);
      name = `${rng.pick(woman ? book.women : book.men)} ${woman ? surname[1] : surname[0]}`;
      if (tries > 50) name = `${name} ${i}`;
    }
    used.add(name);
    const habit = habitFor(rng, i);
    const span = now - start;
    // A third are newcomers, joining during the history (one in five of those in its last fortnight).
    const newcomer = habit !== "hoarder" && rng.chance(0.33);
    const joined = !newcomer
      ? start - rng.int(1, 300) * DAY_MS - rng.int(0, 8) * 3_600_000
      : rng.chance(0.2)
        ? now - rng.int(1, 14) * DAY_MS
        : start + rng.next() * (span - 14 * DAY_MS);
    const favourite = rng.pick(earnPartners);
    const second = rng.pick(earnPartners);
    const answer = rng.next();
    people.push({
      name,
      phone: phones[i] as string,
      locale,
      joinedAt: iso(Math.floor(joined / 1000) * 1000),
      volunteeredBefore: answer < 0.45 ? 1 : answer < 0.85 ? 0 : null,
      habit,
      partners: second !== favourite && rng.chance(0.4) ? [favourite, second] : [favourite],
    });
  }
  return people;
}
