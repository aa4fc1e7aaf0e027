// Who a channel's address is, in the database: the one place that knows which column of members and
// partner_contacts holds an address on each channel. A person is reached at addresses such as
// `sms:+447700900100` and `telegram:2002` (conversationKey); a new channel adds an entry here, not
// branches across the store.
import type { Channel } from "../core/types.ts";
import { type InStatement, sql } from "./db.ts";

export interface Identity {
  /** The column of members and partner_contacts that holds the address. */
  column: "phone" | "telegram_id";
  /** The address as that column stores it. */
  arg: (address: string) => string | number;
  /** SQL that turns a text address (outbox.address, inbound_messages.address) into the column's type. */
  fromText: (expr: string) => string;
  /** The column set when the person blocks us on this channel (they can still be reached elsewhere). */
  blocked?: "telegram_blocked";
  /**
   * The column that says whether the channel reaches them ('ok', or 'dead' once the provider said it
   * cannot): set to 'ok' whenever they write on it (WhatsApp).
   */
  reach?: "whatsapp_state";
  /** The channel whose conversation it shares (one number, one conversation: WhatsApp shares SMS's). */
  conversation?: Channel;
}

const phone = {
  column: "phone",
  arg: (address: string) => address,
  fromText: (expr: string) => expr,
} as const;

export const IDENTITIES: { [C in Channel]: Identity } = {
  sms: phone,
  telegram: {
    column: "telegram_id",
    arg: Number,
    fromText: (expr) => `CAST(${expr} AS INTEGER)`,
    blocked: "telegram_blocked",
  },
  whatsapp: { ...phone, reach: "whatsapp_state", conversation: "sms" },
};

export const CHANNELS = Object.keys(IDENTITIES) as Channel[];

/** A person's address on one channel, as one string (`whatsapp:+44…`): how outbox and inbound rows are matched. */
export function addressKey(channel: Channel, address: string): string {
  return `${channel}:${address}`;
}

/** The conversation's key: WhatsApp and SMS on one number are one conversation (`sms:+44…`). */
export function conversationKey(channel: Channel, address: string): string {
  return addressKey(IDENTITIES[channel].conversation ?? channel, address);
}

/** The SQL that finds the sender's member id, for use inside other statements. */
export function memberRef(
  channel: Channel,
  address: string,
): { sql: string; arg: string | number; column: Identity["column"] } {
  const { column, arg } = IDENTITIES[channel];
  return { sql: `(SELECT id FROM members WHERE ${column} = ?)`, arg: arg(address), column };
}

/** The member id by a named parameter (`:member` unless said), for statements with named parameters. */
export function memberByName(column: Identity["column"], param = "member"): string {
  return `(SELECT id FROM members WHERE ${column} = :${param})`;
}

/** The partners the sender is a contact of, as an SQL list (one argument: the address). */
export function contactPartners(channel: Channel): string {
  return `(SELECT partner_id FROM partner_contacts WHERE ${IDENTITIES[channel].column} = ?)`;
}

type Person = { phone: string | null; telegramId: number | null };

/** A stored contact's or member's address on `channel`, as text, or null when they have none there. */
function addressAt(person: Person, channel: Channel): string | null {
  const value = IDENTITIES[channel].column === "phone" ? person.phone : person.telegramId;
  return value === null ? null : String(value);
}

/** True when a stored contact or member (phone, telegramId) is this channel's address. */
export function isAt(person: Person, channel: Channel, address: string): boolean {
  return addressAt(person, channel) === address;
}

/**
 * SQL for a value (e.g. `locale`) of the person a row with (channel, address) is for: the member's, or
 * else the partner contact's with that address.
 */
export function ofPersonAt(what: string, channel: string, address: string): string {
  const cases = CHANNELS.map((c) => {
    const { column, fromText } = IDENTITIES[c];
    const at = `${column} = ${fromText(address)}`;
    return `WHEN '${c}' THEN COALESCE((SELECT ${what} FROM members WHERE ${at}),
      (SELECT ${what} FROM partner_contacts WHERE ${at} ORDER BY id LIMIT 1))`;
  });
  return `CASE ${channel} ${cases.join(" ")} END`;
}

/** Every address a person has, as keys (`sms:+44…`, `whatsapp:+44…`, `telegram:2002`). */
export function addressesOf(person: Person): string[] {
  return CHANNELS.flatMap((channel) => {
    const address = addressAt(person, channel);
    return address === null ? [] : [addressKey(channel, address)];
  });
}

/** SQL true when a row's (channel, address) is one of a JSON list of conversation keys (one argument). */
export function atAnyOf(channel = "channel", address = "address"): string {
  return `${channel} || ':' || ${address} IN (SELECT value FROM json_each(?))`;
}

/** SQL true when outbox-like row `o` is addressed to member row `m` on any of their channels. */
export function addressedTo(o: string, m: string): string {
  const parts = CHANNELS.map(
    (c) => `(${o}.channel = '${c}' AND ${o}.address = CAST(${m}.${IDENTITIES[c].column} AS TEXT))`,
  );
  return `(${parts.join(" OR ")})`;
}

/**
 * Who wrote last on `channel`: later messages to them go there, unless they chose a channel (WHATSAPP,
 * SMS), which wins; writing again unblocks a blocked channel and marks a dead one as reaching them.
 */
export function lastChannelStatements(channel: Channel, address: string): InStatement[] {
  const { column, arg, blocked, reach } = IDENTITIES[channel];
  const sets = [
    "last_channel = COALESCE(chosen_channel, ?)",
    ...(blocked ? [`${blocked} = 0`] : []),
    ...(reach ? [`${reach} = 'ok'`] : []),
  ];
  // A row already so is left alone: the usual case, and no page is written for it.
  const changed = [
    "last_channel IS NOT COALESCE(chosen_channel, ?)",
    ...(blocked ? [`${blocked} IS NOT 0`] : []),
    ...(reach ? [`${reach} IS NOT 'ok'`] : []),
  ];
  return ["members", "partner_contacts"].map((table) =>
    sql(
      `UPDATE ${table} SET ${sets.join(", ")} WHERE ${column} = ? AND (${changed.join(" OR ")})`,
      channel,
      arg(address),
      channel,
    ),
  );
}

/**
 * What a stopped channel means for the people on it: on a channel that can be blocked (Telegram) that
 * channel is off for them; otherwise (STOP by SMS or WhatsApp) the number opted out, on both.
 */
export function stoppedStatements(channel: Channel, address: string): InStatement[] {
  const { column, arg, blocked } = IDENTITIES[channel];
  if (!blocked) return [sql(`UPDATE members SET opted_out = 1 WHERE ${column} = ?`, arg(address))];
  return ["members", "partner_contacts"].map((table) =>
    sql(`UPDATE ${table} SET ${blocked} = 1 WHERE ${column} = ?`, arg(address)),
  );
}

/**
 * The provider says the channel cannot reach this address (WhatsApp 63003: not a WhatsApp number): it is
 * marked dead, and messages go to the number by SMS until the person writes on it again.
 */
export function deadChannelStatements(channel: Channel, address: string): InStatement[] {
  const { column, arg, reach } = IDENTITIES[channel];
  if (!reach) return [];
  return ["members", "partner_contacts"].map((table) =>
    sql(
      `UPDATE ${table} SET ${reach} = 'dead',
         chosen_channel = CASE WHEN chosen_channel = ? THEN NULL ELSE chosen_channel END,
         last_channel = CASE WHEN last_channel = ? THEN 'sms' ELSE last_channel END
       WHERE ${column} = ?`,
      channel,
      channel,
      arg(address),
    ),
  );
}
