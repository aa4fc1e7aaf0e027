// TwiML answer to Twilio's messaging webhook: the replies sent back to whoever texted us.
import { XMLBuilder } from "fast-xml-parser";

const builder = new XMLBuilder({
  // Attributes are only used for the XML declaration; message text is always a string, so it
  // is escaped as text and cannot become an attribute or an element.
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: true,
  processEntities: true,
});

/**
 * Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF); escaping cannot save them, and Twilio rejects a document that holds one.
 */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Makes a message body safe to put in XML; CR is folded into LF because XML parsers do so anyway. */
export function cleanBody(text: string): string {
  return text.replace(ILLEGAL_XML, "").replace(/\r\n?/g, "\n");
}

/**
 * Builds the TwiML document answering an inbound SMS, one `<Message>` per reply.
 * Messages that are empty after cleaning are left out (Twilio rejects an empty body);
 * no messages gives `<Response/>`, which tells Twilio to send nothing.
 */
export function twiml(messages: string[]): string {
  const bodies = messages.map(cleanBody).filter((body) => body.length > 0);
  return builder.build({
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    Response: bodies.length > 0 ? { Message: bodies } : "",
  });
}
