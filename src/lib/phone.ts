// Phone numbers in, E.164 out. Numbers may be written in national UK form ("07700 900100").
//
// libphonenumber-js runs on a cut-down copy of its metadata (src/lib/phone-metadata.json, written by
// scripts/phone-metadata.mjs): the numbering plans of +44, +48 and +371 only, with their number
// types, because the whole metadata is 19 KiB of the Worker bundle's gzipped budget. Numbers of
// those countries are checked in full, national forms included. An international number of any other
// country is read by its calling code and the lengths its country uses, so it still comes out in
// E.164 and the scheme's allowed countries can refuse it by name, or accept it when the scheme allows it.
import { type MetadataJson, type NumberType, parsePhoneNumberFromString } from "libphonenumber-js/core";
import metadata from "./phone-metadata.json" with { type: "json" };

const PLANS = metadata as unknown as MetadataJson;
/**
 * For the calling codes whose plan is not carried: "lengths|national prefix", e.g. "1": "10|1" (the
 * possible lengths of a national number, and the prefix people may write after the calling code).
 */
const OTHER_LENGTHS: Record<string, string> = metadata.otherLengths;

/** The calling code of an international number's digits among those whose plan is not carried. */
function otherCode(digits: string): string | undefined {
  // No calling code is the prefix of another.
  return [1, 2, 3].map((n) => digits.slice(0, n)).find((c) => c in OTHER_LENGTHS);
}

/**
 * An international number ("+" or 00) of a country whose plan is not carried: its calling code must
 * exist and its national number have a length that country uses (libphonenumber's isPossible()).
 */
function otherCountry(text: string): string | null {
  // 00 is the international prefix in the UK, Poland and Latvia alike.
  if (!/^(\+|00)/.test(text)) return null;
  const digits = text.replace(/\D/g, "").replace(/^00/, "");
  const code = otherCode(digits);
  if (!code) return null;
  const [lengths = "", prefix = ""] = (OTHER_LENGTHS[code] ?? "").split("|");
  const possible = (national: string) => lengths.split(" ").includes(String(national.length));
  const national = digits.slice(code.length);
  // "+43 (0)1 …": the national prefix written after the calling code is dropped, as libphonenumber does.
  const stripped = prefix && national.startsWith(prefix) ? national.slice(prefix.length) : "";
  if (stripped && possible(stripped)) return `+${code}${stripped}`;
  return possible(national) ? `+${code}${national}` : null;
}

/**
 * Returns the E.164 form of a phone number, or null when it is not a plausible number.
 * `bareInternational` accepts international digits without "+", as Telegram shares contacts.
 * @example toE164("07700 900100") // "+447700900100"
 */
export function toE164(
  input: string,
  options: { defaultCountry?: "GB" | "PL" | "LV"; bareInternational?: boolean } = {},
): string | null {
  const { defaultCountry = "GB", bareInternational = false } = options;
  return remember(e164s, `${defaultCountry}${bareInternational ? "+" : "-"}${input}`, () =>
    parseE164(input, defaultCountry, bareInternational),
  );
}

// Parsing a number costs more than the rest of a message's understanding; every message parses its
// sender's again, so answers are kept (a few thousand strings at most).
const e164s = new Map<string, string | null>();
const codes = new Map<string, string | null>();
const kinds = new Map<string, RefusedKind | null>();

function remember<T>(memo: Map<string, T>, key: string, make: () => T): T {
  const known = memo.get(key);
  if (known !== undefined || memo.has(key)) return known as T;
  if (memo.size >= 5000) memo.clear();
  const value = make();
  memo.set(key, value);
  return value;
}

function parseE164(
  input: string,
  defaultCountry: "GB" | "PL" | "LV",
  bareInternational: boolean,
): string | null {
  const cleaned = input.trim();
  if (!/^[+0-9()\s.-]{6,24}$/.test(cleaned)) return null;
  const withPlus = bareInternational && /^[1-9]\d{9,14}$/.test(cleaned) ? `+${cleaned}` : cleaned;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry, PLANS);
  if (parsed) return parsed.isPossible() ? parsed.number : null;
  return otherCountry(withPlus);
}

/**
 * The country calling code of an E.164 number, by libphonenumber for the carried plans and by the
 * list of calling codes for the rest; null when it has none.
 * @example callingCode("+447700900100") // "44"; callingCode("+882351234567") // "882"
 */
export function callingCode(e164: string): string | null {
  if (!/^\+\d{4,15}$/.test(e164)) return null;
  return remember(codes, e164, () => {
    const parsed = parsePhoneNumberFromString(e164, PLANS);
    return parsed ? String(parsed.countryCallingCode) : (otherCode(e164.slice(1)) ?? null);
  });
}

/**
 * Whether the scheme texts this number at all (SMS-pumping protection): its country calling code is
 * one of `allowed` (no "+"). Inbound SMS from other countries get no answer, and nothing is sent to them.
 * @example isAllowedCountry("+2348031234567", ["44", "48", "371"]) // false
 */
export function isAllowedCountry(e164: string, allowed: readonly string[]): boolean {
  const code = callingCode(e164);
  return code !== null && allowed.includes(code);
}

/** Kinds of number the bot never texts: each costs the scheme (or pays someone) and is nobody's mobile. */
export type RefusedKind = "premium" | "sharedCost" | "personal" | "uan" | "pager" | "voip" | "voicemail";

const REFUSED: Partial<Record<NumberType & string, RefusedKind>> = {
  PREMIUM_RATE: "premium",
  SHARED_COST: "sharedCost",
  PERSONAL_NUMBER: "personal",
  UAN: "uan",
  PAGER: "pager",
  VOIP: "voip",
  VOICEMAIL: "voicemail",
};

/**
 * Why the bot will not text this number, by its libphonenumber type (+44 909…, +44 70…, +48 700…),
 * or null when it may. Mobiles pass, and so do numbers whose type is unknown: fictional ranges
 * (+44 7700 900…) and countries whose plan is not carried, which the allowed countries decide.
 * @example refusedKind("+449098790000") // "premium"; refusedKind("+447400123456") // null
 */
export function refusedKind(e164: string): RefusedKind | null {
  return remember(kinds, e164, () => {
    const type = parsePhoneNumberFromString(e164, PLANS)?.getType();
    return (type && REFUSED[type]) ?? null;
  });
}
