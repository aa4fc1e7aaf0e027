// Going together, as rules on data: BOOK 1 FOR Kasia splits into the event and the person, and the
// invitation she answers has a code of its own (G and three digits, apart from bookings' digits and
// posts' P).

/** "FOR" in the three languages: BOOK 1 FOR Kasia, REZERWUJ 1 DLA Kasi, REZERVĒT 1 PRIEKŠ Jāņa. */
const FOR = /^(.*?)\s+(?:for|dla|priek[sš]|ar)\s+(.+)$/i;

/** The event part and the person part of "1 FOR 07700900123", or null when no one is named. */
export function splitFor(rest: string): { item: string; person: string } | null {
  const m = FOR.exec(rest.trim());
  return m?.[1] && m[2] ? { item: m[1].trim(), person: m[2].trim() } : null;
}

const CODE = /(?<![\p{L}\d])g[\s-]?(\d{3})(?!\d)/giu;

/** The invitation codes a message names ("TAK G482", "no g 482"), in order. */
export function inviteCodesIn(text: string): string[] {
  return [...text.matchAll(CODE)].map((m) => `G${m[1]}`);
}

/** A new invitation's code for this seed (a taken one fails the live-code index: the message is read again). */
export function inviteCode(seed: number): string {
  let x = (seed >>> 0) ^ 0x85ebca6b;
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
  return `G${100 + (x % 900)}`;
}
