// The web app, the same on Node and Workers: health, the channel webhooks, and whatever the entry
// file mounts (the simulator on Node). Runtime differences stay in src/node.ts and src/worker.ts.
import { Hono } from "hono";
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
  // The coordinator dashboard; it answers 503 itself when ADMIN_TOKEN is not set.
  app.route("/admin", adminRoutes(deps));
  options.mount?.(app);
  // A fault (database down, a bug) answers 503 so Twilio and Telegram deliver the message again later.
  app.onError((error, c) => {
    deps.log.error("request.failed", { path: c.req.path, error: error.name });
    return c.text("temporarily unavailable", 503);
  });
  return app;
}
