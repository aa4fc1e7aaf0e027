// Plain letters: text without diacritics (ł → l, ā → a, ż → z …), so an SMS stays in GSM-7 with 160
// characters a segment instead of UCS-2 with 70. Unicode decomposition removes the marks; the few
// letters that do not decompose (ł, đ, ø, ß …) are mapped by hand.
const UNDECOMPOSED: Record<string, string> = {
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ø: "o",
  Ø: "O",
  ß: "ss",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
};

export function plainLetters(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/[łŁđĐøØßæÆœŒ]/g, (ch) => UNDECOMPOSED[ch] ?? ch)
    .normalize("NFC");
}
