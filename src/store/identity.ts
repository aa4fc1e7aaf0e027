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
}

export const IDENTITIES: { [C in Channel]: Identity } = {
  sms: { column: "phone", arg: (address) => address, fromText: (expr) => expr },
  telegram: {
    column: "telegram_id",
    arg: Number,
    fromText: (expr) => `CAST(${expr} AS INTEGER)`,
    blocked: "telegram_blocked",
  },
};

export const CHANNELS = Object.keys(IDENTITIES) as Channel[];

/** A person's address on one channel, as one string: the conversation's key. */
export function conversationKey(channel: Channel, address: string): string {
  return `${channel}:${address}`;
}

/** The SQL that finds the sender's member id, for use inside other statements. */
export function memberRef(
  channel: Channel,
  address: string,
): { sql: string; arg: string | number; column: Identity["column"] } {
  const { column, arg } = IDENTITIES[channel];
  return { sql: `(SELECT id FROM members WHERE ${column} = ?)`, arg: arg(address), column };
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

/** Every address a person has, as conversation keys (`sms:+44…`, `telegram:2002`). */
export function addressesOf(person: Person): string[] {
  return CHANNELS.flatMap((channel) => {
    const address = addressAt(person, channel);
    return address === null ? [] : [conversationKey(channel, address)];
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

/** Who wrote last on `channel`: later messages to them go there; writing again unblocks a blocked channel. */
export function lastChannelStatements(channel: Channel, address: string): InStatement[] {
  const { column, arg, blocked } = IDENTITIES[channel];
  const unblock = blocked ? `, ${blocked} = 0` : "";
  // A row already so is left alone: the usual case, and no page is written for it.
  const changed = blocked ? `(last_channel IS NOT ? OR ${blocked} IS NOT 0)` : "last_channel IS NOT ?";
  return ["members", "partner_contacts"].map((table) =>
    sql(
      `UPDATE ${table} SET last_channel = ?${unblock} WHERE ${column} = ? AND ${changed}`,
      channel,
      arg(address),
      channel,
    ),
  );
}

/**
 * What a stopped channel means for the people on it: on a channel that can be blocked (Telegram) that
 * channel is off for them; otherwise (STOP by SMS) they opted out.
 */
export function stoppedStatements(channel: Channel, address: string): InStatement[] {
  const { column, arg, blocked } = IDENTITIES[channel];
  if (!blocked) return [sql(`UPDATE members SET opted_out = 1 WHERE ${column} = ?`, arg(address))];
  return ["members", "partner_contacts"].map((table) =>
    sql(`UPDATE ${table} SET ${blocked} = 1 WHERE ${column} = ?`, arg(address)),
  );
}
