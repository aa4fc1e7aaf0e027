// SMS segment counting (3GPP TS 23.038 GSM-7 default alphabet or UCS-2), so replies can be kept
// to a known number of billed segments.

/** GSM-7 default alphabet, one septet each (0x1B, the escape, is left out on purpose). */
const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
/** GSM-7 extension table: escape + character, two septets each. Form feed is a page break there. */
const GSM_EXTENDED = new Set("\f^{}\\[~]|€");

const GSM_SINGLE = 160;
const GSM_SPLIT = 153;
const UCS2_SINGLE = 70;
const UCS2_SPLIT = 67;

export type Encoding = "GSM-7" | "UCS-2";

export interface SegmentCount {
  encoding: Encoding;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  /** Number of SMS the text is sent as; 0 for the empty string. */
  segments: number;
}

/** Cost of each character in units, or null when the text cannot be sent as GSM-7. */
function gsmCosts(chars: string[]): number[] | null {
  const costs: number[] = [];
  for (const ch of chars) {
    if (GSM_BASIC.has(ch)) costs.push(1);
    else if (GSM_EXTENDED.has(ch)) costs.push(2);
    else return null;
  }
  return costs;
}

/**
 * Packs indivisible pieces (an escape pair, a surrogate pair) into segments of `perSegment`
 * units. A piece that would straddle a boundary moves whole to the next segment, so a split
 * message can hold fewer than `total / perSegment` would suggest.
 */
function pack(costs: number[], single: number, perSegment: number): { units: number; segments: number } {
  const units = costs.reduce((sum, c) => sum + c, 0);
  if (units === 0) return { units, segments: 0 };
  if (units <= single) return { units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perSegment) {
      segments++;
      used = 0;
    }
    used += cost;
  }
  return { units, segments };
}

/**
 * Counts the SMS segments a text is billed as. One character outside GSM-7 (Polish or
 * Latvian letters, "…", U+00A0, invisible Unicode marks, emoji) makes the whole text UCS-2.
 * @example countSegments("SALDO") // { encoding: "GSM-7", units: 5, segments: 1 }
 */
export function countSegments(text: string): SegmentCount {
  // Iterating a string yields code points, so a surrogate pair stays one piece of cost 2.
  const chars = [...text];
  const gsm = gsmCosts(chars);
  if (gsm) return { encoding: "GSM-7", ...pack(gsm, GSM_SINGLE, GSM_SPLIT) };
  const ucs2 = chars.map((ch) => ch.length);
  return { encoding: "UCS-2", ...pack(ucs2, UCS2_SINGLE, UCS2_SPLIT) };
}

/** True when the text goes out in at most `max` segments. */
export function fitsSegments(text: string, max = 2): boolean {
  return countSegments(text).segments <= max;
}
