// `timecredits set-webhook`: registers the Telegram webhook with its secret and prints the URL to
// paste into Twilio's console for incoming messages.
import type { Config } from "../config.ts";

export const TELEGRAM_UPDATES = ["message", "callback_query"];

export async function setWebhook(config: Config, fetchFn: typeof fetch): Promise<number> {
  console.log(`Twilio: set "A message comes in" to  POST ${config.publicUrl}/sms`);
  if ("missing" in config.twilio)
    console.log(`  (the SMS channel is off until ${config.twilio.missing} is set)`);
  const telegram = config.telegram;
  if ("missing" in telegram) {
    console.log(`Telegram: skipped, ${telegram.missing} is not set.`);
    return 0;
  }
  const url = `${config.publicUrl}/telegram`;
  const res = await fetchFn(`${telegram.apiRoot}/bot${telegram.token}/setWebhook`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      url,
      secret_token: telegram.secret,
      allowed_updates: TELEGRAM_UPDATES,
      drop_pending_updates: false,
    }),
  });
  const body = (await res.json().catch(() => ({}))) as { ok?: boolean; description?: string };
  if (!res.ok || !body.ok) {
    console.error(`Telegram: setWebhook failed (${res.status}): ${body.description ?? "no description"}`);
    return 1;
  }
  console.log(`Telegram: webhook set to ${url} (updates: ${TELEGRAM_UPDATES.join(", ")}, secret token set).`);
  return 0;
}
