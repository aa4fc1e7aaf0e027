// The new-poll form: the question in three languages (English required), five option rows (empty
// rows ignored, 2–5 kept), the broadcast's audience fields and the days it stays open. Read as typed
// strings so a refused form comes back as it was sent; checked into the polls service's input, each
// error a translation key beside its field.
import * as z from "zod/mini";
import { MAX_OPTIONS, MIN_OPTIONS } from "../../core/polls.ts";
import { LOCALES, type Locale } from "../../core/types.ts";
import { type PollInput, pollSchema } from "../../services/polls.ts";
import {
  type AudienceField,
  broadcastSchema,
  EMPTY_FORM,
  formToInput,
  MAX_SEGMENTS,
} from "../broadcast/form.ts";

/** Option rows the form offers; empty ones are left out. */
export const ROWS = MAX_OPTIONS;
/** Characters of a question or an option (as the service allows). */
export const MAX_CHARS = 160;

export type LocalValues = Record<Locale, string>;

export type PollFormValues = Record<AudienceField, string> & {
  question: LocalValues;
  /** ROWS rows, as typed. */
  options: LocalValues[];
  /** Days the poll takes answers. */
  openDays: string;
  /** The idea the poll asks about ("" when none). */
  idea: string;
};

/** Field name (q_en, o2_pl, options, open_days, days, partner…, form) → translation key. */
export type PollErrors = Record<string, string>;

/** What every error text may use: {{max}} segments, {{min}}–{{most}} options, {{chars}}. */
export const ERROR_PARAMS = { max: MAX_SEGMENTS, min: MIN_OPTIONS, most: MAX_OPTIONS, chars: MAX_CHARS };

const blank = (): LocalValues => ({ en: "", pl: "", lv: "" });

export function emptyPollForm(): PollFormValues {
  return {
    question: blank(),
    options: Array.from({ length: ROWS }, blank),
    audience: EMPTY_FORM.audience,
    days: EMPTY_FORM.days,
    partner: EMPTY_FORM.partner,
    language: EMPTY_FORM.language,
    credits: EMPTY_FORM.credits,
    openDays: "7",
    idea: "",
  };
}

/** The form's field names, in one place for the view, the reader and the hidden copy. */
export const questionField = (l: Locale) => `q_${l}`;
export const optionField = (row: number, l: Locale) => `o${row + 1}_${l}`;
const AUDIENCE_FIELDS = ["audience", "days", "partner", "language", "credits"] as const;

export function readPollForm(body: Record<string, unknown>): PollFormValues {
  const str = (name: string, max = MAX_CHARS * 2) => {
    const v = body[name];
    return typeof v === "string" ? v.slice(0, max) : "";
  };
  const values = emptyPollForm();
  for (const l of LOCALES) {
    values.question[l] = str(questionField(l));
    values.options.forEach((o, row) => {
      o[l] = str(optionField(row, l));
    });
  }
  for (const f of AUDIENCE_FIELDS) if (typeof body[f] === "string") values[f] = str(f, 100);
  values.openDays = str("open_days", 10);
  values.idea = str("idea", 15);
  return values;
}

/** Every field as a name and its value: the Send form carries the previewed poll this way. */
export function pollFormFields(v: PollFormValues): Array<[string, string]> {
  return [
    ...LOCALES.map((l): [string, string] => [questionField(l), v.question[l]]),
    ...v.options.flatMap((o, row) => LOCALES.map((l): [string, string] => [optionField(row, l), o[l]])),
    ...AUDIENCE_FIELDS.map((f): [string, string] => [f, v[f]]),
    ["open_days", v.openDays],
    ["idea", v.idea],
  ];
}

export type CheckedPoll = { ok: true; input: PollInput } | { ok: false; errors: PollErrors };

/** The audience fields as the broadcast form reads them, checked by the broadcast's own schema. */
function audienceOf(v: PollFormValues, errors: PollErrors): unknown {
  const { audience } = formToInput({ ...EMPTY_FORM, ...v, text_en: "-" }) as { audience: unknown };
  const parsed = z.safeParse(broadcastSchema().shape.audience, audience);
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "audience");
      const known = (AUDIENCE_FIELDS as readonly string[]).includes(field) ? field : "audience";
      errors[known] ??= issue.message.startsWith("broadcast:") ? issue.message : "broadcast:errors.audience";
    }
  return audience;
}

const trimmed = (t: LocalValues): LocalValues => ({ en: t.en.trim(), pl: t.pl.trim(), lv: t.lv.trim() });

/** Blank Polish or Latvian is left out: those members get the English words. */
const localText = (t: LocalValues) => ({
  en: t.en,
  ...(t.pl ? { pl: t.pl } : {}),
  ...(t.lv ? { lv: t.lv } : {}),
});

/** The form as the service's input (preview off), or what is wrong with it. */
export function parsePollForm(v: PollFormValues): CheckedPoll {
  const errors: PollErrors = {};
  const tooLong = (t: LocalValues, field: (l: Locale) => string) => {
    for (const l of LOCALES) if (t[l].length > MAX_CHARS) errors[field(l)] = "polls:errors.long";
  };
  const question = trimmed(v.question);
  if (!question.en) errors.q_en = "polls:errors.question";
  tooLong(question, questionField);
  const options = v.options.flatMap((typed, row) => {
    const o = trimmed(typed);
    if (!o.en && !o.pl && !o.lv) return [];
    if (!o.en) errors[optionField(row, "en")] = "polls:errors.optionEnglish";
    tooLong(o, (l) => optionField(row, l));
    return [localText(o)];
  });
  if (options.length < MIN_OPTIONS) errors.options = "polls:errors.options";
  const audience = audienceOf(v, errors);
  const days = /^\s*\d{1,2}\s*$/.test(v.openDays) ? Number(v.openDays) : Number.NaN;
  if (!(days >= 1 && days <= 60)) errors.open_days = "polls:errors.days";
  const idea = /^[1-9]\d{0,9}$/.test(v.idea) ? Number(v.idea) : undefined;
  if (Object.keys(errors).length) return { ok: false, errors };
  const parsed = z.safeParse(pollSchema(), {
    question: localText(question),
    options,
    audience,
    days,
    ...(idea ? { ideaId: idea } : {}),
  });
  return parsed.success ? { ok: true, input: parsed.data } : { ok: false, errors: { form: "errors.form" } };
}

/**
 * The service's refusals (the broadcast's rules: a language's whole message over the segment limit,
 * a partner the scheme does not have) as this form's fields.
 */
export function serviceErrors(errors: Partial<Record<string, string>>): PollErrors {
  const out: PollErrors = {};
  for (const [field, key] of Object.entries(errors)) {
    if (!key) continue;
    const text = /^text_(en|pl|lv)$/.exec(field);
    if (text) out[`q_${text[1]}`] = "polls:errors.tooLong";
    else out[field] = key;
  }
  return out;
}
