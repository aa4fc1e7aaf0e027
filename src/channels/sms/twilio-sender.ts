// Sends an SMS or a WhatsApp message through Twilio's REST API with plain fetch (the twilio package's
// client is Node-only), and sorts failures into "try again later" and "give up".

export interface TwilioSettings {
  /** Base of the REST API, `https://api.twilio.com` in production, a local fake in tests. */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** A sending number, or a Messaging Service SID (`MG…`). */
  from: string;
  /** Named as every message's StatusCallback, so delivery failures reported later reach us. */
  statusCallback?: string;
}

/** One message: a text, or (WhatsApp outside the 24-hour window) an approved template and its variables. */
export interface TwilioMessage {
  to: string;
  /** Overrides the settings' sender (WhatsApp: `whatsapp:+E164`). */
  from?: string;
  body: string;
  contentSid?: string;
  contentVariables?: Record<string, string>;
}

/**
 * Outcome of one send. `permanent` failures will fail again the same way and should not be
 * retried; `optedOut` means the recipient replied STOP to Twilio (error 21610).
 * `error` is safe to log: the auth token, the recipient's number (any run of 7+ digits) and the
 * body are cut out of it (a body under 4 characters is too short to search for).
 */
export type SendResult =
  | { ok: true; providerId: string }
  | { ok: false; permanent: boolean; optedOut: boolean; error: string };

const TIMEOUT_MS = 10_000;
const OPTED_OUT = 21610;

function basicAuth(user: string, password: string): string {
  // btoa only takes Latin-1; go through UTF-8 so an odd character cannot throw.
  let binary = "";
  for (const b of new TextEncoder().encode(`${user}:${password}`)) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/**
 * Removes what must not reach logs. Twilio's messages can quote the number
 * ("The 'To' number +44… is not a valid phone number"), so digit runs go too.
 */
function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
  }
  return out.replace(/\+?\d[\d ().-]{5,}\d/g, "[number]").slice(0, 300);
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const data: unknown = await response.json();
    return data !== null && typeof data === "object" ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Sends `body` to `to` (E.164). Never throws: network errors and timeouts (10 s) come back as
 * retryable failures, as do 429 and 5xx; any other 4xx is permanent.
 */
export function sendSms(
  settings: TwilioSettings,
  to: string,
  body: string,
  fetchFn: typeof fetch = fetch,
): Promise<SendResult> {
  return sendTwilio(settings, { to, body }, fetchFn);
}

/** Sends one message (SMS or WhatsApp) through the REST API; failures are sorted as in `sendSms`. */
export async function sendTwilio(
  settings: TwilioSettings,
  m: TwilioMessage,
  fetchFn: typeof fetch = fetch,
): Promise<SendResult> {
  const number = m.to.replace(/^whatsapp:/, "");
  const secrets = [settings.authToken, number, number.replace(/^\+/, ""), m.body];
  const url = `${settings.apiUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const form = new URLSearchParams({ To: m.to });
  if (m.contentSid) {
    form.set("ContentSid", m.contentSid);
    form.set("ContentVariables", JSON.stringify(m.contentVariables ?? {}));
  } else form.set("Body", m.body);
  const from = m.from ?? settings.from;
  if (from.startsWith("MG")) form.set("MessagingServiceSid", from);
  else form.set("From", from);
  if (settings.statusCallback) form.set("StatusCallback", settings.statusCallback);

  let response: Response;
  try {
    response = await fetchFn(url, {
      method: "POST",
      headers: {
        authorization: basicAuth(settings.accountSid, settings.authToken),
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
      },
      body: form.toString(),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    const code = (e.cause as { code?: unknown } | undefined)?.code;
    const detail = `${e.name}: ${e.message}${typeof code === "string" ? ` (${code})` : ""}`;
    return {
      ok: false,
      permanent: false,
      optedOut: false,
      error: redact(`Twilio unreachable: ${detail}`, secrets),
    };
  }

  const data = await readJson(response);
  if (response.ok) {
    // A 2xx means Twilio took the message; retrying for want of a sid would send it twice.
    return { ok: true, providerId: typeof data.sid === "string" ? data.sid : "" };
  }
  const code = typeof data.code === "number" ? data.code : undefined;
  const message = typeof data.message === "string" ? data.message : response.statusText;
  const error = redact(`Twilio HTTP ${response.status}${code ? ` error ${code}` : ""}: ${message}`, secrets);
  if (code === OPTED_OUT) return { ok: false, permanent: true, optedOut: true, error };
  const retryable = response.status === 429 || response.status >= 500;
  return { ok: false, permanent: !retryable, optedOut: false, error };
}
