// Everything the engine needs to answer one message, read in ONE batch (one round trip on Turso):
// whether the message was seen before, the sender, their conversation, the scheme, their ledger.
import type { Facts, Snapshot } from "../core/engine-types.ts";
import type { Channel, LedgerEntry, Locale, Member, Reply } from "../core/types.ts";
import { balanceOf, earliestDay } from "../ledger/rules.ts";
import { partnersQuery, rowsToPartners, rowToScheme, schemeQuery } from "../scheme/store.ts";
import { type Db, type InStatement, sql } from "./db.ts";

type Row = Record<string, unknown>;

/** The SQL that finds the sender's member id, for use inside other statements. */
export function memberRef(channel: Channel, address: string): { sql: string; arg: string | number } {
  return channel === "sms"
    ? { sql: "(SELECT id FROM members WHERE phone = ?)", arg: address }
    : { sql: "(SELECT id FROM members WHERE telegram_id = ?)", arg: Number(address) };
}

export function conversationKey(channel: Channel, address: string): string {
  return `${channel}:${address}`;
}

export interface StoredReply {
  locale: Locale;
  replies: Reply[];
}

export interface ConversationRead {
  seen: StoredReply | null;
  facts: Facts;
  snapshot: Snapshot;
}

export async function readConversation(
  db: Db,
  input: { channel: Channel; address: string; externalId: string; today: string; timezone: string },
): Promise<ConversationRead> {
  const { channel, address } = input;
  const ref = memberRef(channel, address);
  const statements: InStatement[] = [
    sql(
      "SELECT reply FROM inbound_messages WHERE channel = ? AND external_id = ?",
      channel,
      input.externalId,
    ),
    sql(`SELECT * FROM members WHERE id = ${ref.sql}`, ref.arg),
    sql("SELECT * FROM conversations WHERE address = ?", conversationKey(channel, address)),
    partnersQuery(),
    schemeQuery(),
    sql(
      `SELECT status, kind, partner_id, SUM(minutes) AS minutes FROM ledger_entries WHERE member_id = ${ref.sql}
       GROUP BY status, kind, partner_id, minutes < 0`,
      ref.arg,
    ),
    sql(`SELECT * FROM ledger_entries WHERE member_id = ${ref.sql} ORDER BY id DESC LIMIT 5`, ref.arg),
    sql(
      `SELECT day, SUM(minutes) AS minutes FROM ledger_entries WHERE member_id = ${ref.sql} AND kind = 'earning'
       AND status IN ('pending', 'confirmed') AND day >= ? GROUP BY day`,
      ref.arg,
      earliestDay(input.today),
    ),
  ];
  const [seen, member, conversation, partners, scheme, groups, history, days] = await db.batch(
    statements,
    "read",
  );
  const seenRow = seen?.rows[0];
  const schemeRow = scheme?.rows[0];
  return {
    seen: seenRow?.reply ? (JSON.parse(String(seenRow.reply)) as StoredReply) : null,
    snapshot: toSnapshot(conversation?.rows[0]),
    facts: {
      channel,
      address,
      member: member?.rows[0] ? toMember(member.rows[0]) : null,
      partners: rowsToPartners(partners?.rows ?? []),
      // "Today" follows the SCHEME_TIMEZONE setting, whatever the scheme file said.
      scheme: { name: schemeRow ? rowToScheme(schemeRow).name : "Time Credits", timezone: input.timezone },
      balance: balanceOf(
        (groups?.rows ?? []).map((r) => ({
          status: String(r.status) as LedgerEntry["status"],
          kind: String(r.kind) as LedgerEntry["kind"],
          partnerId: r.partner_id === null ? null : String(r.partner_id),
          minutes: Number(r.minutes),
        })),
      ),
      history: (history?.rows ?? []).map(toEntry),
      dayMinutes: Object.fromEntries((days?.rows ?? []).map((r) => [String(r.day), Number(r.minutes)])),
    },
  };
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
