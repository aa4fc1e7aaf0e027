// Renders a channel-neutral reply as plain text (SMS and the simulator): header, lines, numbered
// options, further parts — shortened until it fits the SMS budget (2 segments) in every language.
// For a member who asked for plain letters the text loses its diacritics before it is measured, so
// it is counted as GSM-7 (160 characters a segment) and less has to be shortened.
import type { Locale, Reply, ReplyOption } from "../core/types.ts";
import type { Translate } from "../i18n/index.ts";
import { plainLetters } from "../lib/plain-letters.ts";
import { countSegments, fitsSegments } from "../lib/segments.ts";

export interface TextOptions {
  /** Send without diacritics (ł → l, ā → a): the member's plain-letters SMS option. */
  plainLetters?: boolean;
}

export const SMS_SEGMENT_BUDGET = 2;
/** WhatsApp has no segments; this keeps its texts short all the same (about 670 characters). */
export const WHATSAPP_BUDGET = 10;

/**
 * Characters that would force UCS-2 or confuse old phones and add nothing to the text. With
 * `keepEllipsis`, "…" stays (one character, for a text that is UCS-2 anyway).
 */
export function plain(text: string, keepEllipsis = false): string {
  const cleaned = text
    .replace(/[\u00a0\u202f\u2007]/g, " ")
    .replace(/[\u200b-\u200f\u2066-\u2069\u202a-\u202e\ufeff]/g, "")
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/\u2013|\u2014/g, "-");
  return keepEllipsis ? cleaned : cleaned.replace(/\u2026/g, "...");
}

export function optionLabel(t: Translate, locale: Locale, option: ReplyOption): string {
  return option.text ?? t(locale, option.key ?? "", option.params);
}

function renderPart(
  t: Translate,
  fallback: Locale,
  reply: Reply,
  maxName: number,
  maxLines: number,
  cutParams = false,
): string[] {
  const locale = reply.locale ?? fallback;
  const out = [t(locale, reply.key, cutParams ? shortened(reply.params, maxName) : reply.params)];
  for (const line of (reply.lines ?? []).slice(0, maxLines)) {
    out.push(t(locale, line.key, { ...line.params, name: cut(String(line.params.name ?? ""), maxName) }));
  }
  for (const option of (reply.options ?? []).filter((o) => !o.hidden))
    out.push(`${option.n} ${cut(optionLabel(t, locale, option), maxName)}`);
  return out;
}

/**
 * The text as it is sent: cleaned, and without diacritics when the member asked for plain letters.
 * A shortened name ends in "…" where the text is UCS-2 anyway (Polish, Latvian), "..." in GSM-7.
 */
function finish(text: string, options: TextOptions): string {
  if (options.plainLetters) return plainLetters(plain(text));
  const gsm = plain(text);
  return countSegments(gsm).encoding === "GSM-7" ? gsm : plain(text, true);
}

/**
 * Parameters that are names or free text a person wrote: these may be shortened to fit, never the
 * codes, amounts, dates and keywords a reader needs to act on.
 */
const SHORTENABLE = new Set([
  "name",
  "names",
  "member",
  "who",
  "title",
  "what",
  "place",
  "scheme",
  "reason",
  "alias",
  "text",
]);

function shortened(params: Reply["params"], maxName: number): Reply["params"] {
  if (!params) return params;
  const out: NonNullable<Reply["params"]> = {};
  for (const [key, value] of Object.entries(params))
    out[key] = SHORTENABLE.has(key) && typeof value === "string" ? cut(value, maxName) : value;
  return out;
}

/** A name shortened to `max` characters, marked "…" so it does not read as an abbreviation. */
function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1)).trimEnd()}…`;
}

/** Shortens names, then drops trailing lines, until the parts fit; false when even that cannot. */
function fitParts(
  t: Translate,
  locale: Locale,
  parts: Reply[],
  budget: number,
  minName: number,
  options: TextOptions,
  cutParams = false,
): string | null {
  const attempt = (maxName: number, maxLines: number) =>
    finish(
      parts
        .flatMap((p) => renderPart(t, locale, p, maxName, maxLines, cutParams))
        .join("\n")
        .trim(),
      options,
    );
  for (const maxName of [60, 40, 30, 24, 20, 16, 12, 9].filter((n) => n >= minName)) {
    const text = attempt(maxName, 99);
    if (fitsSegments(text, budget)) return text;
  }
  if (minName > 9) return null;
  for (let lines = 4; lines >= 1; lines--) {
    const text = attempt(9, lines);
    if (fitsSegments(text, budget)) return text;
  }
  return null;
}

/**
 * The messages a reply becomes: one when all its parts fit `budget` segments together without
 * cutting names short; otherwise consecutive parts packed greedily into as few messages as fit.
 */
export function renderMessages(
  t: Translate,
  locale: Locale,
  reply: Reply,
  budget = SMS_SEGMENT_BUDGET,
  options: TextOptions = {},
): string[] {
  const parts = [reply, ...(reply.also ?? [])].map((p) => ({ ...p, also: undefined }));
  const together = fitParts(t, locale, parts, budget, parts.length > 1 ? 16 : 9, options);
  if (together !== null) return [together];
  // Consecutive optional parts travel together, and are dropped rather than sent as an extra message.
  const units: Reply[][] = [];
  for (const part of parts) {
    const last = units.at(-1);
    if (part.optional && last?.[0]?.optional) last.push(part);
    else units.push([part]);
  }
  const groups: Reply[][] = [];
  for (const unit of units) {
    const last = groups.at(-1);
    if (last && fitParts(t, locale, [...last, ...unit], budget, 16, options) !== null) last.push(...unit);
    else if (!unit[0]?.optional) groups.push([...unit]);
  }
  return groups.map((group) => {
    const text = fitParts(t, locale, group, budget, 9, options);
    if (text !== null) return text;
    // Then the names and free text inside the message itself (a partner's request with a long member,
    // activity and partner name): the codes and keywords at its end must survive.
    const names = fitParts(t, locale, group, budget, 9, options, true);
    if (names !== null) return names;
    // Nothing shorter is possible without losing meaning; cut as a last resort, never over budget.
    let cut = finish(group.flatMap((part) => renderPart(t, locale, part, 9, 1)).join("\n"), options);
    while (!fitsSegments(cut, budget)) cut = cut.slice(0, -1);
    return cut;
  });
}

/** A reply as one text (the simulator and tests); SMS sends `renderMessages`. */
export function renderText(
  t: Translate,
  locale: Locale,
  reply: Reply,
  budget = SMS_SEGMENT_BUDGET,
  options: TextOptions = {},
): string {
  return renderMessages(t, locale, reply, budget, options).join("\n");
}
