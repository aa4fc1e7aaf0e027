// What a Node start does with the database before it listens, and what it tells the person who
// started it: the demo loads its scheme and history only in the demo and only into a database
// that has never held a real scheme; production refuses to start on an empty database.
import { issueLoginLink } from "./admin/shell/login-link.ts";
import { demoSeededAt, demoSummaryText, loadDemo, schemeOrigin } from "./demo/index.ts";
import type { Deps } from "./deps.ts";

export interface StartupPlan {
  /** Lines to print before the server listens. */
  before: string[];
  /** Why the server must not start, when it must not. */
  refuse?: string;
  /** Lines to print once it listens at `base` (the simulator's address, the dashboard link). */
  after(base: string): Promise<string[]>;
}

export async function startupPlan(deps: Deps): Promise<StartupPlan> {
  const { config, db } = deps;
  const before: string[] = [];
  const origin = await schemeOrigin(db);
  const empty = origin === "empty";
  if (config.demo && origin !== "real") {
    if (!(await demoSeededAt(db))) {
      const summary = await loadDemo(db, { now: deps.now() });
      before.push("Loaded the demo scheme (examples/demo-scheme.json)", demoSummaryText(summary));
    } else before.push("The demo scheme and its history are loaded (npm start on a fresh database reseeds).");
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
      if (config.demo && config.adminToken) {
        const link = await issueLoginLink(deps, { name: "demo", ttlMinutes: 24 * 60 });
        lines.push(`Dashboard (a one-time link, valid for a day): ${base}${link}`);
      } else if (config.adminToken) lines.push(`Dashboard: ${base}/admin`);
      return lines;
    },
  };
}
