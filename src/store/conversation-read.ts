// Everything the engine needs to answer one message, read in ONE batch (one round trip on Turso):
// whether the message was seen before, the sender, their conversation, the scheme, their ledger.
// The batch is one statement (json-read.ts), plus MY DATA's own statements when it is asked for.
import { TZDate } from "@date-fns/tz";
import { startOfDay } from "date-fns";
import { DEFAULT_SETTINGS, type Facts, type Snapshot } from "../core/engine-types.ts";
import type { ReadPlan } from "../core/read-plan.ts";
import type { Channel, LedgerEntry, Locale, Member, Reply } from "../core/types.ts";
import { balanceOf, earliestDay } from "../ledger/rules.ts";
import { DAY_HOURS } from "../ledger/sql.ts";
import { partnersQuery, rowsToPartners, rowToScheme, schemeQuery } from "../scheme/store.ts";
import {
  boardQuery,
  claimsQuery,
  invitesQuery,
  linksQuery,
  openPollQuery,
  paidQuery,
  takenPostCodesQuery,
  toClaim,
  toInvite,
  toOpenPoll,
  toPostLink,
} from "./board-read.ts";
import type { Db } from "./db.ts";
import { contactPartners, conversationKey, isAt, memberRef } from "./identity.ts";
import { combine, type Query, readCombined, select } from "./json-read.ts";
import {
  channelOf,
  contactsQuery,
  knownDaysQuery,
  knownMembersQuery,
  openCodesQuery,
  requestsQuery,
  SELF_CREDIT,
  toContact,
  toKnownMember,
  toRequest,
} from "./partner-read.ts";
import { toPost } from "./post-read.ts";
import { personalDataQueries, toPersonalData } from "./privacy-read.ts";
import { MAX_RATE, MAX_WINDOW_MS, readSettings } from "./settings.ts";
import {
  gifteesQuery,
  itemsQuery,
  myBookingsQuery,
  partnerBookingsQuery,
  spendHabitsQuery,
  toBooking,
  toItem,
} from "./spend-read.ts";

type Row = Record<string, unknown>;
/** The member columns `toMember` reads. */
const MEMBER_COLUMNS = [
  "id",
  "phone",
  "telegram_id",
  "name",
  "locale",
  "opted_out",
  "consent_at",
  "last_channel",
  "telegram_blocked",
  "plain_sms",
];

/**
 * Where the rate-limit read starts (arguments: now, the default window in minutes twice, the
 * longest window's start): a minute before the scheme's window when the setting is plain — a whole number
 * of minutes in range, which `readSettings` takes as it is, or none, which takes the default —
 * else the longest window. Never later than `readSettings`'s window start, so the count is the same;
 * a flood's earlier messages are just not read.
 */
const RATE_WINDOW_START = `COALESCE(
  (SELECT strftime('%Y-%m-%dT%H:%M:%fZ', ?, '-' || (minutes + 1) || ' minutes') FROM (
     SELECT COALESCE((SELECT CASE WHEN json_type(settings, '$.rateLimitMinutes') IS NULL THEN ?
                                  WHEN json_type(settings, '$.rateLimitMinutes') = 'integer'
                                    THEN json_extract(settings, '$.rateLimitMinutes')
                                  ELSE -1 END
                      FROM scheme WHERE id = 1), ?) AS minutes)
   WHERE minutes BETWEEN 1 AND ${MAX_WINDOW_MS / 60_000}),
  ?)`;

/**
 * The scheme's settings, partners and contacts as last read through each database, with the
 * scheme_version they were read at (migration 0027: triggers change it with any of their rows). While
 * the version is the same, a message's read returns none of them and these are used: most messages
 * no longer read and send the whole scheme.
 */
const schemeRows = new WeakMap<Db, SchemeRows>();

interface SchemeRows {
  version: number;
  scheme: Row[];
  partners: Row[];
  contacts: Row[];
}

/**
 * Kept scheme rows come back as the same array message after message (as do unchanged large parts,
 * json-read.ts): they are converted to partners and contacts once, frozen, since every message shares them.
 */
const converted = new WeakMap<readonly Row[], readonly object[]>();

function convertOnce<T extends object>(rows: readonly Row[], convert: (rows: readonly Row[]) => T[]): T[] {
  let done = converted.get(rows) as T[] | undefined;
  if (!done) {
    done = convert(rows);
    deepFreeze(done);
    converted.set(rows, done);
  }
  return done;
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}

/** `q`'s rows, unless scheme_version is still `known`: then none (the caller has them). */
function unlessVersion(q: Query, known: number): Query {
  return select(
    q.columns,
    `FROM (${q.sql}) WHERE (SELECT n FROM scheme_version WHERE id = 1) IS NOT ?`,
    ...q.args,
    known,
  );
}

/** The instant the sender's local day began, in UTC ISO form (as `created_at` is stored). */
function dayStart(now: Date, timezone: string): string {
  return new Date(startOfDay(new TZDate(now.getTime(), timezone)).getTime()).toISOString();
}

export interface StoredReply {
  locale: Locale;
  replies: Reply[];
  /** SMS only: the member asked for plain letters (no diacritics); absent when not. */
  plain?: true;
}

export interface ConversationRead {
  seen: StoredReply | null;
  /** Messages from this address in the rate-limit window, this one included. */
  recentMessages: number;
  facts: Facts;
  snapshot: Snapshot;
}

export async function readConversation(
  db: Db,
  input: {
    channel: Channel;
    address: string;
    externalId: string;
    today: string;
    timezone: string;
    /** What this message needs read beyond the usual (core/read-plan.ts, from its text). */
    plan: ReadPlan;
    now: Date;
    linkPhone?: string | null;
    /** The message's random seed: a new request or booking code is one of its candidates. */
    seed?: number;
  },
): Promise<ConversationRead> {
  const { channel, address } = input;
  const ref = memberRef(channel, address);
  const seed = input.seed ?? 0;
  const contactOf = contactPartners(channel);
  const { plan } = input;
  const logging = plan.mentioned !== null;
  const exporting = plan.personalData;
  const phones = plan.mentioned ?? [];
  // Settled requests and bookings are shown for a month.
  const monthAgo = new Date(input.now.getTime() - 30 * 86_400_000).toISOString();
  const weekAgo = new Date(input.now.getTime() - 7 * 86_400_000).toISOString();
  const cached = schemeRows.get(db);
  const schemeAt = cached?.version ?? -1;
  // Each query's rows come back as JSON in one column of ONE statement (json-read.ts).
  const queries = {
    seen: select(
      ["reply"],
      "FROM inbound_messages WHERE channel = ? AND external_id = ?",
      channel,
      input.externalId,
    ),
    member: select(MEMBER_COLUMNS, `FROM members WHERE id = ${ref.sql}`, ref.arg),
    conversation: select(
      ["state", "data", "expires_at", "version"],
      "FROM conversations WHERE address = ?",
      conversationKey(channel, address),
    ),
    schemeVersion: select(["n"], "FROM scheme_version WHERE id = 1"),
    partners: unlessVersion(partnersQuery(), schemeAt),
    scheme: unlessVersion(schemeQuery(), schemeAt),
    // `own`: requests the member made themselves (not hours a contact logged for them), for the caps.
    groups: select(
      ["status", "kind", "partner_id", "SUM(minutes) AS minutes", "SUM(logged_by IS NULL) AS own"],
      `FROM ledger_entries WHERE member_id = ${ref.sql}
       GROUP BY status, kind, partner_id, minutes < 0`,
      ref.arg,
    ),
    history: select(
      ["id", "kind", "status", "minutes", "partner_id", "activity", "day", "created_at"],
      `FROM ledger_entries WHERE member_id = ${ref.sql} ORDER BY id DESC LIMIT 5`,
      ref.arg,
    ),
    days: select(
      ["day", "SUM(minutes) AS minutes"],
      // INDEXED BY: the planner otherwise walks every recent earning of the scheme to find the member's.
      `FROM ledger_entries INDEXED BY ledger_member WHERE member_id = ${ref.sql}
       AND ${DAY_HOURS()} AND day >= ? GROUP BY day`,
      ref.arg,
      earliestDay(input.today),
    ),
    contacts: unlessVersion(contactsQuery(), schemeAt),
    requests: requestsQuery(contactOf, ref.arg, monthAgo, {
      deciding: plan.settlable,
      conversation: conversationKey(channel, address),
      codes: plan.requestCodes,
    }),
    // Only the codes this message could choose: reading every open code made each message slower
    // as requests piled up.
    codes: openCodesQuery(plan.codes, plan.codesOnlyMidway, conversationKey(channel, address)),
    checkin: select(
      ["id", "partner_id", "started_at"],
      `FROM checkins WHERE member_id = ${ref.sql} AND closed_at IS NULL`,
      ref.arg,
    ),
    waiting: select(
      [
        `COALESCE(SUM(CASE WHEN ${SELF_CREDIT} THEN 0 ELSE minutes END), 0) AS minutes`,
        `COALESCE(SUM(CASE WHEN ${SELF_CREDIT} THEN minutes ELSE 0 END), 0) AS refused`,
      ],
      `FROM ledger_entries l WHERE member_id = ${ref.sql} AND status = 'pending' AND logged_by IS NOT NULL`,
      ref.arg,
    ),
    // A shared Telegram contact: who already has that number (no row otherwise).
    phoneMember: select(MEMBER_COLUMNS, "FROM members WHERE phone = ?", input.linkPhone ?? ""),
    items: itemsQuery(input.now),
    mine: myBookingsQuery(ref.sql, ref.arg, monthAgo),
    atPartners: partnerBookingsQuery(contactOf, ref.arg, monthAgo),
    habits: spendHabitsQuery(ref.sql, ref.arg, weekAgo),
    giftees: gifteesQuery(ref.sql, ref.arg, conversationKey(channel, address)),
    // Messages in the scheme's window and a minute before it; the runner counts within its setting.
    inbound: select(
      ["received_at"],
      `FROM inbound_messages WHERE channel = ? AND address = ? AND received_at > ${RATE_WINDOW_START}
       ORDER BY received_at DESC LIMIT ${MAX_RATE + 2}`,
      channel,
      address,
      input.now.toISOString(),
      DEFAULT_SETTINGS.rateLimitMinutes,
      DEFAULT_SETTINGS.rateLimitMinutes,
      new Date(input.now.getTime() - MAX_WINDOW_MS).toISOString(),
    ),
  };
  const logQueries = logging
    ? {
        known: knownMembersQuery(contactOf, ref.arg, phones),
        knownDays: knownDaysQuery(contactOf, ref.arg, phones, earliestDay(input.today)),
        invitations: select(
          ["COUNT(*) AS n"],
          "FROM members WHERE invited_by = ? AND created_at >= ?",
          conversationKey(channel, address),
          dayStart(input.now, input.timezone),
        ),
      }
    : undefined;
  const boardQueries = plan.board
    ? {
        board: boardQuery(ref.sql, ref.arg, monthAgo),
        links: linksQuery(ref.sql, ref.arg),
        postCodes: takenPostCodesQuery(plan.board.postCodes),
        paid: paidQuery(ref.sql, ref.arg, weekAgo),
        claims: claimsQuery(ref.sql, ref.arg),
      }
    : undefined;
  const pollQueries = plan.poll
    ? { poll: openPollQuery(ref.sql, ref.arg, input.now.toISOString()) }
    : undefined;
  const inviteQueries = plan.invites ? { invites: invitesQuery(ref.sql, ref.arg) } : undefined;
  // MY DATA's rows keep their own statements: every column of the member's row, in table order.
  const results = await db.batch(
    [
      combine({ ...queries, ...logQueries, ...boardQueries, ...pollQueries, ...inviteQueries }),
      ...(exporting ? personalDataQueries(ref) : []),
    ],
    "read",
  );
  const rows = readCombined(results[0], queries);
  const { partners, scheme, contacts } = schemeParts(db, rows, cached);
  const { seen, member, conversation, groups, history, days } = rows;
  const { requests, codes, checkin, waiting, phoneMember, items, mine, atPartners, habits } = rows;
  const { giftees, inbound } = rows;
  const {
    known = [],
    knownDays = [],
    invitations = [],
  } = logQueries ? readCombined(results[0], logQueries) : {};
  const {
    board = [],
    links = [],
    postCodes = [],
    paid = [],
    claims = [],
  } = boardQueries ? readCombined(results[0], boardQueries) : {};
  const { poll = [] } = pollQueries ? readCombined(results[0], pollQueries) : {};
  const { invites = [] } = inviteQueries ? readCombined(results[0], inviteQueries) : {};
  const seenRow = seen[0];
  // The scheme's name and settings, checked once per version read (as are partners and contacts).
  const [schemeRow] = convertOnce(scheme, (rows) =>
    rows.slice(0, 1).map((r) => {
      const info = rowToScheme(r);
      return { name: info.name, settings: readSettings(info.settings) };
    }),
  );
  const memberRow = member[0] ? toMember(member[0]) : null;
  const allContacts = convertOnce(contacts, (rows) => rows.map(toContact));
  const openCodes: Record<string, string[]> = {};
  for (const r of codes) {
    const partner = String(r.partner_id);
    const list = openCodes[partner] ?? [];
    list.push(String(r.code));
    openCodes[partner] = list;
  }
  const memberDayMinutes: Record<number, Record<string, number>> = {};
  for (const r of knownDays) {
    const id = Number(r.member_id);
    memberDayMinutes[id] = { ...memberDayMinutes[id], [String(r.day)]: Number(r.minutes) };
  }
  const open = checkin[0];
  const settings = schemeRow?.settings ?? readSettings({});
  const windowStart = new Date(input.now.getTime() - settings.rateLimitMinutes * 60_000).toISOString();
  const recentMessages = inbound.filter((r) => String(r.received_at) > windowStart).length + 1;
  return {
    seen: seenRow?.reply ? (JSON.parse(String(seenRow.reply)) as StoredReply) : null,
    recentMessages,
    snapshot: toSnapshot(conversation[0]),
    facts: {
      channel,
      address,
      // A number a partner invited is not a member until it agrees to join.
      member: memberRow?.consentAt ? memberRow : null,
      invited:
        memberRow && !memberRow.consentAt
          ? {
              waitingMinutes: Number(waiting[0]?.minutes ?? 0),
              refusedMinutes: Number(waiting[0]?.refused ?? 0),
            }
          : null,
      openRequests: groups
        .filter((r) => r.status === "pending" && r.kind === "earning")
        .reduce((n, r) => n + Number(r.own ?? 0), 0),
      confirmedOnce: groups.some(
        (r) => r.status === "confirmed" && r.kind === "earning" && Number(r.minutes) > 0,
      ),
      partners: convertOnce(partners, rowsToPartners),
      // "Today" follows the SCHEME_TIMEZONE setting, whatever the scheme file said.
      scheme: {
        name: schemeRow?.name ?? "Time Credits",
        timezone: input.timezone,
        settings,
      },
      contacts: allContacts,
      asContact: allContacts.filter((c) => isAt(c, channel, address)),
      // Read open-first so none falls past the limit; listed oldest first.
      requests: requests.map(toRequest).sort((a, b) => a.entryId - b.entryId),
      openCodes,
      knownMembers: known.map(toKnownMember),
      memberDayMinutes,
      checkin: open
        ? { id: Number(open.id), partnerId: String(open.partner_id), startedAt: String(open.started_at) }
        : null,
      seed,
      // What is on sale mostly reads the same as last message: its rows are then the same (frozen) array.
      items: Object.isFrozen(items) ? convertOnce(items, (rows) => rows.map(toItem)) : items.map(toItem),
      bookings: mine.map(toBooking),
      partnerBookings: atPartners.map(toBooking),
      familyBooker: Number(habits[0]?.family ?? 0) > 0,
      giftedThisWeek: Number(habits[0]?.gifted ?? 0),
      giftees: giftees.map(toKnownMember),
      phoneMember: phoneMember[0] ? toMember(phoneMember[0]) : null,
      invitedToday: Number(invitations[0]?.n ?? 0),
      posts: board.map(toPost),
      postLinks: links.map(toPostLink),
      helpClaims: claims.map(toClaim),
      takenPostCodes: postCodes.map((r) => String(r.code)),
      openPoll: toOpenPoll(poll[0]),
      invites: invites.map(toInvite),
      postPaidThisWeek: Object.fromEntries(paid.map((r) => [Number(r.post_id), Number(r.minutes)])),
      balance: balanceOf(
        groups.map((r) => ({
          status: String(r.status) as LedgerEntry["status"],
          kind: String(r.kind) as LedgerEntry["kind"],
          partnerId: r.partner_id === null ? null : String(r.partner_id),
          minutes: Number(r.minutes),
        })),
      ),
      history: history.map(toEntry),
      dayMinutes: Object.fromEntries(days.map((r) => [String(r.day), Number(r.minutes)])),
      ...(exporting ? { personalData: toPersonalData(results.slice(1)) } : {}),
    },
  };
}

/** The read's scheme-wide rows, or the kept ones when the version it read is theirs; kept for next time. */
function schemeParts(
  db: Db,
  rows: Record<"schemeVersion" | "scheme" | "partners" | "contacts", Row[]>,
  cached: SchemeRows | undefined,
): Omit<SchemeRows, "version"> {
  const n = rows.schemeVersion[0]?.n;
  // No version row (nothing to compare with): what was read is used, and nothing is kept.
  if (typeof n !== "number") return rows;
  if (cached && cached.version === n) return cached;
  const fresh: SchemeRows = {
    version: n,
    scheme: rows.scheme,
    partners: rows.partners,
    contacts: rows.contacts,
  };
  schemeRows.set(db, fresh);
  return fresh;
}

export function toMember(r: Row): Member {
  return {
    id: Number(r.id),
    phone: r.phone === null ? null : String(r.phone),
    telegramId: r.telegram_id === null ? null : Number(r.telegram_id),
    name: String(r.name),
    locale: String(r.locale) as Locale,
    optedOut: Number(r.opted_out) === 1,
    consentAt: r.consent_at === null ? null : String(r.consent_at),
    lastChannel: channelOf(r.last_channel),
    telegramBlocked: Number(r.telegram_blocked ?? 0) === 1,
    plainSms: Number(r.plain_sms ?? 0) === 1,
  };
}

export function toEntry(r: Row): LedgerEntry {
  return {
    id: Number(r.id),
    kind: String(r.kind) as LedgerEntry["kind"],
    status: String(r.status) as LedgerEntry["status"],
    minutes: Number(r.minutes),
    partnerId: r.partner_id === null ? null : String(r.partner_id),
    activity: r.activity === null ? null : String(r.activity),
    day: r.day === null ? null : String(r.day),
    createdAt: String(r.created_at),
  };
}

function toSnapshot(r: Row | undefined): Snapshot {
  if (!r) return { state: "idle", data: {}, expiresAt: null, version: 0, exists: false };
  return {
    state: String(r.state) as Snapshot["state"],
    data: JSON.parse(String(r.data)),
    expiresAt: r.expires_at === null ? null : String(r.expires_at),
    version: Number(r.version),
    exists: true,
  };
}
