// How numbers and days read in each language: credits and hours with at most one decimal
// ("2.5" / "2,5"), days as "Sat 28 Nov" / "sob. 28 lis" / "sestd., 28. nov.".
import type { Activity, Locale, Partner } from "./types.ts";

// Building an Intl formatter costs far more than using one: one per locale, made on first use.
const number = new Map<Locale, Intl.NumberFormat>();
const dayFormat = new Map<Locale, Intl.DateTimeFormat>();

/** Minutes as a decimal amount of hours (= credits), e.g. 150 → "2.5" in en, "2,5" in pl. */
export function hoursText(minutes: number, locale: Locale): string {
  let f = number.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false });
    number.set(locale, f);
  }
  const text = f.format(Math.round(minutes / 6) / 10);
  // -0.04 rounds to "-0"; every other negative amount keeps its sign.
  return text === "-0" ? "0" : text;
}

/** The plural-selecting count for an amount of minutes: an integer when whole, else one decimal. */
export function hoursCount(minutes: number): number {
  return Math.round(minutes / 6) / 10;
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
  const text = f.format(date);
  // A trailing abbreviation dot ("27. nov.") would double up with the sentence's own full stop.
  return text
    .replace(/[\u00a0\u202f]/g, " ")
    .replace(/,/g, "")
    .replace(/\.$/, "");
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
