// GET /sim: the chat simulator (Node only). Talk to the bot as any phone number, as the SMS webhook
// would, and watch the outbox to see what partners and gift receivers are sent.
import { Hono } from "hono";
import * as z from "zod/mini";
import { handleMessage } from "../../core/runner.ts";
import type { Locale } from "../../core/types.ts";
import type { Deps } from "../../deps.ts";
import { isLocale } from "../../i18n/index.ts";
import { deliverDue } from "../../jobs/outbox.ts";
import { toE164 } from "../../lib/phone.ts";
import { countSegments } from "../../lib/segments.ts";
import { sql } from "../../store/db.ts";
import { renderText } from "../render-text.ts";
import { simPage } from "./page.ts";

/** The most rows any list answer holds; the simulator is for a demo scheme, not a census. */
const MAX_PEOPLE = 200;
const MAX_OUTBOX = 100;

const sendSchema = z.object({
  address: z.pipe(
    z.string("must be a string"),
    z.transform((input: string, ctx) => {
      const e164 = toE164(input);
      if (!e164)
        ctx.issues.push({ code: "custom", message: "must be a phone number, e.g. 07700 900100", input });
      return e164 ?? "";
    }),
  ),
  text: z.string("must be a string").check(z.maxLength(1600, "must be at most 1600 characters")),
});

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

export function simRoutes(deps: Deps): Hono {
  const app = new Hono();

  app.get("/", (c) => {
    const lang = pageLocale(c.req.query("lang"), c.req.header("accept-language"));
    const html = simPage((key) => deps.i18n.t(lang, `sim:${key}`), lang);
    return c.body(html, 200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  });

  app.get("/api/people", async (c) => {
    const [members, contacts] = await deps.db.batch(
      [
        sql(
          "SELECT name, phone, locale FROM members WHERE phone IS NOT NULL ORDER BY id LIMIT ?",
          MAX_PEOPLE,
        ),
        sql(
          `SELECT c.name, c.phone, p.name AS partner, c.locale FROM partner_contacts c
           JOIN partners p ON p.id = c.partner_id WHERE c.phone IS NOT NULL ORDER BY p.name, c.id LIMIT ?`,
          MAX_PEOPLE,
        ),
      ],
      "read",
    );
    return c.json({
      members: (members?.rows ?? []).map((r) => ({
        name: String(r.name),
        phone: String(r.phone),
        locale: String(r.locale),
      })),
      contacts: (contacts?.rows ?? []).map((r) => ({
        name: String(r.name),
        phone: String(r.phone),
        partner: String(r.partner),
        locale: String(r.locale),
      })),
    });
  });

  app.post("/api/send", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "the body must be JSON: { address, text }" }, 400);
    }
    const parsed = sendSchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return c.json(
        { error: issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid input" },
        400,
      );
    }
    const { address, text } = parsed.data;
    const handled = await handleMessage(deps, {
      channel: "sms",
      address,
      text,
      externalId: `SIM${crypto.randomUUID()}`,
    });
    const replies = handled.replies.map((reply) => {
      const rendered = renderText(deps.i18n.t, handled.locale, reply);
      const { segments, encoding } = countSegments(rendered);
      return { text: rendered, segments, encoding };
    });
    // Messages the exchange queued for others (a partner's confirm request) go out now, not at the next tick.
    deps.later(deliverDue(deps));
    return c.json({ address, locale: handled.locale, replies });
  });

  app.get("/api/outbox", async (c) => {
    const after = Number.parseInt(c.req.query("after") ?? "0", 10);
    const result = await deps.db.execute(
      sql(
        `SELECT id, channel, address, body, status, transport, created_at FROM outbox
         WHERE id > ? ORDER BY id LIMIT ?`,
        Number.isSafeInteger(after) ? after : 0,
        MAX_OUTBOX,
      ),
    );
    return c.json({
      messages: result.rows.map((r) => {
        const body = String(r.body);
        const { segments, encoding } = countSegments(body);
        return {
          id: Number(r.id),
          channel: String(r.channel),
          address: String(r.address),
          body,
          status: String(r.status),
          transport: r.transport === null ? null : String(r.transport),
          createdAt: String(r.created_at),
          segments,
          encoding,
        };
      }),
    });
  });

  return app;
}
