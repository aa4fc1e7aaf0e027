// Cloudflare Workers entry: settings from `env`, the remote libSQL database over HTTP (Turso), and
// the outbox delivered after the answer with ctx.waitUntil. Cron Triggers run the scheduled jobs.
// The HTTP-only client: Turso's libsql:// URLs go over HTTP on Workers anyway (the /web entry adds a
// WebSocket client the Worker never uses, 4 KiB of the bundle's 250 KiB gzipped budget).
import { createClient } from "@libsql/client/http";
import { createApp } from "./app.ts";
import { type Config, createConfig } from "./config.ts";
import { consoleLogger, type Deps } from "./deps.ts";
import { createI18n, type I18n } from "./i18n/index.ts";
import { tick } from "./jobs/tick.ts";
import type { Db } from "./store/db.ts";

type Env = Record<string, unknown>;

/** Built once per isolate: the env of a deployment does not change between requests. */
let shared: { config: Config; db: Db; i18n: I18n } | undefined;

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
    shared = { config, db, i18n: createI18n() };
  }
  return shared;
}

function depsFor(env: Env, ctx: ExecutionContext): Deps {
  return {
    ...base(env),
    log: consoleLogger,
    now: () => new Date(),
    random: () => crypto.getRandomValues(new Uint32Array(1))[0] ?? 0,
    fetch: (input, init) => fetch(input, init),
    later: (work) =>
      ctx.waitUntil(
        work.catch((error) => consoleLogger.error("later.failed", { error: String(error?.name) })),
      ),
  };
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return createApp(depsFor(env, ctx)).fetch(request, env, ctx);
  },
  async scheduled(_event: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const deps = depsFor(env, ctx);
    ctx.waitUntil(tick(deps));
  },
} satisfies ExportedHandler<Env>;
