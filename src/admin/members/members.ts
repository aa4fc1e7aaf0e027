// The members page's reads: search by name (ignoring case and diacritics) or number (national or
// international form), and one member's details, balance, ledger history and messages sent to them.

import { addressOf } from "../../core/requests.ts";
import { fold } from "../../core/text.ts";
import type { Channel, Locale } from "../../core/types.ts";
import { AVAILABLE, PENDING } from "../../ledger/sql.ts";
import { toE164 } from "../../lib/phone.ts";
import { auditStatement } from "../../store/audit.ts";
import { type Db, GUARD, isConflict, type ResultSet, sql } from "../../store/db.ts";
import { addressedTo } from "../../store/identity.ts";
import { channelOf } from "../../store/partner-read.ts";

type Row = ResultSet["rows"][number];

export interface MemberSummary {
  id: number;
  name: string;
  phone: string | null;
  telegramId: number | null;
  locale: Locale;
  optedOut: boolean;
  consented: boolean;
  /** Spendable minutes: confirmed entries less holds (as the bot's BALANCE). */
  available: number;
  /** Each channel the member has (SMS, WhatsApp, Telegram, in that order), and which one the bot writes to. */
  channels: MemberChannel[];
}

/**
 * One of a member's channels, as the bot sees it:
 * - `ok`: it reaches them (WhatsApp: they have written on it);
 * - `unconfirmed`: WhatsApp they asked for (WHATSAPP) but have not written on yet;
 * - `dead`: Twilio said the number is not on WhatsApp;
 * - `blocked`: they blocked the bot on Telegram;
 * - `optedOut`: they sent STOP, so nothing is sent to them on any channel.
 */
export type ChannelState = "ok" | "unconfirmed" | "dead" | "blocked" | "optedOut";

export interface MemberChannel {
  channel: Channel;
  address: string;
  state: ChannelState;
  /** The bot's messages to them go here (`addressOf`): none while they are opted out. */
  writesTo: boolean;
  /** They chose it (WHATSAPP, SMS): it wins over the channel they wrote from last. */
  chosen: boolean;
}

export interface MemberDetail extends MemberSummary {
  source: string;
  createdAt: string;
  lastChannel: Channel | null;
  /** Where they asked the bot to write (WHATSAPP, SMS), or null. */
  chosenChannel: Channel | null;
  /** 'ok' once they wrote on WhatsApp, 'dead' when Twilio said the number is not on it, null never seen. */
  whatsappState: "ok" | "dead" | null;
  telegramBlocked: boolean;
  /** Earnings waiting for a partner, in minutes. */
  pending: number;
  /** Their SMS go out without diacritics (the member's PLAIN option). */
  plainSms: boolean;
  /** "Have you volunteered before?": null when not asked or not answered. */
  volunteeredBefore: boolean | null;
}

export interface HistoryEntry {
  id: number;
  kind: string;
  status: string;
  minutes: number;
  partnerName: string | null;
  activity: string | null;
  /** The activity's, event's or offer's title in each language, when the scheme has one. */
  activityTitle: Title | null;
  day: string | null;
  note: string | null;
  reason: string | null;
  counterpart: string | null;
  refEntryId: number | null;
  createdAt: string;
  settledBy: string | null;
}

export interface SentMessage {
  id: number;
  channel: Channel;
  address: string;
  body: string;
  status: string;
  createdAt: string;
  /** Twilio's last status callback for it (delivered, read, undelivered …) and its error code. */
  delivery: string | null;
  deliveryError: number | null;
  /** Why a message for WhatsApp went by SMS, when it did. */
  fallback: string | null;
}

/** Spendable minutes of member `m` (ledger/sql.ts AVAILABLE, as the bot's BALANCE). */
const AVAILABLE_SQL = AVAILABLE("m.id");

const SUMMARY_COLUMNS = `m.id, m.name, m.phone, m.telegram_id, m.locale, m.opted_out, m.consent_at,
  m.last_channel, m.chosen_channel, m.whatsapp_state, m.telegram_blocked, ${AVAILABLE_SQL} AS available`;

export const MAX_RESULTS = 50;

/**
 * Members whose name contains the words typed (case and diacritics ignored: "janis" finds Jānis), or
 * whose number is the one typed ("07700 900100") or contains its digits; everyone when `q` is empty.
 */
export async function searchMembers(db: Db, q: string): Promise<MemberSummary[]> {
  const query = q.trim();
  if (!query) {
    const all = await db.execute(
      sql(
        `SELECT ${SUMMARY_COLUMNS} FROM members m WHERE m.name != '' ORDER BY m.name, m.id LIMIT ?`,
        MAX_RESULTS,
      ),
    );
    return all.rows.map(toSummary);
  }
  const wanted = fold(query);
  const names = await db.execute("SELECT id, name FROM members WHERE name != ''");
  const byName = names.rows.filter((r) => fold(String(r.name)).includes(wanted)).map((r) => Number(r.id));
  const phone = toE164(query);
  const digits = query.replace(/\D/g, "").replace(/^0/, "");
  const numberish = /^[+\d\s().-]+$/.test(query) && digits.length >= 4;
  const result = await db.execute(
    sql(
      `SELECT ${SUMMARY_COLUMNS} FROM members m
       WHERE m.id IN (SELECT value FROM json_each(?)) OR m.phone = ? OR (? AND m.phone LIKE ?)
         OR (? AND CAST(m.telegram_id AS TEXT) = ?)
       ORDER BY m.name, m.id LIMIT ?`,
      JSON.stringify(byName),
      phone,
      numberish ? 1 : 0,
      `%${digits}%`,
      numberish ? 1 : 0,
      query.replace(/\D/g, ""),
      MAX_RESULTS,
    ),
  );
  return result.rows.map(toSummary);
}

export async function loadMember(
  db: Db,
  id: number,
): Promise<{ member: MemberDetail; history: HistoryEntry[]; messages: SentMessage[] } | null> {
  const [memberRows, historyRows, messageRows] = await db.batch(
    [
      sql(
        `SELECT ${SUMMARY_COLUMNS}, m.source, m.created_at, m.plain_sms,
           m.volunteered_before,
           ${PENDING("m.id")} AS pending
         FROM members m WHERE m.id = ?`,
        id,
      ),
      sql(
        `SELECT l.*, p.name AS partner_name, p.activities AS partner_activities, c.name AS counterpart_name,
           COALESCE(ev.title, o.title) AS item_title
         FROM ledger_entries l
         LEFT JOIN partners p ON p.id = l.partner_id LEFT JOIN members c ON c.id = l.counterpart_member_id
         LEFT JOIN events ev ON l.activity = 'event:' || ev.id LEFT JOIN offers o ON l.activity = 'offer:' || o.id
         WHERE l.member_id = ? ORDER BY l.id DESC LIMIT 200`,
        id,
      ),
      sql(
        `SELECT o.id, o.channel, o.address, o.body, o.status, o.created_at, o.delivery, o.delivery_error,
           o.fallback
         FROM outbox o, members m
         WHERE m.id = ? AND ${addressedTo("o", "m")}
           AND COALESCE(json_extract(o.payload, '$.kind'), 'send') = 'send'
         ORDER BY o.id DESC LIMIT 20`,
        id,
      ),
    ],
    "read",
  );
  const row = memberRows?.rows[0];
  if (!row) return null;
  const member: MemberDetail = {
    ...toSummary(row),
    source: String(row.source),
    createdAt: String(row.created_at),
    lastChannel: channelOf(row.last_channel),
    chosenChannel: channelOf(row.chosen_channel),
    whatsappState: whatsappStateOf(row.whatsapp_state),
    telegramBlocked: Number(row.telegram_blocked) === 1,
    pending: Number(row.pending),
    plainSms: Number(row.plain_sms) === 1,
    volunteeredBefore: row.volunteered_before === null ? null : Number(row.volunteered_before) === 1,
  };
  const history = (historyRows?.rows ?? []).map(
    (r): HistoryEntry => ({
      id: Number(r.id),
      kind: String(r.kind),
      status: String(r.status),
      minutes: Number(r.minutes),
      partnerName: text(r.partner_name) ?? text(r.partner_id),
      activity: text(r.activity),
      activityTitle: titleOf(r),
      day: text(r.day),
      note: text(r.note),
      reason: text(r.reason),
      counterpart: text(r.counterpart_name),
      refEntryId: r.ref_entry_id === null ? null : Number(r.ref_entry_id),
      createdAt: String(r.created_at),
      settledBy: text(r.settled_by),
    }),
  );
  const messages = (messageRows?.rows ?? []).map(
    (r): SentMessage => ({
      id: Number(r.id),
      channel: channelOf(r.channel) ?? "sms",
      address: String(r.address),
      body: String(r.body),
      status: String(r.status),
      createdAt: String(r.created_at),
      delivery: text(r.delivery),
      deliveryError: r.delivery_error === null ? null : Number(r.delivery_error),
      fallback: text(r.fallback),
    }),
  );
  return { member, history, messages };
}

function toSummary(r: Row): MemberSummary {
  const phone = text(r.phone);
  const telegramId = r.telegram_id === null ? null : Number(r.telegram_id);
  const optedOut = Number(r.opted_out) === 1;
  return {
    id: Number(r.id),
    name: String(r.name),
    phone,
    telegramId,
    locale: String(r.locale) as Locale,
    optedOut,
    consented: r.consent_at !== null,
    available: Number(r.available),
    channels: channelsOf({
      phone,
      telegramId,
      optedOut,
      lastChannel: channelOf(r.last_channel),
      chosenChannel: channelOf(r.chosen_channel),
      whatsappState: whatsappStateOf(r.whatsapp_state),
      telegramBlocked: Number(r.telegram_blocked) === 1,
    }),
  };
}

function whatsappStateOf(value: unknown): MemberDetail["whatsappState"] {
  return value === "ok" || value === "dead" ? value : null;
}

/**
 * A member's channels: SMS on their number; WhatsApp on it once they wrote there (or asked for it,
 * or it turned out dead); Telegram when linked. The one the bot writes to is `addressOf`'s choice,
 * as for every message it sends: their chosen channel, else the one they wrote from last.
 */
export function channelsOf(m: {
  phone: string | null;
  telegramId: number | null;
  optedOut: boolean;
  lastChannel: Channel | null;
  chosenChannel: Channel | null;
  whatsappState: MemberDetail["whatsappState"];
  telegramBlocked: boolean;
}): MemberChannel[] {
  const to = m.optedOut
    ? null
    : addressOf({
        phone: m.phone,
        telegramId: m.telegramId,
        lastChannel: m.chosenChannel ?? m.lastChannel,
        telegramBlocked: m.telegramBlocked,
      });
  const entry = (channel: Channel, address: string, state: ChannelState): MemberChannel => ({
    channel,
    address,
    // STOP stops every channel; a dead or blocked one says more about that channel.
    state: m.optedOut && (state === "ok" || state === "unconfirmed") ? "optedOut" : state,
    writesTo: to?.channel === channel,
    chosen: m.chosenChannel === channel,
  });
  const channels: MemberChannel[] = [];
  if (m.phone) {
    channels.push(entry("sms", m.phone, "ok"));
    const wanted = m.chosenChannel === "whatsapp" || m.lastChannel === "whatsapp";
    if (m.whatsappState || wanted)
      channels.push(
        entry(
          "whatsapp",
          m.phone,
          m.whatsappState === "dead" ? "dead" : m.whatsappState === "ok" ? "ok" : "unconfirmed",
        ),
      );
  }
  if (m.telegramId !== null)
    channels.push(entry("telegram", String(m.telegramId), m.telegramBlocked ? "blocked" : "ok"));
  return channels;
}

type Title = Partial<Record<Locale, string>>;

/** The title of what an entry was for: a partner's activity, or the event or offer a spend bought. */
function titleOf(r: Row): Title | null {
  if (r.item_title) return JSON.parse(String(r.item_title)) as Title;
  if (!r.activity || !r.partner_activities) return null;
  const activities = JSON.parse(String(r.partner_activities)) as Array<{ id: string; title: Title }>;
  return activities.find((a) => a.id === r.activity)?.title ?? null;
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/**
 * Turns a member's plain-letters SMS option on or off, with its audit row, in one batch. The update
 * applies only to the value the coordinator saw: if the member changed it meanwhile (texting PLAIN),
 * the guard aborts the whole batch (no audit row either) and the caller shows the page again.
 */
export async function setPlainSms(
  db: Db,
  input: { member: MemberDetail; on: boolean; actor: string; now: Date },
): Promise<{ ok: boolean }> {
  const { member, on, actor, now } = input;
  if (member.plainSms === on) return { ok: true };
  const change = {
    actor,
    action: "member.plainSms",
    subject: `member:${member.id}`,
    before: { plainSms: member.plainSms },
    after: { plainSms: on },
  };
  try {
    await db.batch(
      [
        sql(
          "UPDATE members SET plain_sms = ? WHERE id = ? AND plain_sms = ?",
          on ? 1 : 0,
          member.id,
          on ? 0 : 1,
        ),
        ...GUARD,
        auditStatement(change, now),
      ],
      "write",
    );
    return { ok: true };
  } catch (error) {
    if (isConflict(error)) return { ok: false };
    throw error;
  }
}
