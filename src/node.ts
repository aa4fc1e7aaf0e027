// Node entry: settings from process.env, the embedded libSQL file, migrations, the demo scheme on an
// empty database, the simulator, and a timer for the outbox. `npm start` runs this.
import { readFileSync } from "node:fs";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { simRoutes } from "./channels/sim/route.ts";
import { ConfigError, createConfig } from "./config.ts";
import { deliverDue } from "./jobs/outbox.ts";
import { tick } from "./jobs/tick.ts";
import { nodeDeps } from "./node-deps.ts";
import { hasScheme, importScheme } from "./scheme/import.ts";
import { parseScheme } from "./scheme/schema.ts";
import { migrate } from "./store/db.ts";
import { openNodeDb } from "./store/node-client.ts";

const DEMO_SCHEME = new URL("../examples/demo-scheme.json", import.meta.url);
const OUTBOX_MS = 15_000;
/** Reminders, expiry and check-out questions, as the Worker's Cron Trigger does every five minutes. */
const TICK_MS = 5 * 60_000;

async function main() {
  const config = createConfig(process.env);
  const db = await openNodeDb(config.databaseUrl, config.databaseAuthToken);
  const applied = await migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  if (!(await hasScheme(db))) {
    const parsed = parseScheme(JSON.parse(readFileSync(DEMO_SCHEME, "utf8")));
    if (!parsed.ok) throw new Error(`demo scheme is invalid: ${parsed.errors.map((e) => e.path).join(", ")}`);
    await importScheme(db, parsed.scheme, new Date());
    console.log("Loaded the demo scheme (examples/demo-scheme.json)");
  }
  const deps = nodeDeps(config, db);
  const app = createApp(deps, {
    mount: config.production ? undefined : (a) => a.route("/sim", simRoutes(deps)),
  });
  const server = serve({ fetch: app.fetch, port: config.port });
  const timer = setInterval(() => deps.later(deliverDue(deps)), OUTBOX_MS);
  const jobs = setInterval(() => deps.later(tick(deps)), TICK_MS);
  console.log(`Time Credits bot listening on http://localhost:${config.port}`);
  if (!config.production) console.log(`Chat simulator: http://localhost:${config.port}/sim`);
  const stop = () => {
    clearInterval(timer);
    clearInterval(jobs);
    server.close();
    db.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
