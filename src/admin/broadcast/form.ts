// What a broadcast is made of (a text per language, English required, and the group it goes to) and
// its validation, shared by the dashboard form and the JSON API: zod/mini for the shape, then the SMS
// segment limit, which a schema cannot see. Error messages are translation keys.
import * as z from "zod/mini";
import { LOCALES, type Locale } from "../../core/types.ts";
import { lazy } from "../../lib/lazy.ts";
import { countSegments } from "../../lib/segments.ts";

/** A text longer than this many SMS segments (in its own letters) is refused. */
export const MAX_SEGMENTS = 3;
/** Characters per text, checked before segments are counted. */
const MAX_CHARS = 1000;

export type Texts = Record<Locale, string>;

/** Who a broadcast goes to (before opt-outs, deletions and unreachable members are left out). */
export type Audience =
  | { kind: "all" }
  | { kind: "active"; days: number }
  | { kind: "partner"; partner: string }
  | { kind: "language"; language: Locale }
  | { kind: "credits"; credits: number };

export const AUDIENCE_KINDS = ["all", "active", "partner", "language", "credits"] as const;

export const broadcastSchema = lazy(() => {
  const otherText = z._default(
    z.string().check(z.trim(), z.maxLength(MAX_CHARS, "broadcast:errors.tooLong")),
    "",
  );
  return z.object({
    texts: z.object({
      en: z
        .string("broadcast:errors.english")
        .check(
          z.trim(),
          z.minLength(1, "broadcast:errors.english"),
          z.maxLength(MAX_CHARS, "broadcast:errors.tooLong"),
        ),
      pl: otherText,
      lv: otherText,
    }),
    audience: z.discriminatedUnion(
      "kind",
      [
        z.object({ kind: z.literal("all") }),
        z.object({
          kind: z.literal("active"),
          days: z
            .number("broadcast:errors.days")
            .check(
              z.int("broadcast:errors.days"),
              z.minimum(1, "broadcast:errors.days"),
              z.maximum(3650, "broadcast:errors.days"),
            ),
        }),
        z.object({
          kind: z.literal("partner"),
          partner: z.string("broadcast:errors.partner").check(z.minLength(1, "broadcast:errors.partner")),
        }),
        z.object({ kind: z.literal("language"), language: z.enum(LOCALES, "broadcast:errors.language") }),
        z.object({
          kind: z.literal("credits"),
          credits: z
            .number("broadcast:errors.credits")
            .check(z.minimum(0, "broadcast:errors.credits"), z.maximum(10_000, "broadcast:errors.credits")),
        }),
      ],
      "broadcast:errors.audience",
    ),
    /** Makes a repeated send one send; the preview hands one out. */
    key: z.optional(z.string().check(z.regex(/^[A-Za-z0-9-]{8,64}$/, "broadcast:errors.key"))),
  });
});

export type BroadcastInput = { texts: Texts; audience: Audience; key?: string };

/** Field → translation key of what is wrong with it; fields are the form's names. */
export type BroadcastErrors = Partial<Record<FormField, string>>;

export type FormField =
  | "text_en"
  | "text_pl"
  | "text_lv"
  | "audience"
  | "days"
  | "partner"
  | "language"
  | "credits"
  | "key";

/** The form fields that say who a broadcast (or a poll) goes to. */
export type AudienceField = "audience" | "days" | "partner" | "language" | "credits";

/** The form as typed: every field a string, so a refused form comes back as it was sent. */
export type BroadcastFormValues = Record<FormField, string>;

export const EMPTY_FORM: BroadcastFormValues = {
  text_en: "",
  text_pl: "",
  text_lv: "",
  audience: "all",
  days: "30",
  partner: "",
  language: "en",
  credits: "5",
  key: "",
};

export function readBroadcastForm(body: Record<string, unknown>): BroadcastFormValues {
  const values = { ...EMPTY_FORM };
  for (const field of Object.keys(EMPTY_FORM) as FormField[]) {
    const v = body[field];
    if (typeof v === "string") values[field] = v.slice(0, MAX_CHARS * 2);
  }
  return values;
}

/** "2,5" or "2.5" as a number; anything else NaN, which the schema refuses. */
const numberOf = (text: string) =>
  /^\s*\d+([.,]\d+)?\s*$/.test(text) ? Number(text.replace(",", ".")) : Number.NaN;

/** The form's strings in the shape the schema (and the JSON API) takes. */
export function formToInput(v: BroadcastFormValues): unknown {
  const audience =
    v.audience === "active"
      ? { kind: "active", days: numberOf(v.days) }
      : v.audience === "partner"
        ? { kind: "partner", partner: v.partner }
        : v.audience === "language"
          ? { kind: "language", language: v.language }
          : v.audience === "credits"
            ? { kind: "credits", credits: numberOf(v.credits) }
            : { kind: v.audience };
  return {
    texts: { en: v.text_en, pl: v.text_pl, lv: v.text_lv },
    audience,
    ...(v.key ? { key: v.key } : {}),
  };
}

export function inputToForm(input: BroadcastInput): BroadcastFormValues {
  const a = input.audience;
  return {
    ...EMPTY_FORM,
    text_en: input.texts.en,
    text_pl: input.texts.pl,
    text_lv: input.texts.lv,
    audience: a.kind,
    ...(a.kind === "active" ? { days: String(a.days) } : {}),
    ...(a.kind === "partner" ? { partner: a.partner } : {}),
    ...(a.kind === "language" ? { language: a.language } : {}),
    ...(a.kind === "credits" ? { credits: String(a.credits) } : {}),
    key: input.key ?? "",
  };
}

function fieldOf(path: ReadonlyArray<PropertyKey>): FormField {
  const [first, second] = path.map(String);
  if (first === "texts" && (second === "en" || second === "pl" || second === "lv")) return `text_${second}`;
  if (
    first === "audience" &&
    (second === "days" || second === "partner" || second === "language" || second === "credits")
  )
    return second;
  if (first === "key") return "key";
  return "audience";
}

export type Validated = { ok: true; input: BroadcastInput } | { ok: false; errors: BroadcastErrors };

/** The schema, then the segment limit of each text. */
export function validateBroadcast(raw: unknown): Validated {
  const parsed = z.safeParse(broadcastSchema(), raw);
  const errors: BroadcastErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const message = issue.message.startsWith("broadcast:") ? issue.message : "broadcast:errors.audience";
      errors[fieldOf(issue.path)] ??= message;
    }
    return { ok: false, errors };
  }
  const input = parsed.data as BroadcastInput;
  for (const l of LOCALES)
    if (input.texts[l] && countSegments(input.texts[l]).segments > MAX_SEGMENTS)
      errors[`text_${l}`] = "broadcast:errors.tooLong";
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, input };
}
