// Saving a valid partner form: the partner row, its contacts (removed, changed, added) and the audit
// row with before and after, as one write batch, so a failure leaves nothing half-written.
import type { Contact, Partner } from "../../core/types.ts";
import { auditStatement } from "../../store/audit.ts";
import { type InStatement, sql } from "../../store/db.ts";
import type { PartnerInput } from "./form.ts";

/** The whole save: partner row, contacts (removed, changed, added) and the audit row, for one batch. */
export function savePartnerStatements(
  input: PartnerInput,
  before: { partner: Partner; contacts: Contact[] } | null,
  actor: string,
  now: Date,
): InStatement[] {
  const at = now.toISOString();
  const out: InStatement[] = [
    before
      ? sql(
          "UPDATE partners SET name = ?, earn = ?, spend = ?, aliases = ?, activities = ?, updated_at = ? WHERE id = ?",
          input.name,
          input.earn ? 1 : 0,
          input.spend ? 1 : 0,
          JSON.stringify(input.aliases),
          JSON.stringify(input.activities),
          at,
          input.id,
        )
      : sql(
          "INSERT INTO partners (id, name, earn, spend, aliases, activities, extra, updated_at) VALUES (?, ?, ?, ?, ?, ?, '{}', ?)",
          input.id,
          input.name,
          input.earn ? 1 : 0,
          input.spend ? 1 : 0,
          JSON.stringify(input.aliases),
          JSON.stringify(input.activities),
          at,
        ),
  ];
  const kept = input.contacts.filter((c) => !c.remove);
  // Removals first, so a phone moving from a removed row to a new one does not collide.
  for (const c of input.contacts.filter((c) => c.remove && c.id !== null)) {
    out.push(sql("DELETE FROM partner_contacts WHERE id = ? AND partner_id = ?", c.id, input.id));
  }
  for (const c of kept) {
    out.push(
      c.id !== null
        ? sql(
            "UPDATE partner_contacts SET name = ?, phone = ?, locale = ? WHERE id = ? AND partner_id = ?",
            c.name,
            c.phone,
            c.locale,
            c.id,
            input.id,
          )
        : sql(
            "INSERT INTO partner_contacts (partner_id, name, phone, locale) VALUES (?, ?, ?, ?)",
            input.id,
            c.name,
            c.phone,
            c.locale,
          ),
    );
  }
  const snapshot = (
    p: Omit<Partner, "slots">,
    contacts: Array<Pick<Contact, "name" | "phone" | "locale">>,
  ) => ({
    name: p.name,
    earn: p.earn,
    spend: p.spend,
    aliases: p.aliases,
    activities: p.activities,
    contacts: contacts.map((c) => ({ name: c.name, phone: c.phone, locale: c.locale })),
  });
  out.push(
    auditStatement(
      {
        actor,
        action: before ? "partner.update" : "partner.create",
        subject: `partner:${input.id}`,
        before: before ? snapshot(before.partner, before.contacts) : null,
        after: snapshot(input, kept),
      },
      now,
    ),
  );
  return out;
}
