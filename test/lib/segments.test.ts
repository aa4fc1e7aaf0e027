// SMS segment counting: encodings and the exact boundaries where one more character costs a segment.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countSegments, fitsSegments } from "../../src/lib/segments.ts";

const a = (n: number) => "a".repeat(n);
const ą = (n: number) => "ą".repeat(n);
const EMOJI = "😀"; // one code point, two UTF-16 units

describe("countSegments", () => {
  it.each<[string, string, "GSM-7" | "UCS-2", number, number]>([
    ["empty", "", "GSM-7", 0, 0],
    ["plain command", "SALDO", "GSM-7", 5, 1],
    ["160 GSM chars", a(160), "GSM-7", 160, 1],
    ["161 GSM chars", a(161), "GSM-7", 161, 2],
    ["306 GSM chars", a(306), "GSM-7", 306, 2],
    ["307 GSM chars", a(307), "GSM-7", 307, 3],
    ["459 GSM chars", a(459), "GSM-7", 459, 3],
    ["460 GSM chars", a(460), "GSM-7", 460, 4],
    ["€ costs two septets", "€", "GSM-7", 2, 1],
    ["158 + € = 160", `${a(158)}€`, "GSM-7", 160, 1],
    ["159 + € = 161", `${a(159)}€`, "GSM-7", 161, 2],
    ["80 × € = 160", "€".repeat(80), "GSM-7", 160, 1],
    // 152 + escape pair would straddle the 153 boundary: the pair moves to segment 2.
    ["152 + { + 152", `${a(152)}{${a(152)}`, "GSM-7", 306, 3],
    ["151 + { + 153", `${a(151)}{${a(153)}`, "GSM-7", 306, 2],
    ["all extension chars", "^{}\\[~]|€\f", "GSM-7", 20, 1],
    ["Greek and accented basics", "ΔΦΓΛΩΠΨΣΘΞ£$¥èéùìòÇØøÅåÆæßÉÄÖÑÜ§¿äöñüà_@¡¤", "GSM-7", 42, 1],
    ["LF and CR", "a\nb\rc", "GSM-7", 5, 1],
    ["70 UCS-2 chars", ą(70), "UCS-2", 70, 1],
    ["71 UCS-2 chars", ą(71), "UCS-2", 71, 2],
    ["134 UCS-2 chars", ą(134), "UCS-2", 134, 2],
    ["135 UCS-2 chars", ą(135), "UCS-2", 135, 3],
    ["201 UCS-2 chars", ą(201), "UCS-2", 201, 3],
    ["202 UCS-2 chars", ą(202), "UCS-2", 202, 4],
    ["one Polish letter makes it all UCS-2", `${a(69)}ł`, "UCS-2", 70, 1],
    ["emoji is two units", EMOJI, "UCS-2", 2, 1],
    ["68 + emoji = 70", `${ą(68)}${EMOJI}`, "UCS-2", 70, 1],
    ["69 + emoji = 71", `${ą(69)}${EMOJI}`, "UCS-2", 71, 2],
    // A surrogate pair at unit 67/68 moves to segment 2.
    ["66 + emoji + 66", `${ą(66)}${EMOJI}${ą(66)}`, "UCS-2", 134, 3],
    ["65 + emoji + 67", `${ą(65)}${EMOJI}${ą(67)}`, "UCS-2", 134, 2],
    ["€ alongside Polish is one unit", `${ą(69)}€`, "UCS-2", 70, 1],
  ])("%s", (_name, text, encoding, units, segments) => {
    expect(countSegments(text)).toEqual({ encoding, units, segments });
  });

  it.each([
    ..."ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",
    ..."āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ",
    "…",
    "\u00a0",
    "\u202f",
    "\u2068",
    "\u2069",
    "`",
    "ç",
    "’",
    "\t",
  ])("%j is outside GSM-7", (ch) => {
    expect(countSegments(`Hi ${ch}`).encoding).toBe("UCS-2");
  });

  it("knows 127 basic characters plus the escape", () => {
    const basic =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    expect([...basic]).toHaveLength(127);
    expect(countSegments(basic)).toEqual({ encoding: "GSM-7", units: 127, segments: 1 });
  });

  it("never packs more than a segment holds (property)", () => {
    const gsmChar = fc.constantFrom(..."aZ0 @£€{}[]^~|\\\n");
    const ucsChar = fc.constantFrom("ą", "ž", "😀", "a", "€", "👍🏽");
    fc.assert(
      fc.property(fc.array(fc.oneof(gsmChar, ucsChar), { maxLength: 600 }), (chars) => {
        const text = chars.join("");
        const { units, segments } = countSegments(text);
        const [single, split] = countSegments(text).encoding === "GSM-7" ? [160, 153] : [70, 67];
        if (units === 0) return segments === 0;
        if (units <= single) return segments === 1;
        // Lower bound from pure arithmetic; pieces of two units waste at most one unit a segment.
        return segments >= Math.ceil(units / split) && segments <= Math.ceil(units / (split - 1));
      }),
    );
  });
});

describe("fitsSegments", () => {
  it("defaults to two segments", () => {
    expect(fitsSegments(a(306))).toBe(true);
    expect(fitsSegments(a(307))).toBe(false);
    expect(fitsSegments(ą(134))).toBe(true);
    expect(fitsSegments(ą(135))).toBe(false);
  });

  it("takes a maximum", () => {
    expect(fitsSegments(a(160), 1)).toBe(true);
    expect(fitsSegments(a(161), 1)).toBe(false);
    expect(fitsSegments("", 0)).toBe(true);
  });
});
