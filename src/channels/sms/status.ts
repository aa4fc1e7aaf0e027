// What Twilio's delivery status callback means for a message we sent. Pure. WhatsApp's errors arrive
// here, after the REST call answered 201 `queued`; each has a defined outcome, and nothing is lost:
// - 63016 (outside the 24-hour window): send again with a template, or by SMS when there is none;
// - 63003, 63024 (the number is not on WhatsApp): WhatsApp is dead for them; send by SMS;
// - 63018 (rate limit): send again later;
// - any other WhatsApp failure: send by SMS;
// - an SMS the carrier did not deliver: recorded as failed (21610: the number replied STOP to Twilio).
import type { Channel } from "../../core/types.ts";

export type StatusOutcome =
  /** Delivered, or on its way: only recorded. */
  | { kind: "record" }
  | { kind: "template" }
  | { kind: "sms"; why: string; dead: boolean }
  | { kind: "retry" }
  | { kind: "failed"; stopped: boolean };

const FAILED = new Set(["failed", "undelivered"]);

/** How far along a status is: a late "sent" never overwrites "delivered". */
export const STATUS_RANK: Readonly<Record<string, number>> = {
  accepted: 0,
  scheduled: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  failed: 4,
  undelivered: 4,
  delivered: 5,
  read: 6,
};

export function statusOutcome(channel: Channel, status: string, errorCode: number | null): StatusOutcome {
  if (!FAILED.has(status)) return { kind: "record" };
  if (channel === "whatsapp") {
    if (errorCode === 63016) return { kind: "template" };
    if (errorCode === 63003 || errorCode === 63024)
      return { kind: "sms", why: `not a WhatsApp number (${errorCode})`, dead: true };
    if (errorCode === 63018) return { kind: "retry" };
    return { kind: "sms", why: `WhatsApp ${status}${errorCode ? ` (${errorCode})` : ""}`, dead: false };
  }
  return { kind: "failed", stopped: errorCode === 21610 };
}
