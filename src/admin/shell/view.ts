// What every dashboard page is rendered with: the coordinator's language, their CSRF token, and the
// formatting of amounts and times in the scheme's timezone.
import type { Context } from "hono";
import { hoursText } from "../../core/format.ts";
import type { Locale, Param } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { isLocale } from "../../i18n/index.ts";

/** Where the dashboard is mounted; links and redirects are absolute. */
export const BASE = "/admin";

/** The signed-in coordinator, as the auth middleware found them. */
export interface Coordinator {
  /** Written to the audit log: "coordinator:Kim#1a2b3c4d" (name, session ref), or "api" for a bearer token. */
  actor: string;
  /** The CSRF token forms must carry; empty for bearer requests, which need none. */
  csrf: string;
  via: "cookie" | "bearer";
  /** The login session of a cookie request (log-out revokes it). */
  sessionId?: string;
}

export type AdminEnv = { Variables: { coordinator: Coordinator; language: string } };
export type AdminContext = Context<AdminEnv>;

export interface View {
  locale: Locale;
  /** Translates a key of the admin namespace, or "ns:key" of another dashboard namespace. */
  t: (key: string, params?: Record<string, Param>) => string;
  csrf: string;
  /** The path of this page, for the menu and the language links. */
  path: string;
  timezone: string;
  now: Date;
}

export function viewOf(c: AdminContext, deps: Deps): View {
  const language = c.get("language");
  const locale: Locale = isLocale(language) ? language : "en";
  return {
    locale,
    t: (key, params) => deps.i18n.t(locale, key.includes(":") ? key : `admin:${key}`, params),
    csrf: c.get("coordinator")?.csrf ?? "",
    path: c.req.path,
    timezone: deps.config.timezone,
    now: deps.now(),
  };
}

/** Minutes as credits (= hours), e.g. 150 → "2.5" (en) or "2,5" (pl, lv), -30 → "-0.5". */
export function credits(minutes: number, view: View): string {
  // The sign is written here: hoursText turns "-0.5" into "0.5" while tidying away "-0".
  const amount = hoursText(Math.abs(minutes), view.locale);
  return minutes < 0 && amount !== "0" ? `-${amount}` : amount;
}

/** Signed minutes with an explicit "+" for gains, as a history column reads. */
export function signedCredits(minutes: number, view: View): string {
  return minutes > 0 ? `+${credits(minutes, view)}` : credits(minutes, view);
}

const intlLocale = (locale: Locale) => (locale === "en" ? "en-GB" : locale);

/** An instant as local date and time in the scheme's timezone. */
export function dateTime(iso: string | null, view: View): string {
  if (!iso) return "";
  return new Intl.DateTimeFormat(intlLocale(view.locale), {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: view.timezone,
  }).format(new Date(iso));
}

/** A local day (YYYY-MM-DD) as a date. */
export function dateOnly(day: string | null, view: View): string {
  if (!day) return "";
  const [y, m, d] = day.split("-").map(Number);
  return new Intl.DateTimeFormat(intlLocale(view.locale), { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12)),
  );
}

/** A whole number the way the coordinator's language groups digits. */
export function count(n: number, view: View): string {
  return new Intl.NumberFormat(intlLocale(view.locale)).format(n);
}

/** A link inside the dashboard. */
export function href(path: string, query: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") params.set(k, String(v));
  const q = params.toString();
  return `${BASE}${path}${q ? `?${q}` : ""}`;
}
