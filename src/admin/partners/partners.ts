// The partners page's reads: every partner with its contacts and the confirmation requests still open
// at it, oldest first; and one partner as the edit form needs it.
import type { Contact, Partner } from "../../core/types.ts";
import { rowsToPartners } from "../../scheme/store.ts";
import { type Db, sql } from "../../store/db.ts";
import { contactsQuery, toContact } from "../../store/partner-read.ts";

export interface OpenRequest {
  entryId: number;
  code: string;
  partnerId: string;
  memberId: number;
  memberName: string;
  minutes: number;
  activity: string | null;
  day: string;
  createdAt: string;
}

export interface PartnerListing {
  partner: Partner;
  contacts: Contact[];
  requests: OpenRequest[];
}

export async function listPartners(db: Db): Promise<PartnerListing[]> {
  const [partnerRows, contactRows, requestRows] = await db.batch(
    [
      sql("SELECT id, name, earn, spend, aliases, activities, extra FROM partners ORDER BY rowid"),
      contactsQuery(),
      sql(
        `SELECT l.id, l.code, l.partner_id, l.member_id, l.minutes, l.activity, l.day, l.created_at, m.name
         FROM ledger_entries l JOIN members m ON m.id = l.member_id
         WHERE l.kind = 'earning' AND l.status = 'pending' AND l.code IS NOT NULL
         ORDER BY l.created_at, l.id LIMIT 1000`,
      ),
    ],
    "read",
  );
  const contacts = (contactRows?.rows ?? []).map(toContact);
  const requests = (requestRows?.rows ?? []).map(
    (r): OpenRequest => ({
      entryId: Number(r.id),
      code: String(r.code),
      partnerId: String(r.partner_id),
      memberId: Number(r.member_id),
      memberName: String(r.name),
      minutes: Number(r.minutes),
      activity: r.activity === null ? null : String(r.activity),
      day: String(r.day),
      createdAt: String(r.created_at),
    }),
  );
  return rowsToPartners(partnerRows?.rows ?? []).map((partner) => ({
    partner,
    contacts: contacts.filter((c) => c.partnerId === partner.id),
    requests: requests.filter((r) => r.partnerId === partner.id),
  }));
}

/** One partner and its contacts, or null. */
export async function loadPartner(
  db: Db,
  id: string,
): Promise<{ partner: Partner; contacts: Contact[] } | null> {
  const [partnerRows, contactRows] = await db.batch(
    [
      sql("SELECT id, name, earn, spend, aliases, activities, extra FROM partners WHERE id = ?", id),
      sql(
        "SELECT id, partner_id, name, phone, telegram_id, locale, last_channel, telegram_blocked FROM partner_contacts WHERE partner_id = ? ORDER BY id",
        id,
      ),
    ],
    "read",
  );
  const [partner] = rowsToPartners(partnerRows?.rows ?? []);
  return partner ? { partner, contacts: (contactRows?.rows ?? []).map(toContact) } : null;
}

/** Every word that names a partner (ids and aliases), for the form's "already names" check. */
export async function partnerWords(db: Db): Promise<Array<{ id: string; words: string[] }>> {
  const rows = await db.execute("SELECT id, aliases FROM partners");
  return rows.rows.map((r) => ({
    id: String(r.id),
    words: [String(r.id), ...(JSON.parse(String(r.aliases)) as string[])],
  }));
}
