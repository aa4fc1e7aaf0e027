// The add/edit partner form: what it holds and its validation (zod/mini for each field, then the
// checks that span fields: a word naming two partners, a phone listed twice). An invalid form is
// refused before anything is written; partner-save.ts writes a valid one.
import * as z from "zod/mini";
import { type Activity, type Contact, LOCALES, type Locale, type Partner } from "../../core/types.ts";
import { lazy } from "../../lib/lazy.ts";
import { toE164 } from "../../lib/phone.ts";
import { slugify } from "../../scheme/schema.ts";

export const MAX_CONTACTS = 30;

/** The form as typed: every field a string, so a refused form comes back exactly as it was sent. */
export interface PartnerFormValues {
  id: string;
  name: string;
  aliases: string;
  earn: boolean;
  spend: boolean;
  /** One activity a line: "id | English | Polski | Latviešu", or just a name. */
  activities: string;
  contacts: Array<{ id: string; name: string; phone: string; locale: string; remove: boolean }>;
}

/** Field path (e.g. "contacts.1.phone") → translation key of what is wrong. */
export type FormErrors = Record<string, string>;

const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const text = (max: number, key: string) =>
  z.string().check(z.trim(), z.minLength(1, key), z.maxLength(max, key));

const partnerSchema = lazy(() =>
  z.object({
    id: z.string().check(z.regex(SLUG, "partners.errors.id"), z.maxLength(40, "partners.errors.id")),
    name: text(80, "partners.errors.name"),
    aliases: z.array(text(40, "partners.errors.alias")).check(z.maxLength(20, "partners.errors.alias")),
    earn: z.boolean(),
    spend: z.boolean(),
    activities: z.array(
      z.object({
        id: z
          .string()
          .check(z.regex(SLUG, "partners.errors.activity"), z.maxLength(40, "partners.errors.activity")),
        title: z.partialRecord(z.enum(LOCALES), text(80, "partners.errors.activity")),
      }),
    ),
    contacts: z.array(
      z.object({
        id: z.nullable(z.int()),
        name: text(60, "partners.errors.contactName"),
        phone: z.nullable(z.string()),
        locale: z.enum(LOCALES, "partners.errors.locale"),
        remove: z.boolean(),
      }),
    ),
  }),
);

export type PartnerInput = z.infer<ReturnType<typeof partnerSchema>>;

/** Reads the posted fields; contact rows are `contact-<n>-<field>`. */
export function readPartnerForm(body: Record<string, unknown>, fixedId?: string): PartnerFormValues {
  const str = (key: string) => (typeof body[key] === "string" ? (body[key] as string) : "");
  const contacts: PartnerFormValues["contacts"] = [];
  for (let i = 0; i < MAX_CONTACTS; i++) {
    const row = {
      id: str(`contact-${i}-id`),
      name: str(`contact-${i}-name`),
      phone: str(`contact-${i}-phone`),
      locale: str(`contact-${i}-locale`) || "en",
      remove: body[`contact-${i}-remove`] !== undefined,
    };
    if (row.id || row.name.trim() || row.phone.trim()) contacts.push(row);
  }
  return {
    id: fixedId ?? str("id").trim(),
    name: str("name"),
    aliases: str("aliases"),
    earn: body.earn !== undefined,
    spend: body.spend !== undefined,
    activities: str("activities"),
    contacts,
  };
}

/** A partner as the form shows it. */
export function formValues(partner: Partner, contacts: Contact[]): PartnerFormValues {
  return {
    id: partner.id,
    name: partner.name,
    aliases: partner.aliases.join(", "),
    earn: partner.earn,
    spend: partner.spend,
    activities: partner.activities
      .map((a) => [a.id, ...LOCALES.map((l) => a.title[l] ?? "")].join(" | ").replace(/( \| )+$/, ""))
      .join("\n"),
    contacts: contacts.map((c) => ({
      id: String(c.id),
      name: c.name,
      phone: c.phone ?? "",
      locale: c.locale,
      remove: false,
    })),
  };
}

/** "gardening | Gardening | Ogrodnictwo | Dārzkopība", or a plain name (its English title, as in a scheme file). */
function parseActivity(line: string): Activity {
  const [first = "", ...titles] = line.split("|").map((part) => part.trim());
  if (!titles.length) return { id: slugify(first), title: { en: first } };
  const title: Activity["title"] = {};
  LOCALES.forEach((l, i) => {
    const t = titles[i];
    if (t) title[l as Locale] = t;
  });
  return { id: slugify(first), title };
}

export interface ValidationContext {
  /** Existing contacts of this partner (their Telegram ids stand in for a missing phone). */
  contacts: Contact[];
  /** Words (ids and aliases) naming every partner. */
  words: Array<{ id: string; words: string[] }>;
  creating: boolean;
}

export function validatePartner(
  values: PartnerFormValues,
  ctx: ValidationContext,
): { ok: true; input: PartnerInput } | { ok: false; errors: FormErrors } {
  const lists = {
    aliases: values.aliases
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
    activities: values.activities
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map(parseActivity),
  };
  return checkPartner(values, lists, ctx);
}

/**
 * The form's checks on a partner whose aliases and activities are lists already (the JSON API sends
 * them so, in the scheme file's shape); `validatePartner` reads them from the form's text fields first.
 */
export function checkPartner(
  values: Omit<PartnerFormValues, "aliases" | "activities">,
  lists: { aliases: string[]; activities: Activity[] },
  ctx: ValidationContext,
): { ok: true; input: PartnerInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const id = values.id || (ctx.creating ? slugify(values.name) : "");
  const phones = values.contacts.map((c) => (c.phone.trim() ? toE164(c.phone) : null));
  const candidate = {
    id,
    name: values.name,
    aliases: lists.aliases,
    earn: values.earn,
    spend: values.spend,
    activities: lists.activities,
    contacts: values.contacts.map((c, i) => ({
      id: /^\d+$/.test(c.id) ? Number(c.id) : null,
      name: c.name,
      phone: phones[i] ?? null,
      locale: c.locale,
      remove: c.remove,
    })),
  };
  const parsed = z.safeParse(partnerSchema(), candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, index, field] = issue.path.map(String);
      const path = head === "contacts" ? `contacts.${index}.${field}` : String(head);
      errors[path] ??= issue.message.startsWith("partners.") ? issue.message : "partners.errors.invalid";
    }
  }
  // With neither a name nor an id there is no id to complain about: the name's error says it.
  if (!values.id && !values.name.trim()) delete errors.id;
  const owners = new Map<string, string>();
  for (const p of ctx.words) if (p.id !== id) for (const w of p.words) owners.set(slugify(w), p.id);
  if (ctx.creating && ctx.words.some((p) => p.id === id)) errors.id ??= "partners.errors.idTaken";
  for (const word of [id, ...candidate.aliases])
    if (owners.has(slugify(word))) errors.aliases ??= "partners.errors.aliasTaken";
  const activityIds = candidate.activities.map((a) => a.id);
  if (new Set(activityIds).size !== activityIds.length) errors.activities ??= "partners.errors.activityTwice";
  const seen = new Set<string>();
  values.contacts.forEach((c, i) => {
    if (c.remove) return;
    const known = ctx.contacts.find((k) => String(k.id) === c.id);
    if (c.id && !known) errors[`contacts.${i}.name`] ??= "partners.errors.contactName";
    if (c.phone.trim() && !phones[i]) errors[`contacts.${i}.phone`] ??= "partners.errors.phone";
    else if (!phones[i] && !known?.telegramId) errors[`contacts.${i}.phone`] ??= "partners.errors.phone";
    const phone = phones[i];
    if (phone && seen.has(phone)) errors[`contacts.${i}.phone`] ??= "partners.errors.phoneTwice";
    if (phone) seen.add(phone);
  });
  if (Object.keys(errors).length || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}
