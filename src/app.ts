// The web app, the same on Node and Workers: health, the channel webhooks, and whatever the entry
// file mounts (the simulator on Node). Runtime differences stay in src/node.ts and src/worker.ts.
import { type Context, Hono } from "hono";
import { adminRoutes } from "./admin/index.ts";
import { smsRoutes } from "./channels/sms/route.ts";
import { telegramRoutes } from "./channels/telegram/route.ts";
import type { Deps } from "./deps.ts";
import { bodyLimits } from "./lib/body-limits.ts";

export interface AppOptions {
  /** Extra routes only one runtime has (the simulator on Node). */
  mount?: (app: Hono) => void;
}

export function createApp(deps: Deps, options: AppOptions = {}): Hono {
  const app = new Hono();
  // Before any route reads a body: a 150 MB POST is refused with 413, not buffered first.
  app.use("*", bodyLimits());
  app.get("/health", async (c) => {
    try {
      await deps.db.execute("SELECT 1");
      return c.json({ ok: true });
    } catch {
      return c.json({ ok: false }, 503);
    }
  });
  app.route("/sms", smsRoutes(deps));
  // The same webhook under its own name, for a WhatsApp sender configured apart from the SMS number.
  app.route("/whatsapp", smsRoutes(deps));
  app.route("/telegram", telegramRoutes(deps));
  // The coordinator dashboard; it answers 503 itself when ADMIN_TOKEN is not set. Its routes (hundreds)
  // are registered on its first request, not before a Worker isolate's first message.
  const dashboard = lazyDashboard(deps);
  app.all("/admin", dashboard);
  app.all("/admin/*", dashboard);
  options.mount?.(app);
  // A fault (database down, a bug) answers 503 so Twilio and Telegram deliver the message again later.
  app.onError((error, c) => {
    deps.log.error("request.failed", { path: c.req.path, error: error.name });
    return c.text("temporarily unavailable", 503);
  });
  return app;
}

function lazyDashboard(deps: Deps): (c: Context) => Promise<Response> {
  let dashboard: Hono | undefined;
  return async (c) => {
    if (!dashboard) {
      dashboard = new Hono().route("/admin", adminRoutes(deps));
      // A fault goes on to the outer app's onError, as it did when the dashboard was mounted directly.
      dashboard.onError((error) => {
        throw error;
      });
    }
    return dashboard.fetch(c.req.raw, c.env, executionContext(c));
  };
}

/** The request's execution context on Workers; Node has none (Hono's getter throws there). */
function executionContext(c: Context): Context["executionCtx"] | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}
