// The scheme's settings: the scheme file's free-form `settings` read into numbers and lists, each
// with a safe default when it is missing or out of range. The one place a setting is bounded; the
// bot, the jobs and the dashboard all read them through here.

import * as z from "zod/mini";
import { DEFAULT_SETTINGS, type SchemeSettings, type WhatsAppTemplates } from "../core/engine-types.ts";
import type { Locale } from "../core/types.ts";
import { whatsappTemplatesSchema } from "../scheme/schema.ts";
import { rowToScheme } from "../scheme/store.ts";

type NumericSetting = {
  [K in keyof SchemeSettings]: SchemeSettings[K] extends number ? K : never;
}[keyof SchemeSettings];

/** The longest rate-limit window a scheme may set (a day). */
export const MAX_WINDOW_MS = 24 * 60 * 60_000;
/** The most messages a scheme may allow in its window (bounds the rows the read returns). */
export const MAX_RATE = 100_000;

/** Scheme settings from the scheme file's `settings`, with defaults for what is missing or malformed. */
export function readSettings(raw: Record<string, unknown>): SchemeSettings {
  const pick = (key: NumericSetting, min: number, max: number) => {
    const value = Number(raw[key]);
    return Number.isFinite(value) && value >= min && value <= max ? value : DEFAULT_SETTINGS[key];
  };
  const codes = raw.allowedCountryCodes;
  return {
    reminderHours: pick("reminderHours", 1, 24 * 30),
    expiryDays: pick("expiryDays", 1, 365),
    roundingMinutes: pick("roundingMinutes", 1, 60),
    giftWeeklyCredits: pick("giftWeeklyCredits", 0, 1000),
    giftClaimDays: pick("giftClaimDays", 1, 365),
    retentionDays: pick("retentionDays", 1, 3650),
    rateLimitMessages: pick("rateLimitMessages", 1, MAX_RATE),
    rateLimitMinutes: pick("rateLimitMinutes", 1, MAX_WINDOW_MS / 60_000),
    allowedCountryCodes:
      Array.isArray(codes) && codes.length && codes.every((c) => typeof c === "string" && /^\d{1,4}$/.test(c))
        ? (codes as string[])
        : DEFAULT_SETTINGS.allowedCountryCodes,
    invitesPerDay: pick("invitesPerDay", 0, 100_000),
    smsSegmentPence: pick("smsSegmentPence", 0, 1000),
    maxOpenRequests: pick("maxOpenRequests", 1, 100),
    newcomerOpenRequests: pick("newcomerOpenRequests", 1, 100),
    contactNotifyMinutes: pick("contactNotifyMinutes", 0, 24 * 60),
    whatsappConversationPence: pick("whatsappConversationPence", 0, 1000),
    whatsappTemplates: readTemplates(raw.whatsappTemplates),
    // Only an explicit false turns approval off: a typo keeps members safe.
    postsNeedApproval: raw.postsNeedApproval !== false,
    postDays: pick("postDays", 1, 365),
    postWeeklyCredits: pick("postWeeklyCredits", 0, 168),
  };
}

/**
 * The WhatsApp template map (validated on import by the scheme file's own schema), with a bare SID
 * read as `{ sid, variables: ["body"] }`. A map that does not parse is not used.
 */
export function readTemplates(raw: unknown): WhatsAppTemplates {
  const parsed = z.safeParse(whatsappTemplatesSchema(), raw ?? {});
  if (!parsed.success) return {};
  const out: WhatsAppTemplates = {};
  for (const [key, byLocale] of Object.entries(parsed.data)) {
    for (const [locale, entry] of Object.entries(byLocale) as Array<[Locale, (typeof byLocale)[Locale]]>) {
      if (!entry) continue;
      out[key] = {
        ...out[key],
        [locale]:
          typeof entry === "string"
            ? { sid: entry, variables: ["body"] }
            : { sid: entry.sid, variables: entry.variables ?? ["body"] },
      };
    }
  }
  return out;
}
/** The settings of a `schemeQuery` row, or the defaults before any scheme is imported. */
export function settingsOfRow(row: Record<string, unknown> | undefined): SchemeSettings {
  return readSettings(row ? rowToScheme(row).settings : {});
}
