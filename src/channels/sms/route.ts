// POST /sms: Twilio's Messaging webhook. Checks the signature against PUBLIC_URL + path, turns the
// form into an InboundMessage, and answers the sender with TwiML. Nothing is recorded on a bad request.
import { Hono } from "hono";
import type { Deps } from "../../deps.ts";
import { isAllowedCountry, toE164 } from "../../lib/phone.ts";
import { handleMessage } from "../../services/handle-message.ts";
import { renderMessages, SMS_SEGMENT_BUDGET } from "../render-text.ts";
import { verifyTwilioSignature } from "./signature.ts";
import { twiml } from "./twiml.ts";

/** Twilio never sends more than this; anything bigger is not Twilio. */
export const MAX_WEBHOOK_BYTES = 64 * 1024;

/** The URL Twilio called, as the outside world sees it (PUBLIC_URL may carry a path prefix). */
export function signedUrl(publicUrl: string, requestUrl: string): string {
  const request = new URL(requestUrl);
  const prefix = new URL(publicUrl).pathname.replace(/\/+$/, "");
  const path =
    prefix && request.pathname.startsWith(`${prefix}/`)
      ? request.pathname.slice(prefix.length)
      : request.pathname;
  return `${publicUrl}${path}${request.search}`;
}

export function smsRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.post("/", async (c) => {
    const twilio = deps.config.twilio;
    if ("missing" in twilio) return c.text(`SMS channel is off: ${twilio.missing} is not set`, 503);
    const raw = await c.req.text();
    if (raw.length > MAX_WEBHOOK_BYTES) return c.text("payload too large", 400);
    const form = new URLSearchParams(raw);
    const params: Record<string, string> = {};
    for (const [k, v] of form) params[k] = v;
    const url = signedUrl(deps.config.publicUrl, c.req.url);
    if (!(await verifyTwilioSignature(twilio.authToken, url, params, c.req.header("x-twilio-signature")))) {
      deps.log.info("sms.bad_signature");
      return c.text("invalid signature", 403);
    }
    const from = params.From ? toE164(params.From) : null;
    if (!params.MessageSid || !from || typeof params.Body !== "string") {
      return c.text("MessageSid, From and Body are required", 400);
    }
    // SMS pumping: a sender outside the scheme's countries is recorded and never answered, not even by TwiML.
    const handled = await handleMessage(
      deps,
      { channel: "sms", address: from, text: params.Body, externalId: params.MessageSid },
      { answers: (settings) => isAllowedCountry(from, settings.allowedCountryCodes) },
    );
    const letters = { plainLetters: handled.plain === true };
    const messages = handled.replies.flatMap((r) =>
      renderMessages(deps.i18n.t, handled.locale, r, SMS_SEGMENT_BUDGET, letters),
    );
    return c.body(twiml(messages), 200, { "content-type": "text/xml; charset=utf-8" });
  });
  return app;
}
