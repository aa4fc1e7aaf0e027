// Reads the imported scheme back: partners and the scheme's own settings for the bot, and the whole
// scheme in file shape for `timecredits export`.
import { TZDate } from "@date-fns/tz";
import { clockTime, localDay } from "../core/format.ts";
import type { Locale, Partner, Slot } from "../core/types.ts";
import { type Db, sql } from "../store/db.ts";
import { type Query, select } from "../store/json-read.ts";
import { eventStartUtc } from "./import.ts";
import type { SchemeFile, Title } from "./schema.ts";

/** A row as the client returns it, or as read back from JSON (`store/json-read.ts`). */
type Row = Record<string, unknown>;

export interface SchemeInfo {
  name: string;
  timezone: string;
  settings: Record<string, unknown>;
}

/** Partners in the order the scheme file first listed them (that is the order menus show). */
export function partnersQuery(): Query {
  return select(
    ["id", "name", "earn", "spend", "aliases", "activities", "extra"],
    "FROM partners ORDER BY rowid",
  );
}

export function rowsToPartners(rows: readonly Row[]): Partner[] {
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    earn: Boolean(r.earn),
    spend: Boolean(r.spend),
    aliases: json(r.aliases, []),
    activities: json(r.activities, []),
    slots: json<{ slots?: Slot[] }>(r.extra, {}).slots ?? [],
  }));
}

export async function loadPartners(db: Db): Promise<Partner[]> {
  return rowsToPartners((await db.execute(partnersQuery())).rows);
}

export function schemeQuery(): Query {
  return select(["name", "timezone", "settings"], "FROM scheme WHERE id = 1");
}

export function rowToScheme(row: Row): SchemeInfo {
  return { name: String(row.name), timezone: String(row.timezone), settings: json(row.settings, {}) };
}

/**
 * The database's partners, contacts, offers, events and members in scheme-file shape: importing the
 * result changes nothing. Members without a phone (Telegram-only joiners) cannot be written in a
 * scheme file and are left out, as are invited numbers that have not joined (no name, no consent).
 * Throws when no scheme has been imported.
 */
export async function exportScheme(db: Db): Promise<SchemeFile> {
  const [schemeRows, partnerRows, contactRows, offerRows, eventRows, memberRows] = await db.batch(
    [
      schemeQuery(),
      partnersQuery(),
      sql("SELECT partner_id, name, phone, telegram_id, locale FROM partner_contacts ORDER BY id"),
      sql("SELECT * FROM offers ORDER BY rowid"),
      sql("SELECT * FROM events ORDER BY starts_at, id"),
      // Only people who consented: a scheme file's members count as registered with consent, and an
      // invited number that has not joined yet has no name to write.
      sql(
        "SELECT name, phone, locale, telegram_id FROM members WHERE phone IS NOT NULL AND consent_at IS NOT NULL ORDER BY id",
      ),
    ],
    "read",
  );
  const schemeRow = schemeRows?.rows[0];
  if (!schemeRow) throw new Error("no scheme has been imported yet");
  const scheme = rowToScheme(schemeRow);
  const contacts = (contactRows?.rows ?? []).map((r) => ({
    partner: String(r.partner_id),
    name: String(r.name),
    ...(r.phone !== null && { phone: String(r.phone) }),
    ...(r.telegram_id !== null && { telegramId: Number(r.telegram_id) }),
    locale: String(r.locale) as Locale,
  }));
  const partners = partnerRows?.rows ?? [];
  return {
    scheme: { name: scheme.name, timezone: scheme.timezone, settings: scheme.settings },
    partners: rowsToPartners(partners).map((partner, i) => ({
      ...json<object>(partners[i]?.extra, {}),
      ...partner,
      // Activity is an interface; a spread copy satisfies the file's open (extra-fields) object type.
      activities: partner.activities.map((a) => ({ ...a })),
      slots: (partner.slots ?? []).map((slot) => ({
        ...slot,
        startsAt: localStart(slot.startsAt, scheme.timezone),
        title: { ...slot.title },
      })),
      contacts: contacts.filter((c) => c.partner === partner.id).map(({ partner: _, ...c }) => c),
    })),
    offers: (offerRows?.rows ?? []).map((r) => ({
      ...json<object>(r.extra, {}),
      id: String(r.id),
      partner: String(r.partner_id),
      title: json<Title>(r.title, {}),
      cost: Number(r.cost_minutes) / 60,
      ...(r.value_pence !== null && { valueGBP: Number(r.value_pence) / 100 }),
      community: Boolean(r.community),
      ...(r.withdrawn_at !== null && { withdrawn: true }),
    })),
    events: (eventRows?.rows ?? []).map((r) => ({
      ...json<object>(r.extra, {}),
      id: String(r.id),
      partner: String(r.partner_id),
      title: json<Title>(r.title, {}),
      startsAt: localStart(String(r.starts_at), scheme.timezone),
      cost: Number(r.cost_minutes) / 60,
      ...(r.capacity !== null && { capacity: Number(r.capacity) }),
      community: Boolean(r.community),
      family: Boolean(r.family),
      ...(r.cancelled_at !== null && { cancelled: true }),
    })),
    members: (memberRows?.rows ?? []).map((r) => ({
      name: String(r.name),
      phone: String(r.phone),
      locale: String(r.locale) as Locale,
      ...(r.telegram_id !== null && { telegramId: Number(r.telegram_id) }),
    })),
  };
}

/**
 * A UTC instant as scheme-local wall time, the way a coordinator writes it. The hour repeated when the
 * clocks go back would read back as its first occurrence, so such a time keeps its offset.
 */
function localStart(utc: string, timezone: string): string {
  const t = new TZDate(utc, timezone);
  const two = (n: number) => String(n).padStart(2, "0");
  const seconds = t.getSeconds() ? `:${two(t.getSeconds())}` : "";
  const local = `${localDay(t, timezone)}T${clockTime(utc, timezone)}${seconds}`;
  return eventStartUtc(local, timezone) === new Date(utc).toISOString()
    ? local
    : `${local}${t.toISOString().slice(-6)}`;
}

function json<T>(value: unknown, fallback: T): T {
  return typeof value === "string" ? (JSON.parse(value) as T) : fallback;
}
