// How a message for someone on WhatsApp goes out. Pure: WhatsApp lets a business write freely only
// within 24 hours of the person's last message to it (the customer-service window); outside it, only
// an approved template (Twilio's Content API) may be sent. Without a template for that message and
// language, or without a WhatsApp sender, the message goes by SMS to the same number, and says why.
import type { WhatsAppTemplates } from "../../core/engine-types.ts";
import type { Locale, Param } from "../../core/types.ts";

export const WINDOW_MS = 24 * 60 * 60 * 1000;

/** The message a WhatsApp outbox row carries, for its template: its key, language and parameters. */
export interface TemplateRef {
  key: string;
  locale: Locale;
  params: Record<string, Param>;
}

/** A broadcast or a resent message carries no key of its own: its template is this one. */
export const FREE_TEXT_KEY = "broadcast";

export interface WhatsAppFacts {
  /** TWILIO_WHATSAPP_FROM, when set. */
  sender: string | undefined;
  /** When the person last wrote to us on WhatsApp, or null. */
  lastInboundAt: string | null;
  /** Twilio answered a freeform attempt with 63016: the window is closed whatever our clock says. */
  windowClosed: boolean;
  template: TemplateRef | undefined;
  /** The language to pick a template in when the row names none (the person's). */
  locale: Locale;
  templates: WhatsAppTemplates;
  now: Date;
}

export type WhatsAppRoute =
  | { via: "whatsapp"; from: string }
  | { via: "whatsapp"; from: string; contentSid: string; variables: Record<string, string> }
  | { via: "sms"; why: string };

export function windowOpen(lastInboundAt: string | null, now: Date): boolean {
  if (!lastInboundAt) return false;
  const age = now.getTime() - Date.parse(lastInboundAt);
  return age >= 0 && age < WINDOW_MS;
}

/**
 * @example routeWhatsApp({ sender: "whatsapp:+447700900998", lastInboundAt: null, … }, "…").via
 * // "sms" when no template is configured for the message's key and language
 */
export function routeWhatsApp(f: WhatsAppFacts, body: string): WhatsAppRoute {
  if (!f.sender) return { via: "sms", why: "TWILIO_WHATSAPP_FROM is not set" };
  if (!f.windowClosed && windowOpen(f.lastInboundAt, f.now)) return { via: "whatsapp", from: f.sender };
  const key = f.template?.key ?? FREE_TEXT_KEY;
  const locale = f.template?.locale ?? f.locale;
  const template = f.templates[key]?.[locale];
  if (!template)
    return { via: "sms", why: `no WhatsApp template for ${key} (${locale}) outside the 24-hour window` };
  const params = f.template?.params ?? {};
  const variables: Record<string, string> = {};
  template.variables.forEach((name, i) => {
    const value = name === "body" ? body : params[name];
    variables[String(i + 1)] = value === undefined ? "" : String(value);
  });
  return { via: "whatsapp", from: f.sender, contentSid: template.sid, variables };
}
