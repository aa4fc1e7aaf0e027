// Phone numbers in, E.164 out. Numbers may be written in national UK form ("07700 900100").
import { parsePhoneNumberFromString } from "libphonenumber-js/min";

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
  const cleaned = input.trim();
  if (!/^[+0-9()\s.-]{6,24}$/.test(cleaned)) return null;
  const withPlus = bareInternational && /^[1-9]\d{9,14}$/.test(cleaned) ? `+${cleaned}` : cleaned;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry);
  if (!parsed?.isPossible()) return null;
  return parsed.number;
}
