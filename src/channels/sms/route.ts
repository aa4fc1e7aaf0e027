// POST /sms: Twilio's Messaging webhook, for SMS and WhatsApp alike (WhatsApp addresses carry a
// `whatsapp:` prefix). Checks the signature against PUBLIC_URL + path, turns the form into an
// InboundMessage, and answers the sender with TwiML. POST /sms/status takes Twilio's delivery status
// callbacks for the messages we sent. Nothing is recorded on a bad request.
import { type Context, Hono } from "hono";
import type { Channel, InboundMessage } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { applyDeliveryStatus } from "../../jobs/delivery-status.ts";
import { isAllowedCountry, toE164 } from "../../lib/phone.ts";
import { handleMessage } from "../../services/handle-message.ts";
import { callbackText } from "../buttons.ts";
import { renderFor } from "../render.ts";
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

/** A Twilio address: `+447…` on SMS, `whatsapp:+447…` on WhatsApp. */
export function twilioAddress(raw: string | undefined): { channel: Channel; address: string } | null {
  if (!raw) return null;
  const whatsapp = raw.startsWith("whatsapp:");
  const address = toE164(whatsapp ? raw.slice("whatsapp:".length) : raw);
  return address ? { channel: whatsapp ? "whatsapp" : "sms", address } : null;
}

/**
 * The form of one inbound message as ours, or what is wrong with it. A photo or a voice note with no
 * text is `media`; a pressed quick-reply button sends its payload (`c:482:y` is YES 482).
 */
export function inboundOf(params: Record<string, string>): InboundMessage | { error: string } {
  const from = twilioAddress(params.From);
  if (!params.MessageSid) return { error: "MessageSid is required" };
  if (!from) return { error: "From must be a phone number, or whatsapp: and a phone number" };
  const media = Number(params.NumMedia ?? "0") > 0;
  const body = typeof params.Body === "string" ? params.Body : "";
  if (typeof params.Body !== "string" && !media) return { error: "Body is required" };
  const pressed = params.ButtonPayload ? callbackText(params.ButtonPayload) : "";
  const profile = from.channel === "whatsapp" ? params.ProfileName?.trim().slice(0, 60) : undefined;
  return {
    ...from,
    text: pressed || body,
    externalId: params.MessageSid,
    ...(media && !body.trim() && !pressed ? { media: true } : {}),
    ...(profile ? { profileName: profile } : {}),
  };
}

export function smsRoutes(deps: Deps): Hono {
  const app = new Hono();
  /** The signed form, or the answer to give when it is not one. */
  const signedForm = async (c: Context): Promise<Record<string, string> | Response> => {
    const twilio = deps.config.twilio;
    if ("missing" in twilio) return c.text(`SMS channel is off: ${twilio.missing} is not set`, 503);
    const raw = await c.req.text();
    if (raw.length > MAX_WEBHOOK_BYTES) return c.text("payload too large", 400);
    const params: Record<string, string> = {};
    for (const [k, v] of new URLSearchParams(raw)) params[k] = v;
    const url = signedUrl(deps.config.publicUrl, c.req.url);
    if (!(await verifyTwilioSignature(twilio.authToken, url, params, c.req.header("x-twilio-signature")))) {
      deps.log.info("sms.bad_signature");
      return c.text("invalid signature", 403);
    }
    return params;
  };

  app.post("/", async (c) => {
    const params = await signedForm(c);
    if (params instanceof Response) return params;
    const msg = inboundOf(params);
    if ("error" in msg) return c.text(msg.error, 400);
    // SMS pumping: a sender outside the scheme's countries is recorded and never answered, not even by TwiML.
    const handled = await handleMessage(deps, msg, {
      answers: (settings) => isAllowedCountry(msg.address, settings.allowedCountryCodes),
    });
    const letters = { plainLetters: handled.plain === true };
    const messages = handled.replies.flatMap((r) =>
      renderFor(deps.i18n.t, msg.channel, handled.locale, r, letters).map((m) => m.body),
    );
    return c.body(twiml(messages), 200, { "content-type": "text/xml; charset=utf-8" });
  });

  app.post("/status", async (c) => {
    const params = await signedForm(c);
    if (params instanceof Response) return params;
    const sid = params.MessageSid ?? params.SmsSid;
    const status = params.MessageStatus ?? params.SmsStatus;
    if (!sid || !status) return c.text("MessageSid and MessageStatus are required", 400);
    const code = Number(params.ErrorCode);
    await applyDeliveryStatus(deps, {
      sid,
      status,
      errorCode: Number.isInteger(code) && code > 0 ? code : null,
    });
    return c.body(null, 204);
  });
  return app;
}
