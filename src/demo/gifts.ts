// A gift between demo members: from credits the giver holds by then, mostly to someone who speaks
// their language; both sides confirmed at once, as GIVE … YES to a member does.
import { type DemoPerson, iso } from "./plan.ts";
import type { Random } from "./random.ts";
import { blank, type Ledger } from "./spending.ts";

export function planGift(rng: Random, ledger: Ledger, people: DemoPerson[], member: number, t: number): void {
  const avail = ledger.avail[member] ?? 0;
  const me = people[member];
  const others = people.flatMap((p, i) => (i !== member && Date.parse(p.joinedAt) < t ? [i] : []));
  const near = others.filter((i) => people[i]?.locale === me?.locale);
  const to = rng.chance(0.7) && near.length ? rng.pick(near) : others.length ? rng.pick(others) : -1;
  const minutes = Math.min(rng.pick([30, 60, 60, 90, 120]), Math.floor(avail / 30) * 30);
  if (to < 0 || minutes <= 0) return;
  ledger.avail[member] = avail - minutes;
  ledger.incoming[to]?.push({ at: t, minutes });
  const at = iso(t);
  ledger.entries.push(
    {
      ...blank,
      member,
      kind: "gift",
      status: "confirmed",
      minutes: -minutes,
      counterpart: to,
      createdAt: at,
    },
    {
      ...blank,
      member: to,
      kind: "gift",
      status: "confirmed",
      minutes,
      counterpart: member,
      createdAt: at,
      settledAt: at,
    },
  );
}
