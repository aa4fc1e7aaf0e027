// Node entry: settings from process.env, the embedded libSQL file, migrations, the demo on an empty
// database (only in the demo), the simulator (only when switched on), and timers for the outbox
// and the scheduled jobs. `npm start` runs this.
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { simRoutes } from "./channels/sim/route.ts";
import { type Config, ConfigError, createConfig } from "./config.ts";
import { deliverDue, releaseStaleLeases } from "./jobs/outbox.ts";
import { tick } from "./jobs/tick.ts";
import { nodeDeps } from "./node-deps.ts";
import { startupPlan } from "./startup.ts";
import { migrate } from "./store/db.ts";
import { openNodeDb } from "./store/node-client.ts";

const OUTBOX_MS = 15_000;
/** Reminders, expiry and check-out questions, as the Worker's Cron Trigger does every five minutes. */
const TICK_MS = 5 * 60_000;

async function main() {
  let config: Config = createConfig(process.env);
  // The demo's dashboard needs a password; nobody types this one: the one-time link below logs in.
  if (config.demo && !config.adminToken) {
    config = createConfig({ ...process.env, ADMIN_TOKEN: randomToken() });
  }
  const db = await openNodeDb(config.databaseUrl, config.databaseAuthToken);
  const applied = await migrate(db);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  const deps = nodeDeps(config, db);
  const plan = await startupPlan(deps);
  for (const line of plan.before) console.log(line);
  if (plan.refuse) {
    console.error(plan.refuse);
    db.close();
    process.exit(1);
  }
  const app = createApp(deps, {
    mount: config.simulator ? (a) => a.route("/sim", simRoutes(deps)) : undefined,
  });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host });
  // After a crash: what the dead process had claimed but not sent goes now, not when its lease runs out.
  await releaseStaleLeases(deps, new Date());
  deps.later(deliverDue(deps));
  const timer = setInterval(() => deps.later(deliverDue(deps)), OUTBOX_MS);
  const jobs = setInterval(() => deps.later(tick(deps)), TICK_MS);
  const local = `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}`;
  console.log(`Time Credits bot listening on ${config.host}:${config.port}`);
  for (const line of await plan.after(local)) console.log(line);
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

function randomToken(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("base64url");
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
