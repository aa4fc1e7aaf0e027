// `timecredits <command>`: migrate, import <scheme.json>, export [--format json|csv], set-webhook, demo.
// Settings come from the environment, exactly as for `npm start`.
import { readFileSync } from "node:fs";
import { ConfigError, createConfig } from "../config.ts";
import { tick } from "../jobs/tick.ts";
import { nodeDeps } from "../node-deps.ts";
import { importScheme } from "../scheme/import.ts";
import { parseScheme } from "../scheme/schema.ts";
import { exportScheme } from "../scheme/store.ts";
import { migrate } from "../store/db.ts";
import { openNodeDb } from "../store/node-client.ts";
import { erasureKey } from "../store/privacy-erasure.ts";
import { ledgerCsv } from "./csv.ts";
import { demo, demoMonths } from "./demo.ts";
import { explain } from "./explain.ts";
import { setWebhook } from "./set-webhook.ts";

const USAGE = `usage: timecredits <command>
  migrate                      apply database migrations
  import <scheme.json>         load or update a scheme file (idempotent)
  export [--format json|csv]   print the scheme (json) or the ledger (csv)
  set-webhook                  register the Telegram webhook; print the Twilio URL
  tick                         run the scheduled jobs once (reminders, expiry, check-outs, outbox)
  demo [--months N]            load the demo scheme and N months (1-24, default 6) of made-up history;
                               only into an empty or demo database, never one that held a real scheme
  explain "<message>"          how the bot understands a message [--context idle|first|yesno|name|partner]
                               [--lang en|pl|lv] [--scheme file]`;

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  // Needs no settings and no database: it reads a scheme file.
  if (command === "explain") return explain(rest);
  const config = createConfig(process.env);
  if (command === "set-webhook") return setWebhook(config, fetch);
  if (!["migrate", "import", "export", "tick", "demo"].includes(command ?? "")) return usage();
  const months = command === "demo" ? demoMonths(rest) : null;
  if (command === "demo" && months === null) return usage();
  const db = await openNodeDb(config.databaseUrl, config.databaseAuthToken);
  try {
    const applied = await migrate(db);
    if (command === "migrate") {
      console.log(applied.length ? `Applied migrations: ${applied.join(", ")}` : "Database is up to date.");
      return 0;
    }
    if (command === "demo" && months !== null) return await demo(db, months);
    if (command === "tick") {
      const report = await tick(nodeDeps(config, db));
      console.log(
        `Reminded ${report.reminded}, expired ${report.expired}, asked about ${report.askedCheckouts} check-outs, sent ${report.sent}.`,
      );
      return 0;
    }
    if (command === "import") {
      const file = rest[0];
      if (!file) return usage();
      const parsed = parseScheme(JSON.parse(readFileSync(file, "utf8")));
      if (!parsed.ok) {
        console.error(`${file} is not a valid scheme file; nothing was imported:`);
        for (const e of parsed.errors) console.error(`  ${e.path || "(top)"}: ${e.message}`);
        return 1;
      }
      const { skippedErased, uncheckedErasures, ...counts } = await importScheme(
        db,
        parsed.scheme,
        new Date(),
        { erasureKey: await erasureKey(db) },
      );
      console.log(
        `Imported ${Object.entries(counts)
          .map(([k, v]) => `${v} ${k}`)
          .join(", ")}.`,
      );
      if (skippedErased) console.log(`Skipped ${skippedErased} erased members (they asked to be deleted).`);
      if (uncheckedErasures)
        console.error(
          `Warning: ${uncheckedErasures} erasures were recorded with an older key and could not be checked; people they name may be registered again.`,
        );
      return 0;
    }
    const format = exportFormat(rest);
    if (!format) return usage();
    const text =
      format === "csv" ? await ledgerCsv(db) : `${JSON.stringify(await exportScheme(db), null, 2)}\n`;
    // Into a pipe the write finishes later: exiting before it does would cut the export at 64 KB.
    await new Promise<void>((resolve, reject) =>
      process.stdout.write(text, (error) => (error ? reject(error) : resolve())),
    );
    return 0;
  } finally {
    db.close();
  }
}

/** `--format csv`, `--format=csv`, or nothing (json); anything else is a usage error. */
function exportFormat(args: string[]): "json" | "csv" | null {
  const joined = args.join(" ").replace("--format=", "--format ").trim();
  if (!joined) return "json";
  const match = /^--format (json|csv)$/.exec(joined);
  return match ? (match[1] as "json" | "csv") : null;
}

function usage(): number {
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
