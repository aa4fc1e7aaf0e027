// What the engine needs when the sender speaks for a partner: contacts, requests to decide,
// members they may log for. Statements join the conversation's single read batch.
import { CHANNEL_TRAITS } from "../core/channels.ts";
import type { KnownMember, PartnerRequest } from "../core/engine-types.ts";
import type { Channel, Contact, Locale } from "../core/types.ts";
import { AVAILABLE, DAY_HOURS, EARNED } from "../ledger/sql.ts";
import { type Query, select } from "./json-read.ts";

/** A row as the client returns it, or as read back from JSON (`json-read.ts`). */
type Row = Record<string, unknown>;

/**
 * True for an earning `l` whose member is a contact of the partner it is at, or the very contact who
 * logged it: hours a contact logged for their own number (or a colleague's) before it joined. No one
 * credits themselves, so joining refuses them (conversation-write.ts claimWaiting).
 */
export const SELF_CREDIT = `l.kind = 'earning' AND EXISTS (SELECT 1 FROM partner_contacts c JOIN members sm ON sm.id = l.member_id
  WHERE (c.partner_id = l.partner_id OR 'contact:' || c.id = l.logged_by)
    AND ((c.phone IS NOT NULL AND c.phone = sm.phone) OR (c.telegram_id IS NOT NULL AND c.telegram_id = sm.telegram_id)))`;

export function channelOf(value: unknown): Channel | null {
  return typeof value === "string" && value in CHANNEL_TRAITS ? (value as Channel) : null;
}

export function contactsQuery(): Query {
  return select(
    ["id", "partner_id", "name", "phone", "telegram_id", "locale", "last_channel", "telegram_blocked"],
    "FROM partner_contacts ORDER BY id",
  );
}

export function toContact(r: Row): Contact {
  return {
    id: Number(r.id),
    partnerId: String(r.partner_id),
    name: String(r.name),
    phone: r.phone === null ? null : String(r.phone),
    telegramId: r.telegram_id === null ? null : Number(r.telegram_id),
    locale: String(r.locale) as Locale,
    lastChannel: channelOf(r.last_channel),
    telegramBlocked: Number(r.telegram_blocked) === 1,
  };
}

/**
 * Requests of the partners whose contact the sender is. A message naming codes (`when.codes`: YES 482)
 * reads only those, open or settled since `since` (a settled one is answered with who settled it);
 * any other (a bare YES, YES ALL, "which one?" answered by number) reads every open one. Only read when
 * the message may decide some (`deciding`: a YES or NO) or answers "which one?" (the conversation is in
 * `partner.pick`): a partner's other messages no longer cost more as its open requests pile up.
 */
export function requestsQuery(
  contactPartners: string,
  arg: string | number,
  since: string,
  when: { deciding: boolean; conversation: string; codes: readonly string[] },
): Query {
  return select(
    [
      ..."l.id l.code l.partner_id l.member_id l.minutes l.activity l.day l.status l.settled_by l.settled_at".split(
        " ",
      ),
      ..."m.name m.locale m.phone m.telegram_id m.opted_out m.last_channel m.telegram_blocked m.nudges".split(
        " ",
      ),
      `(SELECT COUNT(*) FROM ledger_entries e WHERE e.member_id = m.id AND ${EARNED("e")}) AS earned`,
      `${AVAILABLE("m.id")} AS available`,
    ],
    `FROM ledger_entries l INDEXED BY ledger_partner JOIN members m ON m.id = l.member_id
     WHERE l.kind = 'earning' AND l.code IS NOT NULL AND l.partner_id IN ${contactPartners}
       AND (CASE WHEN json_array_length(?) = 0 THEN l.status = 'pending'
                 ELSE l.code IN (SELECT value FROM json_each(?)) AND (l.status = 'pending' OR l.settled_at >= ?) END)
       AND (? OR EXISTS (SELECT 1 FROM conversations WHERE address = ? AND state = 'partner.pick'))
     ORDER BY l.status = 'pending' DESC, l.id DESC LIMIT 2000`,
    arg,
    JSON.stringify(when.codes),
    JSON.stringify(when.codes),
    since,
    when.deciding ? 1 : 0,
    when.conversation,
  );
}

export function toRequest(r: Row): PartnerRequest {
  return {
    entryId: Number(r.id),
    code: String(r.code),
    partnerId: String(r.partner_id),
    memberId: Number(r.member_id),
    memberName: String(r.name),
    memberLocale: String(r.locale) as Locale,
    memberPhone: r.phone === null ? null : String(r.phone),
    memberTelegramId: r.telegram_id === null ? null : Number(r.telegram_id),
    memberOptedOut: Number(r.opted_out) === 1,
    memberLastChannel: channelOf(r.last_channel),
    memberTelegramBlocked: Number(r.telegram_blocked) === 1,
    memberEarned: Number(r.earned ?? 0),
    memberTipsAsked: r.nudges !== null && r.nudges !== undefined,
    minutes: Number(r.minutes),
    activity: r.activity === null ? null : String(r.activity),
    day: String(r.day),
    status: String(r.status) as PartnerRequest["status"],
    settledBy: r.settled_by === null ? null : String(r.settled_by),
    settledAt: r.settled_at === null ? null : String(r.settled_at),
    available: Number(r.available),
  };
}

/** The key under which `openCodes` lists the codes of held bookings (unique across the scheme). */
export const BOOKING_CODES = "#bookings";

/**
 * Which of `codes` (a message's candidate codes, core/requests.ts codesToCheck) are in use: by open
 * requests, per partner, and by held bookings. Only those few are looked up, through indexes on the
 * code, so the read costs the same however many requests and bookings are open.
 */
export function openCodesQuery(codes: readonly string[], onlyMidway: boolean, conversation: string): Query {
  // The candidates as one JSON argument, emptied when the message cannot make a code (a BALANCE in an
  // idle conversation): then neither index is probed at all.
  const candidates = `json_each(CASE WHEN ? OR EXISTS (SELECT 1 FROM conversations WHERE address = ? AND state <> 'idle')
                                THEN ? ELSE '[]' END)`;
  return select(
    ["partner_id", "code"],
    `FROM ledger_entries INDEXED BY ledger_open_codes
     WHERE status = 'pending' AND code IS NOT NULL AND code IN (SELECT value FROM ${candidates})
     UNION ALL SELECT ?, code FROM bookings INDEXED BY bookings_open_code
     WHERE status = 'held' AND code IN (SELECT value FROM ${candidates})`,
    onlyMidway ? 0 : 1,
    conversation,
    JSON.stringify(codes),
    BOOKING_CODES,
    onlyMidway ? 0 : 1,
    conversation,
    JSON.stringify(codes),
  );
}

/**
 * The ids of the members a sender may name (LOG and GIVE): those whose phone is in the JSON array of
 * the first argument, and those who have given hours at the sender's partners (the second). One IN
 * over both, not an OR: with the OR the planner read every member's row.
 */
const knownIds = (contactPartners: string) =>
  `SELECT id FROM members WHERE phone IN (SELECT value FROM json_each(?))
   UNION SELECT member_id FROM ledger_entries WHERE partner_id IN ${contactPartners}`;

/** Members named by number in the message, and members who have given hours at the sender's partners. */
export function knownMembersQuery(contactPartners: string, arg: string | number, phones: string[]): Query {
  return select(
    [
      ..."m.id m.name m.phone m.telegram_id m.locale m.consent_at m.opted_out m.last_channel m.telegram_blocked".split(
        " ",
      ),
      `${AVAILABLE("m.id")} AS available`,
    ],
    `FROM members m
     WHERE m.id IN (${knownIds(contactPartners)})
     LIMIT 1000`,
    JSON.stringify(phones),
    arg,
  );
}

export function toKnownMember(r: Row): KnownMember {
  return {
    id: Number(r.id),
    name: String(r.name),
    phone: r.phone === null ? null : String(r.phone),
    telegramId: r.telegram_id === null ? null : Number(r.telegram_id),
    locale: String(r.locale) as Locale,
    consented: r.consent_at !== null,
    optedOut: Number(r.opted_out) === 1,
    lastChannel: channelOf(r.last_channel),
    telegramBlocked: Number(r.telegram_blocked) === 1,
    available: Number(r.available),
  };
}

/** Minutes per member and day for the members above, for the 16-hours-a-day rule. */
export function knownDaysQuery(
  contactPartners: string,
  arg: string | number,
  phones: string[],
  from: string,
): Query {
  // By member (INDEXED BY): left to itself the planner walked every recent earning of the scheme, so a
  // LOG cost more as the ledger grew, even from a member who names nobody.
  return select(
    ["member_id", "day", "SUM(minutes) AS minutes"],
    `FROM ledger_entries INDEXED BY ledger_member
     WHERE member_id IN (${knownIds(contactPartners)})
       AND ${DAY_HOURS()} AND day >= ?
     GROUP BY member_id, day`,
    JSON.stringify(phones),
    arg,
    from,
  );
}
