// How numbers, days and names read in each language: credits and hours as given, with two decimals
// for quarters ("0.75" / "0,75") and at most one otherwise; days as "Sat 28 Nov" / "sob. 28 lis" /
// "sestd. 28. nov."; a Latvian first name in the vocative when the bot greets someone ("Jāni"); and
// an instant as the scheme's local day ("2026-11-28") and clock time ("09:05"), the only copies.
import type { Activity, Locale, Partner } from "./types.ts";

// Building an Intl formatter costs far more than using one: one per locale and precision, made on first use.
const dayFormat = new Map<Locale, Intl.DateTimeFormat>();
const dayOf = new Map<string, Intl.DateTimeFormat>();
const clockOf = new Map<string, Intl.DateTimeFormat>();

/** Whole quarters of an hour (45 minutes, 75 minutes) are shown exactly; anything else to 6 minutes. */
const isQuarters = (minutes: number) => minutes % 15 === 0;

/**
 * Minutes as a decimal amount of hours (= credits): 150 → "2.5" in en, "2,5" in pl; 45 → "0.75",
 * 15 → "0.25" (gifts and prices may be quarters); 50 → "0.8".
 */
export function hoursText(minutes: number, locale: Locale): string {
  // hoursCount's value has at most two decimals (quarters) or one: written out exactly.
  const digits = isQuarters(minutes) ? 2 : 1;
  return decimalText(Math.round(hoursCount(minutes) * 10 ** digits), digits, locale, false);
}

/**
 * `units` ÷ 10^decimals written with the language's decimal sign and no grouping, as
 * Intl.NumberFormat(locale, { useGrouping: false, maximumFractionDigits: decimals }) writes it
 * (trailing zeros dropped unless `keepZeros`): without Intl, whose first use costs a Worker isolate's
 * first message milliseconds. A zero is never "-0".
 * @example decimalText(250, 2, "pl", false) === "2,5"; decimalText(450, 2, "en", true) === "4.50"
 */
export function decimalText(units: number, decimals: number, locale: Locale, keepZeros: boolean): string {
  const scale = 10 ** decimals;
  const size = Math.abs(Math.round(units));
  const whole = Math.floor(size / scale);
  let fraction = decimals > 0 ? String(size % scale).padStart(decimals, "0") : "";
  if (!keepZeros) fraction = fraction.replace(/0+$/, "");
  const sign = units < 0 && size > 0 ? "-" : "";
  return fraction ? `${sign}${whole}${DECIMAL_SIGN[locale]}${fraction}` : `${sign}${whole}`;
}

const DECIMAL_SIGN: Record<Locale, string> = { en: ".", pl: ",", lv: "," };

/**
 * The plural-selecting count for an amount of minutes, the number `hoursText` shows: an integer when
 * whole, two decimals for quarters (0.75, 1.25), else one decimal.
 */
export function hoursCount(minutes: number): number {
  return isQuarters(minutes) ? minutes / 60 : Math.round(minutes / 6) / 10;
}

/**
 * The local day (YYYY-MM-DD) an instant falls on in the timezone: "today" for `now`.
 * @example localDay(new Date("2026-11-28T23:30:00Z"), "Europe/Warsaw") // "2026-11-29"
 */
export function localDay(at: Date, timezone: string): string {
  // Every time zone's offset is a whole number of quarter hours, so a local day can only begin on a
  // quarter hour: within one, the day is the same. Most messages ask for "today" in the last one asked.
  const quarter = Math.floor(at.getTime() / QUARTER_MS);
  const last = lastDay.get(timezone);
  if (last && last.quarter === quarter) return last.day;
  const day = dayFormatter(timezone).format(at);
  if (lastDay.size >= 64) lastDay.clear();
  if (Number.isFinite(quarter)) lastDay.set(timezone, { quarter, day });
  return day;
}

const QUARTER_MS = 15 * 60_000;
const lastDay = new Map<string, { quarter: number; day: string }>();

/**
 * Does the runtime know `tz` as a time zone (an IANA name such as Europe/London)? Asked with the
 * formatter `localDay` keeps: a Worker isolate's first message builds one Intl formatter, not two.
 */
export function isTimeZone(tz: string): boolean {
  if (tz.length === 0) return false;
  try {
    dayFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

// en-CA writes dates as YYYY-MM-DD; every message asks for "today".
const dayFormatter = (timezone: string) =>
  kept(dayOf, timezone, "en-CA", { year: "numeric", month: "2-digit", day: "2-digit" });

/** An instant (ISO) as local clock time in the timezone, e.g. "09:05". */
export function clockTime(iso: string, timezone: string): string {
  // A booking's or event's time is written for most spending messages.
  const f = kept(clockOf, timezone, "en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return f.format(Date.parse(iso));
}

/** One formatter per time zone, built on first use and kept (bounded: the scheme's zone, a few in tests). */
function kept(
  formatters: Map<string, Intl.DateTimeFormat>,
  timezone: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: timezone });
    if (formatters.size >= 64) formatters.clear();
    formatters.set(timezone, f);
  }
  return f;
}

/** A local day (YYYY-MM-DD) as a short weekday and date; spaces are plain so SMS stays GSM where it can. */
export function dayText(day: string, locale: Locale): string {
  const [y, m, d] = day.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12));
  let f = dayFormat.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : locale, {
      weekday: "short",
      day: "numeric",
      month: "short",
      timeZone: "UTC",
    });
    dayFormat.set(locale, f);
  }
  // Latvian keeps its abbreviation dot ("sestd. 28. nov."): where a sentence's own full stop follows,
  // the translator drops one of the two (see createI18n).
  return f
    .format(date)
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/,/g, "");
}

/** A day as digits, the way each language writes it: "28/11" in en, "28.11" in pl and lv. */
export function shortDate(day: string, locale: Locale): string {
  const [, m, d] = day.split("-");
  return locale === "en" ? `${d}/${m}` : `${d}.${m}`;
}

/** A title in the reader's language, falling back to English, then to any language. */
export function titleIn(title: Partial<Record<Locale, string>>, locale: Locale): string {
  return title[locale] ?? title.en ?? Object.values(title).find(Boolean) ?? "";
}

export function activityText(partner: Partner | undefined, activity: string | null, locale: Locale): string {
  if (!activity) return "";
  const known: Activity | undefined = partner?.activities.find((a) => a.id === activity);
  return known ? titleIn(known.title, locale) : activity;
}

/** Names that end like Latvian masculine names but are not Latvian, so keep their nominative. */
const NOT_LATVIAN = new Set(
  (
    "agnes alexis angus boris chris claus curtis cyrus darius davis denis doris elvis francis gus hans idris " +
    "iris jens jesus julius klaus lars lewis linus lois louis luis magnus marcus markus mats mavis niels nils " +
    "otis paris remus rufus seamus titus travis"
  ).split(" "),
);

/** A word that reads as a Latvian masculine name in -s or -š (Jānis, Edgars, Mārtiņš, Ingus, Deniss). */
function looksLatvian(word: string): boolean {
  const w = word.toLowerCase();
  if (!/^[a-zāčēģīķļņšūž]{3,}$/.test(w) || !/[sš]$/.test(w) || NOT_LATVIAN.has(w)) return false;
  if (/[āčēģīķļņšūž]/.test(w)) return true;
  // Letters and spellings Latvian does not use, and endings of English or Lithuanian names (Thomas,
  // James, Charles, Dennis, Ross): q, w, x, y, th/ph/ch/sh/ck/gh, -as/-es/-os, a doubled consonant.
  if (/[qwxy]|th|ph|ch|sh|ck|gh|[aeo]s$/.test(w)) return false;
  const stem = w.endsWith("ss") ? w.slice(0, -1) : w;
  return stem.length >= 4 && !/([bcdfghjklmnprstvz])\1/.test(stem);
}

/**
 * A name as Latvian addresses its bearer: "Sveiki, Jāni!" The masculine endings -is, -us, -s and -š
 * lose their s (Jānis → Jāni, Ingus → Ingu, Edgars → Edgar, Mārtiņš → Mārtiņ); feminine names and
 * names that do not look Latvian are left as written. In a full name the surname follows the first
 * name ("Jāni Bērziņ"), and nothing changes unless the first name does ("Sharon Roberts").
 */
export function vocative(name: string): string {
  const words = name.split(/(\s+)/);
  if (!looksLatvian(words[0] ?? "")) return name;
  return words.map((w) => (looksLatvian(w) ? w.slice(0, -1) : w)).join("");
}
