// Cloudflare Workers entry: settings from `env`, the remote libSQL database over HTTP (Turso), and
// the outbox delivered after the answer with waitUntil. Cron Triggers run the scheduled jobs.
// The HTTP-only client: Turso's libsql:// URLs go over HTTP on Workers anyway (the /web entry adds a
// WebSocket client the Worker never uses, 4 KiB of the bundle's 250 KiB gzipped budget).

import { waitUntil } from "cloudflare:workers";
import { createClient } from "@libsql/client/http";
import type { Hono } from "hono";
import { createApp } from "./app.ts";
import { createConfig } from "./config.ts";
import { consoleLogger, type Deps } from "./deps.ts";
import { createI18n } from "./i18n/index.ts";
import { STALE_LEASE_MS } from "./jobs/outbox.ts";
import { tick } from "./jobs/tick.ts";

type Env = Record<string, unknown>;

/**
 * Built once per isolate, on its first request: the env of a deployment does not change between
 * requests, and the app (its routes, the dashboard's session key) need not be built again for each.
 * `waitUntil` from cloudflare:workers belongs to whichever request is running, so one deps serves all.
 */
let shared: { deps: Deps; app: Hono } | undefined;

function base(env: Env) {
  if (!shared) {
    const config = createConfig(env);
    if (config.databaseUrl.startsWith("file:") || config.databaseUrl === ":memory:") {
      throw new Error("DATABASE_URL: a Worker needs a remote libSQL URL (libsql:// or https://), not a file");
    }
    const db = createClient({
      url: config.databaseUrl,
      authToken: config.databaseAuthToken,
      intMode: "number",
    });
    const deps: Deps = {
      config,
      db,
      i18n: createI18n(),
      log: consoleLogger,
      now: () => new Date(),
      random: () => crypto.getRandomValues(new Uint32Array(1))[0] ?? 0,
      fetch: (input, init) => fetch(input, init),
      later: (work) =>
        waitUntil(work.catch((error) => consoleLogger.error("later.failed", { error: String(error?.name) }))),
    };
    shared = { deps, app: createApp(deps) };
  }
  return shared;
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return base(env).app.fetch(request, env, ctx);
  },
  async scheduled(_event: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    // A deliverer that died (an evicted isolate) left its claimed rows leased: they go now, not in five minutes.
    ctx.waitUntil(tick(base(env).deps, { staleLeaseMs: STALE_LEASE_MS }));
  },
} satisfies ExportedHandler<Env>;
