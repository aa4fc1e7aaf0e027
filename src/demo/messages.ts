// The messages behind the demo history, written the way the bot writes them: each member's LOG, GIVE or
// EVENTS, each partner's request and YES or NO, and each notice the member got, in everyone's own
// language through the real translations, so the language report and the outbox page have a story.
import { renderFor } from "../channels/render.ts";
import { dayText, hoursCount, hoursText } from "../core/format.ts";
import { requestReply } from "../core/requests.ts";
import type { Contact, Locale, Partner, Reply } from "../core/types.ts";
import { createI18n } from "../i18n/index.ts";
import type { DemoPerson, PlannedInbound, PlannedOutbox } from "./plan.ts";
import type { Ledger } from "./spending.ts";
import type { DemoWorld } from "./world.ts";

/** The words people type, in their own language (any of them works for everyone). */
const WORDS: Record<Locale, { log: string; yes: string; no: string; give: string; events: string }> = {
  en: { log: "LOG", yes: "YES", no: "NO", give: "GIVE", events: "EVENTS" },
  pl: { log: "GODZINY", yes: "TAK", no: "NIE", give: "PODARUJ", events: "WYDARZENIA" },
  lv: { log: "STUNDAS", yes: "JĀ", no: "NĒ", give: "DĀVINĀT", events: "PASĀKUMI" },
};

/** +447700900345 as people write it: 07700 900345. */
const national = (phone: string) => `0${phone.slice(3, 7)} ${phone.slice(7)}`;
const later = (at: string, seconds: number) => new Date(Date.parse(at) + seconds * 1000).toISOString();

/** Each member's spendable balance over time, for the "you now have" in their notices. */
function balances(ledger: Ledger): (member: number, at: string) => number {
  const moves = new Map<number, Array<[string, number]>>();
  const add = (m: number, at: string, minutes: number) =>
    moves.set(m, [...(moves.get(m) ?? []), [at, minutes]]);
  for (const e of ledger.entries) {
    if (e.minutes < 0 && e.status !== "rejected") add(e.member, e.createdAt, e.minutes);
    if (e.minutes < 0 && e.status === "released" && e.settledAt) add(e.member, e.settledAt, -e.minutes);
    if (e.minutes > 0 && e.status === "confirmed") add(e.member, e.settledAt ?? e.createdAt, e.minutes);
  }
  return (member, at) => (moves.get(member) ?? []).reduce((s, [t, m]) => (t <= at ? s + m : s), 0);
}

export function messagesOf(
  people: DemoPerson[],
  ledger: Ledger,
  world: DemoWorld,
): { inbound: PlannedInbound[]; outbox: PlannedOutbox[] } {
  const { t } = createI18n();
  const inbound: PlannedInbound[] = [];
  const outbox: PlannedOutbox[] = [];
  const balanceAt = balances(ledger);
  const partners = new Map<string, Partner>(world.partners.map((p) => [p.id, p]));
  const contacts = new Map<string, Contact>(world.contacts.map((c) => [`contact:${c.id}`, c]));
  const send = (address: string | null, locale: Locale, reply: Reply, at: string) => {
    if (!address) return;
    for (const r of renderFor(t, "sms", locale, reply)) outbox.push({ address, body: r.body, createdAt: at });
  };
  for (const e of ledger.entries) {
    const person = people[e.member];
    if (!person) continue;
    const l = person.locale;
    const word = WORDS[l];
    if (e.kind === "earning") {
      const partner = partners.get(e.partnerId ?? "");
      if (!partner || !e.day) continue;
      const hours = hoursText(e.minutes, l);
      const base = { name: partner.name, hours, day: dayText(e.day, l) };
      const by = contacts.get(e.settledBy ?? e.loggedBy ?? "");
      if (!e.code) {
        // Logged by the partner for the member, who is told at once.
        if (by) {
          const body = `${WORDS[by.locale].log} ${hoursText(e.minutes, by.locale)} ${national(person.phone)}`;
          inbound.push({
            member: null,
            address: by.phone ?? "",
            locale: by.locale,
            body,
            receivedAt: e.createdAt,
          });
        }
        const balance = balanceAt(e.member, e.createdAt);
        const params = { ...base, count: hoursCount(balance), credits: hoursText(balance, l) };
        send(person.phone, l, { key: "earning.loggedForYou", params }, later(e.createdAt, 1));
        continue;
      }
      const what = l === "en" && e.activity ? ` ${e.activity}` : "";
      const alias = partner.aliases[0] ?? partner.id;
      inbound.push({
        member: e.member,
        address: person.phone,
        locale: l,
        body: `${word.log} ${hours} ${alias}${what}`,
        receivedAt: e.createdAt,
      });
      const details = {
        memberName: person.name,
        minutes: e.minutes,
        activity: e.activity,
        day: e.day,
        code: e.code,
      };
      for (const c of world.contacts.filter((x) => x.partnerId === partner.id)) {
        send(c.phone, c.locale, requestReply(partner, details, c.locale), later(e.createdAt, 1));
      }
      if (!e.settledAt) continue;
      if (e.status === "expired") {
        send(person.phone, l, { key: "earning.expired", params: base }, e.settledAt);
        continue;
      }
      if (!by) continue;
      const answer = e.status === "confirmed" ? WORDS[by.locale].yes : `${WORDS[by.locale].no}`;
      const body = `${answer} ${e.code}${e.reason ? ` ${e.reason}` : ""}`;
      inbound.push({
        member: null,
        address: by.phone ?? "",
        locale: by.locale,
        body,
        receivedAt: e.settledAt,
      });
      if (e.status === "confirmed") {
        const balance = balanceAt(e.member, e.settledAt);
        const params = { ...base, count: hoursCount(balance), credits: hoursText(balance, l) };
        send(person.phone, l, { key: "earning.confirmed", params }, later(e.settledAt, 1));
      } else {
        send(
          person.phone,
          l,
          { key: "earning.rejected", params: { ...base, reason: e.reason ?? "" } },
          later(e.settledAt, 1),
        );
      }
    } else if (e.kind === "spend") {
      inbound.push({
        member: e.member,
        address: person.phone,
        locale: l,
        body: word.events,
        receivedAt: e.createdAt,
      });
    } else if (e.kind === "gift" && e.minutes < 0 && e.counterpart !== null) {
      const to = people[e.counterpart];
      if (!to) continue;
      const body = `${word.give} ${hoursText(-e.minutes, l)} ${national(to.phone)}`;
      inbound.push({ member: e.member, address: person.phone, locale: l, body, receivedAt: e.createdAt });
      const params = {
        name: person.name,
        count: hoursCount(-e.minutes),
        credits: hoursText(-e.minutes, to.locale),
      };
      send(to.phone, to.locale, { key: "give.received", params }, later(e.createdAt, 1));
    }
  }
  inbound.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  outbox.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  return { inbound, outbox };
}
