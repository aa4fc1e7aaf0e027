// Phone numbers written inside a message ("LOG 3 07700900100 07700 900101 litter picking"):
// found before the read so the members they name can be read in the same batch.
import { toE164 } from "../lib/phone.ts";

export interface Mention {
  phone: string;
  /** Word positions the number used, [start, end). */
  start: number;
  end: number;
}

const NUMERIC = /^\+?[\d()-]+$/;

/** Numbers in a list of words; a number may be split over two or three words ("07700 900 100"). */
export function findPhones(words: string[]): Mention[] {
  const found: Mention[] = [];
  for (let i = 0; i < words.length; i++) {
    // A number starts with "+" or a national "0": a bare "3" before it is the hours, not a prefix.
    if (!NUMERIC.test(words[i] ?? "") || !/^(\+|0)/.test(words[i] ?? "")) continue;
    for (let n = 1; n <= 3 && i + n <= words.length; n++) {
      const part = words.slice(i, i + n);
      if (!part.every((w) => NUMERIC.test(w))) break;
      const digits = part.join("").replace(/[^\d+]/g, "");
      if (digits.replace("+", "").length < 10) continue;
      const phone = toE164(part.join(""));
      if (phone) {
        found.push({ phone, start: i, end: i + n });
        i += n - 1;
        break;
      }
    }
  }
  return found;
}

export function mentionedPhones(text: string): string[] {
  return [...new Set(findPhones(text.trim().split(/\s+/).slice(0, 60)).map((m) => m.phone))];
}
