// Writes a validated scheme file into the database: an idempotent upsert by id, in one write batch,
// so a failed import leaves the previous scheme exactly as it was.
import { TZDate } from "@date-fns/tz";
import { type Db, type InStatement, named, sql } from "../store/db.ts";
import { type ErasureKey, erasureKey, findErased } from "../store/privacy-erasure.ts";
import {
  markDemoStatements,
  markRealStatement,
  NotADemoDatabaseError,
  schemeOrigin,
} from "../store/scheme-origin.ts";
import { normaliseActivity, type SchemeFile, type SchemePartner, START_TIME } from "./schema.ts";

export interface ImportCounts {
  partners: number;
  contacts: number;
  offers: number;
  events: number;
  members: number;
  /** Members the file lists who asked to be erased (DELETE ME): not registered again. */
  skippedErased?: number;
  /** Erasures recorded under another key (by an older version), which could not be checked. */
  uncheckedErasures?: number;
}

export interface ImportOptions {
  /** The key of the erasure list's digests; by default the one without a secret (plain SHA-256). */
  erasureKey?: ErasureKey;
  /** More statements for the same write batch, given what is imported (the admin API's audit row). */
  also?: (counts: ImportCounts) => InStatement[];
  /**
   * The demo scheme (examples/demo-scheme.json), loaded by the demo or `timecredits demo`: refused with
   * NotADemoDatabaseError unless the database is empty or a demo. Any other import marks the database
   * as holding a real scheme, for ever (src/store/scheme-origin.ts).
   */
  demo?: boolean;
}

/** True once any scheme has been imported (the server loads the demo scheme only when this is false). */
export async function hasScheme(db: Db): Promise<boolean> {
  const result = await db.execute("SELECT 1 FROM scheme WHERE id = 1");
  return result.rows.length > 0;
}

/**
 * Upserts the scheme, partners and their contacts, offers, events and members. Entries missing from the
 * file are kept (the ledger may refer to them), except a partner's contacts, which the file replaces.
 * Members keep their opt-out and their first consent time. A member who asked to be erased is skipped
 * (counted in `skippedErased`) unless they have since joined again by themselves.
 */
export async function importScheme(
  db: Db,
  scheme: SchemeFile,
  now: Date,
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const at = now.toISOString();
  if (options.demo) {
    const origin = await schemeOrigin(db);
    if (origin === "real") throw new NotADemoDatabaseError(origin);
  }
  const key = options.erasureKey ?? (await erasureKey(db));
  const found = await findErased(
    db,
    key,
    scheme.members.map((m) => ({ phone: m.phone, telegramId: m.telegramId ?? null })),
  );
  const members = scheme.members.filter((_, i) => !found.erased[i]);
  const skipped = scheme.members.length - members.length;
  const { name, timezone, settings } = scheme.scheme;
  const statements: InStatement[] = [
    // The origin first: a demo import into a database that turned real meanwhile aborts here, whole.
    ...(options.demo ? markDemoStatements(at) : [markRealStatement(at)]),
    sql(
      `INSERT INTO scheme (id, name, timezone, settings, updated_at) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
         settings = excluded.settings, updated_at = excluded.updated_at`,
      name,
      timezone,
      JSON.stringify(settings),
      at,
    ),
  ];
  let contacts = 0;
  for (const partner of scheme.partners) {
    statements.push(partnerUpsert(partner, at, timezone), ...contactStatements(partner));
    contacts += partner.contacts.length;
  }
  for (const { id, partner, title, cost, valueGBP, community, withdrawn, ...extra } of scheme.offers) {
    // Like a cancelled event, a withdrawn offer stays withdrawn: offering it again is done in the dashboard.
    statements.push(
      sql(
        `INSERT INTO offers (id, partner_id, title, cost_minutes, value_pence, community, extra, updated_at, withdrawn_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET partner_id = excluded.partner_id, title = excluded.title,
           cost_minutes = excluded.cost_minutes, value_pence = excluded.value_pence,
           community = excluded.community, extra = excluded.extra, updated_at = excluded.updated_at,
           withdrawn_at = COALESCE(offers.withdrawn_at, excluded.withdrawn_at)`,
        id,
        partner,
        JSON.stringify(title),
        Math.round(cost * 60),
        valueGBP === undefined ? null : Math.round(valueGBP * 100),
        community ? 1 : 0,
        JSON.stringify(extra),
        at,
        withdrawn ? at : null,
      ),
    );
  }
  for (const {
    id,
    partner,
    title,
    startsAt,
    cost,
    capacity,
    community,
    family,
    cancelled,
    ...extra
  } of scheme.events) {
    // A cancelled event stays cancelled (and keeps when it was): re-importing an older file must not
    // make it bookable again.
    statements.push(
      named(
        `INSERT INTO events (id, partner_id, title, starts_at, cost_minutes, capacity, community, family, extra, updated_at, cancelled_at)
         VALUES (:id, :partner, :title, :startsAt, :cost, :capacity, :community, :family, :extra, :now, :cancelled)
         ON CONFLICT(id) DO UPDATE SET partner_id = excluded.partner_id, title = excluded.title,
           starts_at = excluded.starts_at, cost_minutes = excluded.cost_minutes, capacity = excluded.capacity,
           community = excluded.community, family = excluded.family, extra = excluded.extra,
           updated_at = excluded.updated_at, cancelled_at = COALESCE(events.cancelled_at, excluded.cancelled_at)`,
        {
          id,
          partner,
          title: JSON.stringify(title),
          startsAt: eventStartUtc(startsAt, timezone),
          cost: Math.round(cost * 60),
          capacity: capacity ?? null,
          community: community ? 1 : 0,
          family: family ? 1 : 0,
          extra: JSON.stringify(extra),
          now: at,
          cancelled: cancelled ? at : null,
        },
      ),
    );
  }
  for (const member of members) {
    const telegramId = member.telegramId ?? null;
    // A Telegram id already held by another member (one who joined on Telegram) is left with them rather
    // than failing the whole import; merging two people is a coordinator's decision.
    statements.push(
      sql(
        `INSERT INTO members (phone, telegram_id, name, locale, consent_at, source, created_at)
         SELECT ?, CASE WHEN EXISTS (SELECT 1 FROM members WHERE telegram_id = ? AND phone IS NOT ?)
           THEN NULL ELSE ? END, ?, ?, ?, 'scheme', ? WHERE true
         ON CONFLICT(phone) DO UPDATE SET name = excluded.name, locale = excluded.locale,
           telegram_id = COALESCE(excluded.telegram_id, members.telegram_id),
           consent_at = COALESCE(members.consent_at, excluded.consent_at), source = 'scheme'`,
        member.phone,
        telegramId,
        member.phone,
        telegramId,
        member.name,
        member.locale,
        at,
        at,
      ),
    );
  }
  const counts: ImportCounts = {
    partners: scheme.partners.length,
    contacts,
    offers: scheme.offers.length,
    events: scheme.events.length,
    members: members.length,
    ...(skipped ? { skippedErased: skipped } : {}),
    ...(found.unchecked ? { uncheckedErasures: found.unchecked } : {}),
  };
  await db.batch([...statements, ...(options.also?.(counts) ?? [])], "write");
  return counts;
}

function partnerUpsert(partner: SchemePartner, at: string, timezone: string): InStatement {
  const { id, name, earn, spend, aliases, activities, contacts: _contacts, slots, ...rest } = partner;
  // Volunteering slots are kept with the partner, their times in UTC like events.
  const extra = {
    ...rest,
    slots: slots.map((s) => ({
      ...s,
      startsAt: eventStartUtc(s.startsAt, timezone),
      title: typeof s.title === "string" ? { en: s.title } : s.title,
    })),
  };
  return sql(
    `INSERT INTO partners (id, name, earn, spend, aliases, activities, extra, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, earn = excluded.earn, spend = excluded.spend,
       aliases = excluded.aliases, activities = excluded.activities, extra = excluded.extra,
       updated_at = excluded.updated_at`,
    id,
    name,
    earn ? 1 : 0,
    spend ? 1 : 0,
    JSON.stringify(aliases),
    JSON.stringify(activities.map(normaliseActivity)),
    JSON.stringify(extra),
    at,
  );
}

/**
 * A contact is known by its phone, or by its Telegram id when it has no phone. Rows the file no longer
 * lists go; Telegram ids on phone rows are cleared first so one moving between contacts cannot collide.
 */
function contactStatements(partner: SchemePartner): InStatement[] {
  const phones = partner.contacts.flatMap((c) => (c.phone ? [c.phone] : []));
  const telegramOnly = partner.contacts.flatMap((c) => (c.phone ? [] : [c.telegramId ?? 0]));
  const statements = [
    sql(
      `DELETE FROM partner_contacts WHERE partner_id = ? AND CASE WHEN phone IS NOT NULL
         THEN phone NOT IN (SELECT value FROM json_each(?))
         ELSE telegram_id IS NULL OR telegram_id NOT IN (SELECT value FROM json_each(?)) END`,
      partner.id,
      JSON.stringify(phones),
      JSON.stringify(telegramOnly),
    ),
    sql(
      "UPDATE partner_contacts SET telegram_id = NULL WHERE partner_id = ? AND phone IS NOT NULL",
      partner.id,
    ),
  ];
  for (const c of partner.contacts) {
    statements.push(
      sql(
        `INSERT INTO partner_contacts (partner_id, name, phone, telegram_id, locale) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(partner_id, ${c.phone ? "phone" : "telegram_id"}) DO UPDATE SET name = excluded.name,
           telegram_id = excluded.telegram_id, locale = excluded.locale`,
        partner.id,
        c.name,
        c.phone ?? null,
        c.telegramId ?? null,
        c.locale,
      ),
    );
  }
  return statements;
}

/**
 * The UTC instant of an event start; a time without an offset is read in the scheme's timezone.
 * @example eventStartUtc("2026-07-04T18:00", "Europe/London") // "2026-07-04T17:00:00.000Z"
 */
export function eventStartUtc(startsAt: string, timezone: string): string {
  const m = START_TIME.exec(startsAt);
  if (!m) throw new Error(`not a validated start time: ${startsAt}`);
  if (m[7]) return new Date(startsAt).toISOString();
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(new TZDate(y, mo - 1, d, h, mi, s, timezone).getTime()).toISOString();
}
