// Phone numbers in, E.164 out. Numbers may be written in national UK form ("07700 900100").
import { parsePhoneNumberFromString } from "libphonenumber-js/min";

/**
 * Returns the E.164 form of a phone number, or null when it is not a plausible number.
 * @example toE164("07700 900100") // "+447700900100"
 */
export function toE164(input: string, defaultCountry: "GB" | "PL" | "LV" = "GB"): string | null {
  const cleaned = input.trim();
  if (!/^[+0-9()\s.-]{6,24}$/.test(cleaned)) return null;
  // Telegram sends numbers without the leading "+".
  const withPlus =
    /^[1-9]\d{9,14}$/.test(cleaned) && !cleaned.startsWith("0") && cleaned.length > 11
      ? `+${cleaned}`
      : cleaned;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry);
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}

/** A number shown to people: the last four digits only, so logs and partner messages leak little. */
export function maskPhone(e164: string): string {
  return `…${e164.slice(-4)}`;
}
