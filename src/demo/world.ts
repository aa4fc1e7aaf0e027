// What the demo history is made against: the demo scheme as the database holds it after the import
// (partners, their contacts with their row ids, offers, events) and the numbers already taken.
import type { Contact, Locale, Partner } from "../core/types.ts";
import { partnersQuery, rowsToPartners, rowToScheme, schemeQuery } from "../scheme/store.ts";
import { type Db, sql } from "../store/db.ts";
import { contactsQuery, toContact } from "../store/partner-read.ts";
import { readSettings } from "../store/settings.ts";
import type { PlannedEvent } from "./plan.ts";

export interface DemoOffer {
  id: string;
  partnerId: string;
  /** Minutes. */
  cost: number;
}

export interface DemoWorld {
  timezone: string;
  /** Days a request may wait before the bot gives up on it (the scheme's `expiryDays`). */
  expiryDays: number;
  partners: Partner[];
  contacts: Contact[];
  offers: DemoOffer[];
  /** The scheme file's own events, bookable when they fall inside the history. */
  events: PlannedEvent[];
  /** Phone numbers the database already has (scheme members and contacts): not given to demo members. */
  takenPhones: Set<string>;
}

export async function readWorld(db: Db): Promise<DemoWorld> {
  const [scheme, partners, contacts, offers, events, phones] = await db.batch(
    [
      schemeQuery(),
      partnersQuery(),
      contactsQuery(),
      sql("SELECT id, partner_id, cost_minutes FROM offers WHERE withdrawn_at IS NULL ORDER BY id"),
      sql(
        `SELECT id, partner_id, title, starts_at, cost_minutes, capacity, family FROM events
         WHERE cancelled_at IS NULL ORDER BY starts_at, id`,
      ),
      sql(
        `SELECT phone FROM members WHERE phone IS NOT NULL
         UNION SELECT phone FROM partner_contacts WHERE phone IS NOT NULL`,
      ),
    ],
    "read",
  );
  const info = scheme?.rows[0] ? rowToScheme(scheme.rows[0]) : null;
  return {
    timezone: info?.timezone ?? "Europe/London",
    expiryDays: readSettings(info?.settings ?? {}).expiryDays,
    partners: rowsToPartners(partners?.rows ?? []),
    contacts: (contacts?.rows ?? []).map(toContact),
    offers: (offers?.rows ?? []).map((r) => ({
      id: String(r.id),
      partnerId: String(r.partner_id),
      cost: Number(r.cost_minutes),
    })),
    events: (events?.rows ?? []).map((r) => ({
      id: String(r.id),
      partnerId: String(r.partner_id),
      title: JSON.parse(String(r.title)) as Record<Locale, string>,
      startsAt: String(r.starts_at),
      cost: Number(r.cost_minutes),
      // An event without a limit still has a room: 60 places is plenty for a demo.
      capacity: r.capacity === null ? 60 : Number(r.capacity),
      family: Number(r.family) === 1,
    })),
    takenPhones: new Set((phones?.rows ?? []).map((r) => String(r.phone))),
  };
}
