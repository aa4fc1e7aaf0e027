// Settings, validated once at start-up from Workers `env` or `process.env` (see CONTRACT.md).
// A missing or malformed setting stops start-up with a message that names it.
import * as z from "zod/mini";
import { isTimeZone } from "./core/format.ts";
import { lazy } from "./lib/lazy.ts";

const settingsSchema = lazy(() => {
  const optionalText = z.optional(z.string().check(z.trim(), z.minLength(1)));
  const url = z.url({ protocol: /^https?$/ });

  const timezone = z.string().check(z.refine(isTimeZone, "must be an IANA time zone such as Europe/London"));

  return z.object({
    PORT: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(65535)), 8787),
    DATABASE_URL: z._default(
      z
        .string()
        .check(
          z.regex(
            /^(file:|:memory:$|libsql:\/\/|https?:\/\/|wss?:\/\/)/,
            "must start with file:, libsql://, http(s):// or be :memory:",
          ),
        ),
      "file:./data/timecredits.db",
    ),
    DATABASE_AUTH_TOKEN: optionalText,
    PUBLIC_URL: z.optional(url),
    TWILIO_ACCOUNT_SID: z.optional(
      z.string().check(z.regex(/^AC[0-9a-fA-F]{32}$/, "must be AC followed by 32 hex digits")),
    ),
    TWILIO_AUTH_TOKEN: optionalText,
    TWILIO_FROM: z.optional(
      z
        .string()
        .check(
          z.regex(/^(\+[1-9]\d{6,14}|MG[0-9a-fA-F]{32})$/, "must be an E.164 number or a MG… service SID"),
        ),
    ),
    TWILIO_API_URL: z._default(url, "https://api.twilio.com"),
    TWILIO_WHATSAPP_FROM: z.optional(
      z.string().check(z.regex(/^whatsapp:\+[1-9]\d{6,14}$/, "must be whatsapp: and an E.164 number")),
    ),
    TELEGRAM_BOT_TOKEN: z.optional(
      z.string().check(z.regex(/^\d+:[\w-]{20,}$/, "must look like 123456:ABC…")),
    ),
    // Telegram allows 1–256 characters; a guessable secret lets anyone post updates as any user.
    TELEGRAM_WEBHOOK_SECRET: z.optional(
      z.string().check(z.regex(/^[\w-]{16,256}$/, "must be 16–256 of A-Z a-z 0-9 _ -")),
    ),
    TELEGRAM_API_ROOT: z._default(url, "https://api.telegram.org"),
    TELEGRAM_BOT_USERNAME: z._default(
      z.string().check(z.regex(/^\w{3,64}$/, "must be the bot's @username without @")),
      "timecredits_bot",
    ),
    ADMIN_TOKEN: z.optional(z.string().check(z.minLength(16, "must be at least 16 characters"))),
    SESSION_SECRET: z.optional(z.string().check(z.minLength(32, "must be at least 32 characters"))),
    SCHEME_TIMEZONE: z._default(timezone, "Europe/London"),
    NODE_ENV: z._default(
      z.pipe(
        z.pipe(
          z.string(),
          z.transform((v) => v.trim().toLowerCase()),
        ),
        z.enum(["development", "production", "test"], "must be development, production or test"),
      ),
      "development",
    ),
    SIMULATOR: z.optional(
      z.pipe(
        z.pipe(
          z.string(),
          z.transform((v) => v.trim().toLowerCase()),
        ),
        z.enum(["on", "off"], "must be on or off"),
      ),
    ),
    HOST: z.optional(
      z.string().check(z.regex(/^[\w.:-]{1,253}$/, "must be a host name or an IP address such as 0.0.0.0")),
    ),
  });
});

/** Settings that turn a channel on: any of them set means this is not the demo. */
const CHANNEL_SETTINGS = [
  "TWILIO_ACCOUNT_SID",
  "TWILIO_AUTH_TOKEN",
  "TWILIO_FROM",
  "TELEGRAM_BOT_TOKEN",
  "TELEGRAM_WEBHOOK_SECRET",
] as const;

export interface Config {
  port: number;
  databaseUrl: string;
  databaseAuthToken?: string;
  publicUrl: string;
  timezone: string;
  production: boolean;
  /**
   * The demo: no channel credentials at all and `NODE_ENV` ≠ production. Only the demo may load
   * demo data on an empty database.
   */
  demo: boolean;
  /** Serve the chat simulator (`/sim`): `SIMULATOR=on`, or the demo unless `SIMULATOR=off`. */
  simulator: boolean;
  /** The Node server's listening address: 127.0.0.1 in the demo or with the simulator on. */
  host: string;
  adminToken?: string;
  /** Signs dashboard sessions when set; otherwise a key is derived from ADMIN_TOKEN with HKDF. */
  sessionSecret?: string;
  /** Present when every SMS setting is; otherwise `missing` names the first absent one. */
  twilio: TwilioConfig | { missing: string };
  telegram: { token: string; secret: string; apiRoot: string } | { missing: string };
  /** The bot's @username (Telegram needs no getMe call when it is known). */
  telegramUsername: string;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** The SMS sender: a number or a Messaging Service SID. */
  from: string;
  apiUrl: string;
  /** The WhatsApp sender, `whatsapp:+E164`; without it WhatsApp is answered inline only, outbound goes by SMS. */
  whatsappFrom?: string;
  /** Where Twilio reports each message's delivery (`PUBLIC_URL/sms/status`). */
  statusCallback: string;
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

/** Builds the typed config from raw environment strings; throws ConfigError naming each bad setting. */
export function createConfig(input: Record<string, unknown>): Config {
  const raw = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== "" && v !== undefined));
  const parsed = z.safeParse(settingsSchema(), raw);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  const s = parsed.data;
  const missing = (names: string[]) => names.find((n) => raw[n] === undefined);
  const twilioMissing = missing(["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM"]);
  const telegramMissing = missing(["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET"]);
  const production = s.NODE_ENV === "production";
  const publicProblem = production ? publicUrlProblem(s.PUBLIC_URL, twilioMissing === undefined) : undefined;
  if (publicProblem) throw new ConfigError([`PUBLIC_URL: ${publicProblem}`]);
  const demo = !production && CHANNEL_SETTINGS.every((name) => raw[name] === undefined);
  const simulator = s.SIMULATOR === undefined ? demo : s.SIMULATOR === "on";
  return {
    port: s.PORT,
    databaseUrl: s.DATABASE_URL,
    databaseAuthToken: s.DATABASE_AUTH_TOKEN,
    publicUrl: withoutSlash(s.PUBLIC_URL ?? `http://localhost:${s.PORT}`),
    timezone: s.SCHEME_TIMEZONE,
    production,
    demo,
    simulator,
    host: s.HOST ?? (demo || simulator ? "127.0.0.1" : "0.0.0.0"),
    adminToken: s.ADMIN_TOKEN,
    sessionSecret: s.SESSION_SECRET,
    telegramUsername: s.TELEGRAM_BOT_USERNAME,
    twilio: twilioMissing
      ? { missing: twilioMissing }
      : {
          accountSid: s.TWILIO_ACCOUNT_SID as string,
          authToken: s.TWILIO_AUTH_TOKEN as string,
          from: s.TWILIO_FROM as string,
          apiUrl: withoutSlash(s.TWILIO_API_URL),
          ...(s.TWILIO_WHATSAPP_FROM ? { whatsappFrom: s.TWILIO_WHATSAPP_FROM } : {}),
          statusCallback: `${withoutSlash(s.PUBLIC_URL ?? `http://localhost:${s.PORT}`)}/sms/status`,
        },
    telegram: telegramMissing
      ? { missing: telegramMissing }
      : {
          token: s.TELEGRAM_BOT_TOKEN as string,
          secret: s.TELEGRAM_WEBHOOK_SECRET as string,
          apiRoot: withoutSlash(s.TELEGRAM_API_ROOT),
        },
  };
}

/**
 * In production the public URL is what Twilio signs and what the dashboard's cookies are scoped
 * to: it must be given when SMS is on, and be https unless it is a local address.
 */
function publicUrlProblem(url: string | undefined, sms: boolean): string | undefined {
  if (url === undefined)
    return sms ? "must be set in production (Twilio signs requests against it)" : undefined;
  const { protocol, hostname } = new URL(url);
  const local = hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
  return protocol !== "https:" && !local ? "must be https:// in production" : undefined;
}

/** A base URL without its trailing slashes, so paths can be appended as `${base}/sms`. */
function withoutSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
