// What an event or an offer is when the coordinator writes one (the dashboard's forms and the JSON
// API alike): one zod/mini schema each, whose messages are translation keys, then the checks that need
// the database's facts (the partner exists, the start is ahead, capacity covers the places booked).
import * as z from "zod/mini";
import { LOCALES, type Locale } from "../../core/types.ts";
import { lazy } from "../../lib/lazy.ts";
import { isStartTime } from "../../scheme/schema.ts";

/** Field path (e.g. "title.en") → translation key of what is wrong; "form" for the whole form. */
export type FormErrors = Record<string, string>;

export const MAX_COST = 100;
export const MAX_CAPACITY = 10_000;

/** Credits in quarters of an hour, as the ledger counts minutes. */
const credits = (min: number, key: string) =>
  z.number(key).check(z.minimum(min, key), z.maximum(MAX_COST, key), z.multipleOf(0.25, key));

const schemas = lazy(() => {
  const titleText = z
    .string()
    .check(z.trim(), z.minLength(1, "events:errors.title"), z.maxLength(80, "events:errors.title"));
  const optionalTitle = z.optional(titleText);
  const title = z.object({ en: titleText, pl: optionalTitle, lv: optionalTitle });

  const partner = z
    .string()
    .check(z.minLength(1, "events:errors.partner"), z.maxLength(80, "events:errors.partner"));

  /** "2026-12-04T18:00" (scheme-local) or with an offset; a real calendar date and time. */
  const startsAt = z.string("events:errors.startsAt").check(z.refine(isStartTime, "events:errors.startsAt"));

  const event = z.object({
    partner,
    title,
    startsAt,
    cost: credits(0, "events:errors.eventCost"),
    capacity: z.nullable(
      z
        .int("events:errors.capacity")
        .check(z.positive("events:errors.capacity"), z.maximum(MAX_CAPACITY, "events:errors.capacity")),
    ),
    community: z.boolean(),
    family: z.boolean(),
    /** Goes ahead only with this many places booked by `decideBy`; else the tick job calls it off. */
    minPlaces: z._default(
      z.nullable(
        z
          .int("events:errors.minPlaces")
          .check(z.positive("events:errors.minPlaces"), z.maximum(MAX_CAPACITY, "events:errors.minPlaces")),
      ),
      null,
    ),
    decideBy: z._default(
      z.nullable(z.string("events:errors.decideBy").check(z.refine(isStartTime, "events:errors.decideBy"))),
      null,
    ),
  });

  const offer = z.object({
    partner,
    title,
    cost: z
      .number("events:errors.offerCost")
      .check(
        z.positive("events:errors.offerCost"),
        z.maximum(MAX_COST, "events:errors.offerCost"),
        z.multipleOf(0.25, "events:errors.offerCost"),
      ),
    valueGBP: z.nullable(
      z.number("events:errors.value").check(
        z.nonnegative("events:errors.value"),
        z.maximum(10_000, "events:errors.value"),
        z.refine((v) => Number.isInteger(Math.round(v * 100 * 1e6) / 1e6), "events:errors.value"),
      ),
    ),
    community: z.boolean(),
  });
  return { event, offer };
});

export const eventSchema = () => schemas().event;
export const offerSchema = () => schemas().offer;

export type EventInput = z.infer<ReturnType<typeof eventSchema>>;
export type OfferInput = z.infer<ReturnType<typeof offerSchema>>;

/** The event form as typed: strings, so a refused form comes back exactly as it was sent. */
export interface EventFormValues {
  partner: string;
  title: Record<Locale, string>;
  startsAt: string;
  cost: string;
  capacity: string;
  community: boolean;
  family: boolean;
  minPlaces: string;
  decideBy: string;
}

export interface OfferFormValues {
  partner: string;
  title: Record<Locale, string>;
  cost: string;
  value: string;
  community: boolean;
}

const str = (body: Record<string, unknown>, key: string) =>
  typeof body[key] === "string" ? (body[key] as string) : "";

const titlesOf = (body: Record<string, unknown>) =>
  Object.fromEntries(LOCALES.map((l) => [l, str(body, `title-${l}`)])) as Record<Locale, string>;

export function readEventForm(body: Record<string, unknown>): EventFormValues {
  return {
    partner: str(body, "partner"),
    title: titlesOf(body),
    startsAt: str(body, "startsAt").trim(),
    cost: str(body, "cost"),
    capacity: str(body, "capacity"),
    community: body.community !== undefined,
    family: body.family !== undefined,
    minPlaces: str(body, "minPlaces"),
    decideBy: str(body, "decideBy").trim(),
  };
}

export function readOfferForm(body: Record<string, unknown>): OfferFormValues {
  return {
    partner: str(body, "partner"),
    title: titlesOf(body),
    cost: str(body, "cost"),
    value: str(body, "value"),
    community: body.community !== undefined,
  };
}

/** "1,5" or "1.5" → 1.5; "" → null; anything else → NaN (refused by the schema). */
function amount(text: string): number | null {
  const t = text.trim().replace(/^£/, "").replace(",", ".");
  if (!t) return null;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** Blank optional titles are left out: the bot then falls back to English. */
function titleOf(values: Record<Locale, string>): Partial<Record<Locale, string>> {
  const out: Partial<Record<Locale, string>> = { en: values.en };
  for (const l of ["pl", "lv"] as const) if (values[l].trim()) out[l] = values[l];
  return out;
}

/** Every issue of a parse as field path → translation key (the first per field). */
export function errorsOf(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join(".") || "form";
    errors[path] ??= issue.message.startsWith("events:") ? issue.message : "events:errors.invalid";
  }
  return errors;
}

export type Checked<T> = { ok: true; input: T } | { ok: false; errors: FormErrors };

export function parseEventForm(values: EventFormValues): Checked<EventInput> {
  const capacity = amount(values.capacity);
  const cost = amount(values.cost);
  const parsed = z.safeParse(eventSchema(), {
    partner: values.partner,
    title: titleOf(values.title),
    startsAt: values.startsAt,
    cost: cost ?? Number.NaN,
    capacity,
    community: values.community,
    family: values.family,
    minPlaces: amount(values.minPlaces),
    decideBy: values.decideBy || null,
  });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: errorsOf(parsed.error.issues) };
}

export function parseOfferForm(values: OfferFormValues): Checked<OfferInput> {
  const cost = amount(values.cost);
  const parsed = z.safeParse(offerSchema(), {
    partner: values.partner,
    title: titleOf(values.title),
    cost: cost ?? Number.NaN,
    valueGBP: amount(values.value),
    community: values.community,
  });
  return parsed.success
    ? { ok: true, input: parsed.data }
    : { ok: false, errors: errorsOf(parsed.error.issues) };
}

/** Credits as a form field shows them: 1.5, 2, 0.25. */
const decimal = (n: number) => String(Math.round(n * 100) / 100);

export function eventFormValues(e: EventInput): EventFormValues {
  return {
    partner: e.partner,
    title: { en: e.title.en, pl: e.title.pl ?? "", lv: e.title.lv ?? "" },
    startsAt: e.startsAt,
    cost: decimal(e.cost),
    capacity: e.capacity === null ? "" : String(e.capacity),
    community: e.community,
    family: e.family,
    minPlaces: e.minPlaces === null ? "" : String(e.minPlaces),
    decideBy: e.decideBy ?? "",
  };
}

export function offerFormValues(o: OfferInput): OfferFormValues {
  return {
    partner: o.partner,
    title: { en: o.title.en, pl: o.title.pl ?? "", lv: o.title.lv ?? "" },
    cost: decimal(o.cost),
    value: o.valueGBP === null ? "" : o.valueGBP.toFixed(o.valueGBP % 1 ? 2 : 0),
    community: o.community,
  };
}
