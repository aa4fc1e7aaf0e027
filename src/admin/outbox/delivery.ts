// What Twilio's status callback said about a message, as the dashboard shows it: "delivered",
// "not delivered (30003)". Twilio's own word is shown for a status this file does not know.
import type { View } from "../shell/view.ts";

/** Twilio MessageStatus values with a translation (admin.json outbox.deliveryStatus). */
const KNOWN = new Set([
  "accepted",
  "scheduled",
  "queued",
  "sending",
  "sent",
  "delivered",
  "read",
  "undelivered",
  "failed",
  "canceled",
]);

/** The delivery report as text, or "" when none came. */
export function deliveryText(view: View, delivery: string | null, error: number | null): string {
  if (!delivery) return "";
  const status = KNOWN.has(delivery) ? view.t(`outbox.deliveryStatus.${delivery}`) : delivery;
  return error ? `${status} (${error})` : status;
}
