// GET /sim: the chat simulator (Node only). Talk to the bot as any phone number, by SMS or on WhatsApp,
// as the Twilio webhook would, or as any Telegram user, as the Telegram webhook would (buttons and the
// shared contact included), and watch the outbox to see what partners and gift receivers are sent.
import type { InlineKeyboardButton } from "grammy/types";
import { type Context, Hono } from "hono";
import * as z from "zod/mini";
import type { InboundMessage, Locale } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { isLocale } from "../../i18n/index.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { lazy } from "../../lib/lazy.ts";
import { toE164 } from "../../lib/phone.ts";
import { countSegments } from "../../lib/segments.ts";
import { handleMessage } from "../../services/handle-message.ts";
import { sql } from "../../store/db.ts";
import { callbackText } from "../buttons.ts";
import { renderFor } from "../render.ts";
import { renderText } from "../render-text.ts";
import { renderTelegramMessages, type TelegramMessage } from "../telegram/render.ts";
import { languageOf } from "../telegram/route.ts";
import { simGuard, simHosts } from "./guard.ts";
import { simPage } from "./page.ts";

/** The most rows any list answer holds; the simulator is for a demo scheme, not a census. */
const MAX_PEOPLE = 200;
const MAX_OUTBOX = 100;

/** A phone number in E.164; `bareInternational` also takes "447700900100", as Telegram shares contacts. */
function phoneNumber(bareInternational = false) {
  return z.pipe(
    z.string("must be a string"),
    z.transform((input: string, ctx) => {
      const e164 = toE164(input, { bareInternational });
      if (!e164)
        ctx.issues.push({ code: "custom", message: "must be a phone number, e.g. 07700 900100", input });
      return e164 ?? "";
    }),
  );
}

const schemas = lazy(() => {
  /** A Telegram user id: 1-15 digits, as a string or a number; leading zeros dropped ("0042" is user 42). */
  const telegramId = z.pipe(
    z.union([z.string(), z.number()], "must be a Telegram user id, e.g. 2002"),
    z.transform((input: string | number, ctx) => {
      const digits = String(input).trim();
      if (!/^\d{1,15}$/.test(digits) || Number(digits) === 0) {
        ctx.issues.push({
          code: "custom",
          message: "must be a Telegram user id: 1-15 digits, e.g. 2002",
          input,
        });
        return "";
      }
      return String(Number(digits));
    }),
  );

  const text = z.string("must be a string").check(z.maxLength(1600, "must be at most 1600 characters"));

  /** What a Telegram client says about its user: the app's language (an IETF tag) and first name. */
  const profile = {
    languageCode: z.optional(
      z
        .string("must be a string")
        .check(
          z.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8}){0,3}$/, "must be a language code, e.g. pl or en-GB"),
        ),
    ),
    firstName: z.optional(
      z.string("must be a string").check(z.maxLength(64, "must be at most 64 characters")),
    ),
  };

  const channel = z.object({
    channel: z.optional(z.enum(["sms", "telegram", "whatsapp"], "must be sms, telegram or whatsapp")),
  });
  const smsSend = z.object({ address: phoneNumber(), text });
  /** WhatsApp is addressed by the phone number, as SMS; Twilio adds the WhatsApp profile's name. */
  const whatsappSend = z.object({
    address: phoneNumber(),
    text,
    profileName: z.optional(
      z.string("must be a string").check(z.maxLength(60, "must be at most 60 characters")),
    ),
  });
  const telegramSend = z.object({ address: telegramId, text, ...profile });
  const press = z.object({
    address: telegramId,
    data: z
      .string("must be a string")
      .check(
        z.refine((data: string) => callbackText(data) !== "", "must be a button's data, e.g. o:1 or c:482:y"),
      ),
    ...profile,
  });
  const shareContact = z.object({ address: telegramId, phone: phoneNumber(true), ...profile });
  return { channel, smsSend, whatsappSend, telegramSend, press, shareContact };
});

/** A bot message as the page shows it on Telegram: text, inline buttons, a "share my number" keyboard. */
export interface SimTelegramReply {
  text: string;
  buttons: Array<Array<{ label: string; data: string }>>;
  shareContact?: boolean;
  /** The share button's label in the reader's language, as Telegram would show it. */
  shareLabel?: string;
}

/** A rendered Telegram message for the page: callback buttons by row; a contact request as a flag. */
export function simTelegramReply(message: Pick<TelegramMessage, "text" | "reply_markup">): SimTelegramReply {
  const markup = message.reply_markup;
  const buttons =
    markup && "inline_keyboard" in markup
      ? markup.inline_keyboard
          .map((row: InlineKeyboardButton[]) =>
            row.flatMap((b) => ("callback_data" in b ? [{ label: b.text, data: b.callback_data }] : [])),
          )
          .filter((row) => row.length > 0)
      : [];
  const share =
    markup && "keyboard" in markup
      ? markup.keyboard
          .flat()
          .find((b) => typeof b === "object" && "request_contact" in b && b.request_contact === true)
      : undefined;
  return {
    text: message.text,
    buttons,
    ...(share && typeof share === "object" ? { shareContact: true, shareLabel: share.text } : {}),
  };
}

type Checked<T> = { ok: true; data: T } | { ok: false; res: Response };

/** The request body, parsed as JSON; a body that is not JSON gets a 400 that says what was expected. */
async function readJson(c: Context, shape: string): Promise<Checked<unknown>> {
  try {
    return { ok: true, data: await c.req.json() };
  } catch {
    return { ok: false, res: c.json({ error: `the body must be JSON: ${shape}` }, 400) };
  }
}

/** `body` checked by `schema`, or the 400 answer that names the first bad field. */
function check<T>(c: Context, schema: z.ZodMiniType<T>, body: unknown): Checked<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const error = issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid input";
  return { ok: false, res: c.json({ error }, 400) };
}

/** A JSON body checked by `schema`. */
async function readBody<T>(c: Context, schema: z.ZodMiniType<T>, shape: string): Promise<Checked<T>> {
  const json = await readJson(c, shape);
  return json.ok ? check(c, schema, json.data) : json;
}

/**
 * The page's language: `?lang=` when it names one we have, else the first supported language in
 * Accept-Language (by weight), else English.
 * @example pageLocale(undefined, "lv-LV,lv;q=0.9,en;q=0.8") // "lv"
 */
export function pageLocale(query: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(query)) return query;
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { lang: tag.split("-")[0] ?? "", q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return wanted.map((w) => w.lang).find(isLocale) ?? "en";
}

type TelegramInput = Pick<InboundMessage, "address" | "text" | "contact"> & {
  languageCode?: string | undefined;
  firstName?: string | undefined;
};

/**
 * One message from a Telegram user, as the Telegram webhook hands it to the engine, but with the
 * replies answered here (no reply outbox) so the page shows them with their buttons.
 */
async function talkOnTelegram(deps: Deps, input: TelegramInput) {
  const locale = languageOf(input.languageCode);
  const firstName = input.firstName?.trim();
  const handled = await handleMessage(deps, {
    channel: "telegram",
    address: input.address,
    text: input.text,
    externalId: `SIM${crypto.randomUUID()}`,
    ...(locale ? { locale } : {}),
    ...(firstName ? { profileName: firstName } : {}),
    ...(input.contact ? { contact: input.contact } : {}),
  });
  const replies = handled.replies.flatMap((reply) =>
    renderTelegramMessages(deps.i18n.t, handled.locale, reply).map(simTelegramReply),
  );
  // Messages the exchange queued for others (a partner's confirm request) go out now, not at the next tick.
  deps.later(deliverDue(deps));
  return { channel: "telegram" as const, address: input.address, locale: handled.locale, replies };
}

/**
 * One WhatsApp message from a phone number, as the Twilio webhook hands it to the engine (the same
 * member and conversation as SMS on that number), with the replies rendered for WhatsApp: no segment
 * budget, numbered options, every letter kept.
 */
async function talkOnWhatsApp(
  deps: Deps,
  input: { address: string; text: string; profileName?: string | undefined },
) {
  const profileName = input.profileName?.trim();
  const handled = await handleMessage(deps, {
    channel: "whatsapp",
    address: input.address,
    text: input.text,
    externalId: `SIM${crypto.randomUUID()}`,
    ...(profileName ? { profileName } : {}),
  });
  const replies = handled.replies.flatMap((reply) =>
    renderFor(deps.i18n.t, "whatsapp", handled.locale, reply).map((m) => ({ text: m.body })),
  );
  // Messages the exchange queued for others (a partner's confirm request) go out now, not at the next tick.
  deps.later(deliverDue(deps));
  return { channel: "whatsapp" as const, address: input.address, locale: handled.locale, replies };
}

/** A queued Telegram message's kind (send, edit, answer) and inline buttons, for the outbox view. */
function telegramPayload(payload: unknown): { kind: string; buttons: SimTelegramReply["buttons"] } {
  try {
    const parsed = (typeof payload === "string" ? JSON.parse(payload) : null) as {
      kind?: unknown;
      reply_markup?: TelegramMessage["reply_markup"];
    } | null;
    return {
      kind: typeof parsed?.kind === "string" ? parsed.kind : "send",
      buttons: simTelegramReply({ text: "", reply_markup: parsed?.reply_markup }).buttons,
    };
  } catch {
    // A payload this view cannot read is shown as a plain message.
    return { kind: "send", buttons: [] };
  }
}

export function simRoutes(deps: Deps): Hono {
  const app = new Hono();
  app.use("*", simGuard(simHosts(deps.config.host, deps.config.publicUrl)));

  app.get("/", (c) => {
    const lang = pageLocale(c.req.query("lang"), c.req.header("accept-language"));
    const html = simPage((key) => deps.i18n.t(lang, `sim:${key}`), lang);
    return c.body(html, 200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  });

  app.get("/api/people", async (c) => {
    const [members, contacts] = await deps.db.batch(
      [
        sql(
          `SELECT name, phone, telegram_id, locale FROM members
           WHERE phone IS NOT NULL OR telegram_id IS NOT NULL ORDER BY id LIMIT ?`,
          MAX_PEOPLE,
        ),
        sql(
          `SELECT c.name, c.phone, c.telegram_id, p.name AS partner, c.locale FROM partner_contacts c
           JOIN partners p ON p.id = c.partner_id
           WHERE c.phone IS NOT NULL OR c.telegram_id IS NOT NULL ORDER BY p.name, c.id LIMIT ?`,
          MAX_PEOPLE,
        ),
      ],
      "read",
    );
    const phone = (value: unknown) => (value === null ? null : String(value));
    const telegram = (value: unknown) => (value === null ? null : Number(value));
    return c.json({
      members: (members?.rows ?? []).map((r) => ({
        name: String(r.name),
        phone: phone(r.phone),
        telegramId: telegram(r.telegram_id),
        locale: String(r.locale),
      })),
      contacts: (contacts?.rows ?? []).map((r) => ({
        name: String(r.name),
        phone: phone(r.phone),
        telegramId: telegram(r.telegram_id),
        partner: String(r.partner),
        locale: String(r.locale),
      })),
    });
  });

  app.post("/api/send", async (c) => {
    const json = await readJson(c, "{ channel?, address, text, languageCode?, firstName?, profileName? }");
    if (!json.ok) return json.res;
    const channel = check(c, schemas().channel, json.data);
    if (!channel.ok) return channel.res;
    if (channel.data.channel === "telegram") {
      const body = check(c, schemas().telegramSend, json.data);
      if (!body.ok) return body.res;
      return c.json(await talkOnTelegram(deps, body.data));
    }
    if (channel.data.channel === "whatsapp") {
      const body = check(c, schemas().whatsappSend, json.data);
      if (!body.ok) return body.res;
      return c.json(await talkOnWhatsApp(deps, body.data));
    }
    const body = check(c, schemas().smsSend, json.data);
    if (!body.ok) return body.res;
    const { address, text } = body.data;
    const handled = await handleMessage(deps, {
      channel: "sms",
      address,
      text,
      externalId: `SIM${crypto.randomUUID()}`,
    });
    const replies = handled.replies.map((reply) => {
      const rendered = renderText(deps.i18n.t, handled.locale, reply, undefined, {
        plainLetters: handled.plain === true,
      });
      const { segments, encoding } = countSegments(rendered);
      return { text: rendered, segments, encoding };
    });
    // Messages the exchange queued for others (a partner's confirm request) go out now, not at the next tick.
    deps.later(deliverDue(deps));
    return c.json({ channel: "sms", address, locale: handled.locale, replies });
  });

  // A pressed inline button: Telegram sends its callback data, which the engine reads as text.
  app.post("/api/press", async (c) => {
    const body = await readBody(c, schemas().press, "{ address, data, languageCode?, firstName? }");
    if (!body.ok) return body.res;
    const { data, ...rest } = body.data;
    return c.json(await talkOnTelegram(deps, { ...rest, text: callbackText(data) }));
  });

  // The "share my number" keyboard: Telegram sends the user's own contact instead of text.
  app.post("/api/share-contact", async (c) => {
    const body = await readBody(c, schemas().shareContact, "{ address, phone, languageCode?, firstName? }");
    if (!body.ok) return body.res;
    const { phone, ...rest } = body.data;
    return c.json(await talkOnTelegram(deps, { ...rest, text: "", contact: { phone, own: true } }));
  });

  app.get("/api/outbox", async (c) => {
    const after = Number.parseInt(c.req.query("after") ?? "0", 10);
    const result = await deps.db.execute(
      sql(
        `SELECT id, channel, address, body, payload, status, transport, created_at FROM outbox
         WHERE id > ? ORDER BY id LIMIT ?`,
        Number.isSafeInteger(after) ? after : 0,
        MAX_OUTBOX,
      ),
    );
    return c.json({
      messages: result.rows.map((r) => {
        const body = String(r.body);
        const channel = String(r.channel);
        const common = {
          id: Number(r.id),
          channel,
          address: String(r.address),
          body,
          status: String(r.status),
          transport: r.transport === null ? null : String(r.transport),
          createdAt: String(r.created_at),
        };
        if (channel === "telegram") return { ...common, ...telegramPayload(r.payload) };
        // WhatsApp has no segments to count.
        if (channel === "whatsapp") return common;
        const { segments, encoding } = countSegments(body);
        return { ...common, segments, encoding };
      }),
    });
  });

  return app;
}
