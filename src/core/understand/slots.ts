// The pieces a message gives, read from its words against the scheme: an amount of time, a partner
// (in any case ending), one of its activities, a bookable event or offer, a language, a code.
// Partners and items are read afresh for every message, so what is derived from them is cached by
// their names, not by object.
import type { SpendItem } from "../engine-types.ts";
import { takeHours } from "../hours.ts";
import { matchPartner } from "../match-partner.ts";
import { fold } from "../text.ts";
import type { Locale, Partner } from "../types.ts";
import { isKnown } from "./cues.ts";
import type { Situation } from "./index.ts";
import { languageTarget } from "./language.ts";
import type { Word } from "./words.ts";

const BARE_UNITS = new Set("hour godzina godzinka stunda stundina".split(" "));

export interface Slots {
  hours: string | null;
  activity: string | null;
  number: boolean;
  partner: Partner | null;
  item: string | null;
  language: Locale | null;
  code: string | null;
}

export function slotsOf(words: Word[], situation: Situation): Slots {
  const raw = words.map((w) => w.raw);
  let hours: string | null = null;
  let number = false;
  for (let i = 0; i < raw.length && !hours; i++) {
    const taken = takeHours(raw.slice(i));
    if (!taken) continue;
    // Inside a sentence a unit alone is an amount only in the accusative: "byłem godzinę", not "what hour".
    if (i > 0 && taken.used === 1 && BARE_UNITS.has(words[i]?.f ?? "")) continue;
    const used = raw.slice(i, i + taken.used);
    // A bare number is an amount only beside a place ("3 staithe"); with a unit it is one anywhere.
    if (taken.used > 1 || /[a-z]/i.test(used[0] ?? "")) hours = used.join(" ");
    else if (/^\d{1,2}([.,]\d{1,2})?$/.test(used[0] ?? "")) number = true;
  }
  let partner: Partner | null = null;
  const starts = partnerStarts(situation.partners);
  for (let i = 0; i < raw.length && !partner; i++) {
    if (!starts.has(words[i]?.f.slice(0, 2) ?? "")) continue;
    partner = matchPartner(raw.slice(i), situation.partners)?.partner ?? null;
  }
  const code = raw.find((w) => /^\d{3,5}$/.test(w)) ?? null;
  return {
    hours,
    number,
    partner,
    activity: partner ? activityNamed(words, partner) : null,
    item: namedItem(words, situation.items, situation.partners),
    language: languageTarget(words),
    code,
  };
}

/** An activity of the partner named by one of the words ("kitchen", "ogrodnictwo"). */
function activityNamed(words: Word[], partner: Partner): string | null {
  const folded = new Set(words.map((w) => w.f).filter((f) => f.length >= 4 && !isKnown(f)));
  const found = partner.activities.find((a) =>
    [a.id, ...Object.values(a.title)].some(
      (t) =>
        t &&
        fold(t)
          .split(/[\s-]+/)
          .some((w) => folded.has(w)),
    ),
  );
  return found?.id ?? null;
}

/**
 * The one event or offer the words name: by its title in any language, or an offer by its partner's
 * name or alias ("siłownię" → the gym), allowing case endings. Two equally good items name neither.
 */
export function namedItem(words: Word[], items: SpendItem[], partners: Partner[]): string | null {
  const typed = words.map((w) => w.f).filter((f) => f.length >= 4);
  let best: { id: string; n: number } | null = null;
  let tie = false;
  for (const item of items) {
    const keys = itemKeys(item, partners);
    const n = keys.filter((k) => typed.some((t) => sameStem(t, k))).length;
    if (!n) continue;
    if (!best || n > best.n) [best, tie] = [{ id: item.id, n }, false];
    else if (n === best.n) tie = true;
  }
  return best && !tie ? best.id : null;
}

/** The words that name an item: its titles, and for an offer its partner's name and aliases. */
function itemKeys(item: SpendItem, partners: Partner[]): string[] {
  const partner = item.kind === "offer" ? partners.find((p) => p.id === item.partnerId) : undefined;
  const names = [...Object.values(item.title), ...(partner ? [partner.name, ...partner.aliases] : [])];
  return remember(itemKeySets, names.join("\u0000"), () => [
    ...new Set(names.flatMap((t) => fold(t).split(/[^a-z]+/)).filter((k) => k.length >= 4 && !isKnown(k))),
  ]);
}

/** One word in another case: "siłownię" and "siłownia", "hostelu" and "hostel", "bingo" and "bingo". */
function sameStem(typed: string, key: string): boolean {
  if (key.length < 5) return typed === key;
  const stem = Math.max(5, Math.min(key.length, typed.length) - 2);
  return typed.slice(0, stem) === key.slice(0, stem) && Math.abs(typed.length - key.length) <= 3;
}

export function isPartnerWord(word: string, partners: Partner[]): boolean {
  return partnerWords(partners).has(word);
}

// Each message reads its partners and items afresh: caches are keyed by their names, not by object.
const partnerWordSets = new Map<string, Set<string>>();
const partnerStartSets = new Map<string, Set<string>>();
const itemKeySets = new Map<string, string[]>();

const namesKey = (partners: Partner[]) =>
  partners.map((p) => `${p.id}\u0000${p.name}\u0000${p.aliases.join("\u0000")}`).join("\u0001");

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size >= 64) cache.clear();
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** The first two letters of every partner word (and "th" for "the …"): where a name can start. */
function partnerStarts(partners: Partner[]): Set<string> {
  return remember(
    partnerStartSets,
    namesKey(partners),
    () => new Set([...partnerWords(partners)].map((w) => w.slice(0, 2))),
  );
}

/** Every folded word of the partners' ids, aliases and names. */
function partnerWords(partners: Partner[]): Set<string> {
  return remember(partnerWordSets, namesKey(partners), () => {
    const all = partners.flatMap((p) => [p.id, ...p.aliases, ...p.name.split(/\s+/)]);
    return new Set(all.flatMap((a) => fold(a).split(/\s+/)));
  });
}
