// /admin/api for broadcast: JSON, behind the bearer token, inputs validated with zod/mini.
// POST /api/broadcast/preview → the figures the page shows and a key; POST /api/broadcast with that
// key (or one of the script's own) queues it once; GET /api/broadcasts lists past broadcasts.
import { Hono } from "hono";
import * as z from "zod/mini";
import type { Deps } from "../../deps.ts";
import { lazy } from "../../lib/lazy.ts";
import { readBody } from "../shell/api-input.ts";
import type { AdminContext, AdminEnv } from "../shell/view.ts";
import { type BroadcastErrors, MAX_SEGMENTS } from "./form.ts";
import type { BroadcastPlan } from "./plan.ts";
import { newBroadcastKey, prepareBroadcast, sendBroadcast } from "./prepare.ts";
import { listBroadcasts } from "./store.ts";

/** Form field names back to the JSON paths a script sent. */
const PATHS: Record<string, string> = {
  text_en: "texts.en",
  text_pl: "texts.pl",
  text_lv: "texts.lv",
  audience: "audience",
  days: "audience.days",
  partner: "audience.partner",
  language: "audience.language",
  credits: "audience.credits",
  key: "key",
};

function invalid(c: AdminContext, deps: Deps, errors: BroadcastErrors) {
  const issues = Object.entries(errors).map(([field, key]) => ({
    path: PATHS[field] ?? field,
    message: deps.i18n.t("en", key ?? "", { max: MAX_SEGMENTS }),
  }));
  return c.json({ error: "invalid body", issues }, 400);
}

/** Any JSON body: broadcast-prepare.ts checks it with the page's own form rules. */
const anyJson = lazy(() => z.unknown());

/** The plan as JSON, without the message bodies (those are each member's). */
function figures(plan: BroadcastPlan) {
  return {
    recipients: plan.recipients,
    sendAt: plan.sendAt.toISOString(),
    deferred: plan.deferred,
    byLanguage: Object.fromEntries(
      plan.groups.map((g) => [
        g.locale,
        { sms: g.sms, whatsapp: g.whatsapp, telegram: g.telegram, plainSms: g.plainSms },
      ]),
    ),
    leftOut: plan.left,
    texts: Object.fromEntries(
      plan.texts.map((t) => [
        t.locale,
        {
          own: t.own,
          encoding: t.encoding,
          segments: t.segments,
          plainEncoding: t.plainEncoding,
          plainSegments: t.plainSegments,
        },
      ]),
    ),
    smsSegments: plan.smsSegments,
    segmentPence: plan.segmentPence,
    whatsappConversations: plan.whatsappConversations,
    conversationPence: plan.conversationPence,
    costPence: plan.costPence,
  };
}

export function broadcastApiRoutes(deps: Deps): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.post("/broadcast/preview", async (c) => {
    const raw = await readBody(c, deps, anyJson());
    if (!raw.ok) return raw.response;
    const prepared = await prepareBroadcast(deps, raw.data);
    if (!prepared.ok) return invalid(c, deps, prepared.errors);
    return c.json({ key: prepared.input.key ?? newBroadcastKey(), ...figures(prepared.plan) });
  });

  app.post("/broadcast", async (c) => {
    const raw = await readBody(c, deps, anyJson());
    if (!raw.ok) return raw.response;
    const result = await sendBroadcast(deps, raw.data, c.get("coordinator").actor);
    if (result.ok)
      return c.json(
        { id: result.id, key: result.key, duplicate: false, ...figures(result.plan as BroadcastPlan) },
        201,
      );
    if (result.error === "duplicate") return c.json({ id: result.id, key: result.key, duplicate: true }, 200);
    if (result.error === "nobody") return c.json({ error: "no recipients" }, 422);
    return invalid(c, deps, result.errors);
  });

  app.get("/broadcasts", async (c) => c.json({ broadcasts: await listBroadcasts(deps.db) }));

  return app;
}
