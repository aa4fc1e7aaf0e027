// A small world for driving the pure engine (`step()` in src/core/machine.ts) without a database:
// the demo scheme's partners and things to spend on, a few contacts and members, and builders for a
// snapshot and the facts a message's read would have produced.
import { schemeWorld } from "../../src/cli/explain.ts";
import {
  type Booking,
  type ConversationData,
  DEFAULT_SETTINGS,
  type Facts,
  type KnownMember,
  type PartnerRequest,
  type Snapshot,
  type StateName,
} from "../../src/core/engine-types.ts";
import type { Contact, Locale, Member } from "../../src/core/types.ts";

export const NOW = new Date("2026-11-28T12:00:00Z");

const world = schemeWorld();
export const PARTNERS = world.partners;
export const ITEMS = world.items;

/** Partner contacts as the read gives them (ids as in the demo import order). */
export const CONTACTS: Contact[] = [
  { id: 1, partnerId: "staithe", name: "Kate", phone: "+447700900001", telegramId: null, locale: "en" },
  { id: 2, partnerId: "staithe", name: "Marek", phone: "+447700900002", telegramId: null, locale: "pl" },
  { id: 4, partnerId: "oasis", name: "Ilze", phone: "+447700900004", telegramId: null, locale: "lv" },
  { id: 10, partnerId: "cinema", name: "Tom", phone: "+447700900010", telegramId: null, locale: "en" },
];

/** The member behind a phone number, in their language. */
export function member(locale: Locale, more: Partial<Member> = {}): Member {
  const names: Record<Locale, string> = { en: "Sharon", pl: "Anna", lv: "Jānis" };
  const phones: Record<Locale, string> = { en: "+447700900101", pl: "+447700900100", lv: "+447700900102" };
  return {
    id: { en: 11, pl: 12, lv: 13 }[locale],
    phone: phones[locale],
    telegramId: null,
    name: names[locale],
    locale,
    optedOut: false,
    consentAt: "2026-11-01T10:00:00.000Z",
    ...more,
  };
}

/** A member the sender has given credits to before (GIVE by name). */
export const GIFTEE: KnownMember = {
  id: 21,
  name: "Ola",
  phone: "+447700900121",
  telegramId: null,
  locale: "pl",
  consented: true,
  optedOut: false,
  lastChannel: "sms",
  telegramBlocked: false,
  available: 60,
};

/** An open request of a member's hours at The Staithe, for its contacts to answer. */
export function request(code: string, more: Partial<PartnerRequest> = {}): PartnerRequest {
  return {
    entryId: Number(code),
    code,
    partnerId: "staithe",
    memberId: 12,
    memberName: "Anna",
    memberLocale: "pl",
    memberPhone: "+447700900100",
    memberTelegramId: null,
    memberOptedOut: false,
    memberLastChannel: "sms",
    memberTelegramBlocked: false,
    memberEarned: 1,
    memberTipsAsked: true,
    minutes: 180,
    activity: "gardening",
    day: "2026-11-27",
    status: "pending",
    settledBy: null,
    settledAt: null,
    available: 120,
    ...more,
  };
}

/** A held booking of one of the member's places. */
export function booking(code: string, more: Partial<Booking> = {}): Booking {
  return {
    id: 7,
    code,
    memberId: 11,
    memberName: "Sharon",
    member: {
      phone: "+447700900101",
      telegramId: null,
      locale: "en",
      optedOut: false,
      lastChannel: "sms",
      telegramBlocked: false,
    },
    partnerId: "cinema",
    itemKind: "offer",
    itemId: "cinema-ticket",
    title: { en: "Cinema ticket", pl: "Bilet do kina", lv: "Kino biļete" },
    places: 1,
    minutes: 120,
    status: "held",
    startsAt: null,
    settledBy: null,
    settledAt: null,
    ...more,
  };
}

/** What the read gives for a sender: nothing known about them unless told. */
export function facts(more: Partial<Facts> = {}): Facts {
  return {
    channel: "sms",
    address: more.member?.phone ?? "+447700900199",
    member: null,
    partners: PARTNERS,
    balance: { available: 0, pendingByPartner: {} },
    history: [],
    dayMinutes: {},
    scheme: { name: "Wisbech Time Credits", timezone: "Europe/London", settings: DEFAULT_SETTINGS },
    contacts: CONTACTS,
    asContact: [],
    requests: [],
    openCodes: {},
    knownMembers: [],
    memberDayMinutes: {},
    checkin: null,
    invited: null,
    openRequests: 0,
    confirmedOnce: true,
    items: ITEMS,
    bookings: [],
    partnerBookings: [],
    familyBooker: false,
    giftedThisWeek: 0,
    giftees: [],
    phoneMember: null,
    invitedToday: 0,
    posts: [],
    postLinks: [],
    helpClaims: [],
    takenPostCodes: [],
    postPaidThisWeek: {},
    openPoll: null,
    invites: [],
    seed: 7,
    ...more,
  };
}

/** A saved conversation in a state (idle unless told), its question still open. */
export function snapshot(state: StateName = "idle", data: ConversationData = {}, exists = true): Snapshot {
  return {
    state,
    data,
    expiresAt: state === "idle" ? null : new Date(NOW.getTime() + 10 * 60_000).toISOString(),
    version: 3,
    exists,
  };
}

/** A first contact: no conversation saved yet. */
export const FIRST: Snapshot = { state: "idle", data: {}, expiresAt: null, version: 0, exists: false };
