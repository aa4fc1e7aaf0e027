// What a Node start does with the database before it listens, and what it tells the person who
// started it: the demo loads its scheme and history only in the demo and only into a database
// that has never held a real scheme; production refuses to start on an empty database.
import { readFileSync } from "node:fs";
import type { Deps } from "./deps.ts";
import { hasScheme, importScheme } from "./scheme/import.ts";
import { parseScheme } from "./scheme/schema.ts";

export interface StartupPlan {
  /** Lines to print before the server listens. */
  before: string[];
  /** Why the server must not start, when it must not. */
  refuse?: string;
  /** Lines to print once it listens at `base` (the simulator's address, the dashboard link). */
  after(base: string): Promise<string[]>;
}

const DEMO_SCHEME = new URL("../examples/demo-scheme.json", import.meta.url);

export async function startupPlan(deps: Deps): Promise<StartupPlan> {
  const { config, db } = deps;
  const before: string[] = [];
  const empty = !(await hasScheme(db));
  if (config.demo && empty) {
    const parsed = parseScheme(JSON.parse(readFileSync(DEMO_SCHEME, "utf8")));
    if (!parsed.ok) throw new Error(`demo scheme is invalid: ${parsed.errors.map((e) => e.path).join(", ")}`);
    await importScheme(db, parsed.scheme, deps.now());
    before.push("Loaded the demo scheme (examples/demo-scheme.json)");
  } else if (empty && config.production) {
    return {
      before,
      refuse:
        "The database holds no scheme. Import yours first: npx timecredits import scheme.json\n" +
        "(The demo runs only without channel credentials and without NODE_ENV=production.)",
      after: async () => [],
    };
  } else if (empty) {
    before.push("The database holds no scheme yet: npx timecredits import scheme.json");
  }
  if (config.simulator && !config.demo) {
    before.push(
      "SIMULATOR=on: whoever reaches /sim can act as any member or partner. Keep it on a private address.",
    );
  }
  return {
    before,
    after: async (base) => {
      const lines: string[] = [];
      if (config.simulator) lines.push(`Chat simulator: ${base}/sim`);
      if (config.adminToken) lines.push(`Dashboard: ${base}/admin`);
      return lines;
    },
  };
}
