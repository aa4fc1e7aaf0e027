// TwiML output: well-formed, escaped, and read back by an XML parser as exactly the messages given.
import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { cleanBody, twiml } from "../../../src/channels/sms/twiml.ts";

const parser = new XMLParser({
  ignoreAttributes: false,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  isArray: (name) => name === "Message",
});

/** The bodies of the `<Message>` elements, and every element name seen, as a parser reads them. */
function readBack(xml: string): { messages: string[]; response: Record<string, unknown> } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = parser.parse(xml) as { Response: Record<string, unknown> | "" };
  expect(Object.keys(doc)).toEqual(["Response"]);
  const response = doc.Response === "" ? {} : doc.Response;
  const messages = (response.Message ?? []) as unknown[];
  for (const m of messages) expect(typeof m).toBe("string");
  return { messages: messages as string[], response };
}

const TRICKY = [
  "SALDO: 3 kredyty",
  "Zażółć gęślą jaźń — ŁÓDŹ",
  "Ģimenes bingo: ā č ē ģ ī ķ ļ ņ š ū ž",
  "👍🏽 👨‍👩‍👧 🎉",
  "line one\nline two\n\nline four",
  "Tom & Jerry <b>bold</b> \"quoted\" 'single' a<b>c",
  "</Message><Redirect>https://evil.example</Redirect><Message>",
  "<![CDATA[ x ]]> ]]> <!-- comment --> <?pi x?>",
  "&amp; &lt; &#x41; &unknown;",
  "  leading and trailing spaces  ",
  "1. LOG\n2. SALDO\n3. POMOC",
  "€ £ $ ¥ ^ { } [ ] ~ | \\",
];

describe("twiml", () => {
  it("starts with the XML declaration and wraps messages in <Response>", () => {
    const xml = twiml(["Hi"]);
    expect(xml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hi</Message></Response>');
  });

  it("answers an empty <Response> for no messages", () => {
    const xml = twiml([]);
    expect(xml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><Response(\/>|><\/Response>)$/);
    expect(readBack(xml).messages).toEqual([]);
  });

  it("round-trips tricky bodies one by one and together", () => {
    for (const body of TRICKY) expect(readBack(twiml([body])).messages).toEqual([body]);
    expect(readBack(twiml(TRICKY)).messages).toEqual(TRICKY);
  });

  it("cannot be made to emit another element", () => {
    const xml = twiml(["</Message><Redirect>https://evil.example</Redirect><Message>"]);
    expect(xml).not.toContain("<Redirect>");
    expect(Object.keys(readBack(xml).response)).toEqual(["Message"]);
  });

  it("escapes the five XML special characters", () => {
    const xml = twiml([`& < > " '`]);
    expect(xml).toContain("<Message>&amp; &lt; &gt; &quot; &apos;</Message>");
  });

  it("strips characters XML 1.0 forbids and folds CR into LF", () => {
    const body = "a\u0000b\u0001\u0008c\u000bd\u000ce\u001ff\uFFFEg\uFFFFh\uD800i\uDFFFj\r\nk\rl\tm";
    expect(cleanBody(body)).toBe("abcdefghij\nk\nl\tm");
    expect(readBack(twiml([body])).messages).toEqual(["abcdefghij\nk\nl\tm"]);
  });

  it("keeps valid surrogate pairs and characters near the forbidden ranges", () => {
    const body = "\uD7FF \uE000 \uFFFD 😀 \u{10FFFF}";
    expect(cleanBody(body)).toBe(body);
  });

  it("leaves out messages that are empty after cleaning", () => {
    expect(readBack(twiml(["", "\u0000", "ok"])).messages).toEqual(["ok"]);
    expect(readBack(twiml(["", "\u0001"])).messages).toEqual([]);
  });

  it("round-trips any text once cleaned (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 80 }), { maxLength: 4 }), (bodies) => {
        const expected = bodies.map(cleanBody).filter((b) => b.length > 0);
        expect(readBack(twiml(bodies)).messages).toEqual(expected);
      }),
    );
  });
});
