// The scheme file a coordinator writes: partners, offers, events and pre-registered members.
// Its shape is one zod/mini schema; links between entries (ids, partner references) are checked beside it.
import * as z from "zod/mini";
import { isTimeZone } from "../core/format.ts";
import type { Activity } from "../core/types.ts";
import { lazy } from "../lib/lazy.ts";
import { toE164 } from "../lib/phone.ts";

const SLUG = /^[a-z0-9]+(?:[-_][a-z0-9]+)*$/;
const credits = (min: "positive" | "nonnegative") =>
  z.number().check(min === "positive" ? z.positive() : z.nonnegative(), z.multipleOf(0.25));

// "YYYY-MM-DDTHH:mm", optional seconds, optional Z or ±HH:mm; without an offset it is scheme-local time.
type Six = [number, number, number, number, number, number];
export const START_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;
/** Is `s` a START_TIME whose date is on the calendar and whose time is on the clock? */
export function isStartTime(s: string): boolean {
  const m = START_TIME.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map((part) => Number(part ?? 0)) as Six;
  const day = new Date(Date.UTC(y, mo - 1, d));
  return day.getUTCMonth() === mo - 1 && day.getUTCDate() === d && h < 24 && mi < 60 && sec < 60;
}

// One home for the time-zone check (core/format: with localDay's kept formatter), named here too.
export { isTimeZone };

export const whatsappTemplatesSchema = lazy(() => {
  /** A Twilio Content SID, or one with the message parameters that fill its {{1}}, {{2}} … in order. */
  const contentSid = z
    .string()
    .check(z.regex(/^HX[0-9a-f]{32}$/i, "must be a Content SID (HX and 32 hex digits)"));
  const template = z.union([
    contentSid,
    z.object({ sid: contentSid, variables: z.optional(z.array(z.string().check(z.minLength(1)))) }),
  ]);
  return z.record(z.string().check(z.minLength(1)), z.partialRecord(z.enum(["en", "pl", "lv"]), template));
});

const schemas = lazy(() => {
  const id = z.string().check(z.regex(SLUG, "must be a slug: lowercase letters, digits and dashes"));
  const text = z.string().check(z.trim(), z.minLength(1));
  const locale = z._default(z.enum(["en", "pl", "lv"]), "en");
  const telegramId = z.int().check(z.positive());

  /** A phone in national UK or international form; parsed to E.164 so every later comparison is exact. */
  const phone = z.pipe(
    z.string(),
    z.transform((input: string, ctx) => {
      const e164 = toE164(input);
      if (e164) return e164;
      ctx.issues.push({ code: "custom", message: `not a valid phone number: "${input}"`, input });
      return z.NEVER;
    }),
  );

  const title = z
    .looseObject({ en: z.optional(text), pl: z.optional(text), lv: z.optional(text) })
    .check(z.refine((t) => Boolean(t.en || t.pl || t.lv), "needs a title in at least one of en, pl, lv"));

  const startsAt = z.string().check(z.refine(isStartTime, "must be a date and time like 2026-12-04T18:00"));
  const timezone = z.string().check(z.refine(isTimeZone, "must be an IANA time zone such as Europe/London"));

  const activity = z.union(
    [text, z.looseObject({ id, title })],
    "expected a name or an object with id and title",
  );

  const contact = z
    .looseObject({ name: text, phone: z.optional(phone), telegramId: z.optional(telegramId), locale })
    .check(
      z.refine((c) => c.phone !== undefined || c.telegramId !== undefined, "needs a phone or a telegramId"),
    );

  /** A volunteering opportunity a partner offers (VOLUNTEER lists them). */
  const slot = z.looseObject({
    startsAt,
    title: z.union([text, title]),
    hours: z.optional(z.number().check(z.positive(), z.maximum(12))),
  });

  const partner = z.looseObject({
    id,
    name: text,
    slots: z._default(z.array(slot), []),
    earn: z._default(z.boolean(), true),
    spend: z._default(z.boolean(), false),
    aliases: z._default(z.array(text), []),
    activities: z._default(z.array(activity), []),
    contacts: z._default(z.array(contact), []),
  });

  const offer = z.looseObject({
    id,
    partner: id,
    title,
    cost: credits("positive"),
    valueGBP: z.optional(z.number().check(z.nonnegative())),
    community: z._default(z.boolean(), false),
    /** Withdrawn (in the dashboard): not suggested or bookable; codes given stay valid. Importing never restores one. */
    withdrawn: z.optional(z.boolean()),
  });

  const event = z.looseObject({
    id,
    partner: id,
    title,
    startsAt,
    cost: credits("nonnegative"),
    capacity: z.optional(z.int().check(z.positive())),
    community: z._default(z.boolean(), true),
    family: z._default(z.boolean(), false),
    /** Cancelled (in the dashboard): not offered, not bookable. Importing never un-cancels an event. */
    cancelled: z.optional(z.boolean()),
  });

  const member = z.looseObject({ name: text, phone, locale, telegramId: z.optional(telegramId) });

  const schemeFile = z.looseObject({
    scheme: z.looseObject({
      name: text,
      timezone,
      settings: z._default(z.looseObject({ whatsappTemplates: z.optional(whatsappTemplatesSchema()) }), {}),
    }),
    partners: z.array(partner),
    offers: z._default(z.array(offer), []),
    events: z._default(z.array(event), []),
    members: z._default(z.array(member), []),
  });
  return { title, schemeFile };
});

export const schemeFileSchema = () => schemas().schemeFile;

export type SchemeFile = z.output<ReturnType<typeof schemeFileSchema>>;
export type SchemePartner = SchemeFile["partners"][number];
export type SchemeActivity = SchemePartner["activities"][number];
export type Title = z.output<ReturnType<typeof schemas>["title"]>;
export interface SchemeError {
  /** Dotted path into the file, e.g. `partners.2.contacts.0.phone`; empty for the file itself. */
  path: string;
  message: string;
}

/**
 * Validates a scheme file. Nothing is partly accepted: any error rejects the whole file, and every
 * error found is listed with its path.
 * @example parseScheme(JSON.parse(text)) // { ok: false, errors: [{ path: "offers.0.partner", message: … }] }
 */
export function parseScheme(
  input: unknown,
): { ok: true; scheme: SchemeFile } | { ok: false; errors: SchemeError[] } {
  const result = z.safeParse(schemeFileSchema(), input, { error: describeIssue, jitless: true });
  const errors = [...(result.success ? [] : flattenIssues(result.error.issues)), ...checkReferences(input)];
  if (result.success && errors.length === 0) return { ok: true, scheme: result.data };
  return { ok: false, errors };
}

/**
 * An activity in the one form the bot uses: a plain string becomes its own id and English title.
 * @example normaliseActivity("Night shelter") // { id: "night-shelter", title: { en: "Night shelter" } }
 */
export function normaliseActivity(entry: SchemeActivity): Activity {
  if (typeof entry !== "string") {
    const { en, pl, lv } = entry.title;
    return { id: entry.id, title: { ...(en && { en }), ...(pl && { pl }), ...(lv && { lv }) } };
  }
  return { id: slugify(entry), title: { en: entry } };
}

/** Lowercase ASCII words joined by dashes; Polish and Latvian letters lose their diacritics. */
export function slugify(words: string): string {
  return words
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

// ---- Error reporting: zod/mini carries no message locale (bundle size), so issues are worded here.

type Issue = z.core.$ZodIssue;

function describeIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? "required" : `expected ${issue.expected}`;
    case "too_small":
      if (issue.origin === "string") return "must not be empty";
      return `must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "not_multiple_of":
      return `must be a multiple of ${issue.divisor}`;
    case "invalid_value":
      return `must be one of ${issue.values.join(", ")}`;
    default:
      return undefined;
  }
}

/** Issues as dotted paths; a failed union is replaced by the errors of the branch the input was meant for. */
function flattenIssues(issues: readonly Issue[], prefix: PropertyKey[] = []): SchemeError[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === "invalid_union") {
      const meant = issue.errors.filter((branch) => branch.some((e) => e.path.length > 0));
      if (meant.length === 1 && meant[0]) return flattenIssues(meant[0], path);
    }
    return [{ path: path.map(String).join("."), message: issue.message }];
  });
}

// ---- Links between entries, checked on the raw input so they are reported even when the shape is wrong.

type Raw = Record<string, unknown>;
const entries = (value: unknown): Raw[] =>
  Array.isArray(value) ? value.map((v) => (v && typeof v === "object" ? (v as Raw) : {})) : [];
const asPhone = (v: unknown) => (typeof v === "string" ? toE164(v) : null);
const asKey = (v: unknown) => (typeof v === "string" || typeof v === "number" ? v : null);

function checkReferences(input: unknown): SchemeError[] {
  const file = entries([input])[0] ?? {};
  const errors: SchemeError[] = [];
  /** Reports every value after the first that has the same key. */
  const unique = (
    section: string,
    field: string,
    values: unknown[],
    key: (v: unknown) => unknown = asKey,
  ) => {
    const first = new Map<unknown, number>();
    values.forEach((value, i) => {
      const k = key(value);
      if (k === null || k === undefined) return;
      const at = first.get(k);
      const path = field ? `${section}.${i}.${field}` : `${section}.${i}`;
      if (at === undefined) first.set(k, i);
      else
        errors.push({
          path,
          message: `duplicate ${field || "entry"} "${String(value)}" (first at ${section}.${at})`,
        });
    });
  };
  const partners = entries(file.partners);
  for (const section of ["partners", "offers", "events"])
    unique(
      section,
      "id",
      entries(file[section]).map((e) => e.id),
    );
  const partnerIds = new Set(partners.map((p) => p.id));
  for (const section of ["offers", "events"]) {
    entries(file[section]).forEach((e, i) => {
      if (typeof e.partner === "string" && !partnerIds.has(e.partner))
        errors.push({ path: `${section}.${i}.partner`, message: `unknown partner "${e.partner}"` });
    });
  }
  const members = entries(file.members);
  unique(
    "members",
    "phone",
    members.map((m) => m.phone),
    asPhone,
  );
  unique(
    "members",
    "telegramId",
    members.map((m) => m.telegramId),
  );
  // A word that names two partners would make "LOG 2 hostel" ambiguous.
  const owner = new Map<string, unknown>(partners.map((p) => [slugify(String(p.id ?? "")), p.id]));
  partners.forEach((p, i) => {
    const contacts = entries(p.contacts);
    unique(
      `partners.${i}.contacts`,
      "phone",
      contacts.map((c) => c.phone),
      asPhone,
    );
    unique(
      `partners.${i}.contacts`,
      "telegramId",
      contacts.map((c) => c.telegramId),
    );
    const activityIds = Array.isArray(p.activities) ? p.activities : [];
    unique(`partners.${i}.activities`, "", activityIds, (a) =>
      typeof a === "string" ? slugify(a) : asKey((a as Raw | null)?.id),
    );
    (Array.isArray(p.aliases) ? p.aliases : []).forEach((alias, j) => {
      const word = slugify(String(alias));
      const other = owner.get(word);
      if (other !== undefined && other !== p.id)
        errors.push({
          path: `partners.${i}.aliases.${j}`,
          message: `"${alias}" already names partner "${other}"`,
        });
      else owner.set(word, p.id);
    });
  });
  return errors;
}
