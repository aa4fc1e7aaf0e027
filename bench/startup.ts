// The Worker's size and start-up cost, on the real build (`wrangler deploy --dry-run`, as
// `npm run build:worker` makes it, with wrangler.toml's minify): gzipped size against the
// budget; CPU to evaluate the bundle in a fresh Node process (what an isolate does at start-up) and
// to answer its first request (settings, i18n, app); and workerd's own figure from
// `wrangler check startup` (CPU profile of the start-up phase, run locally, offline).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import budget from "./bundle-budget.json" with { type: "json" };

const run = promisify(execFile);
const ROOT = new URL("../", import.meta.url).pathname;
const BIN = join(ROOT, "node_modules/.bin");
const QUIET = { WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" };

export const BUNDLE_BUDGET_KIB = budget.gzipKiB;
export const STARTUP_BUDGET_MS = 50;

export interface StartupReport {
  bundle: {
    /** Where the measured bundle came from. */
    source: string;
    bytes: number;
    gzipKiB: number;
    budgetKiB: number;
    withinBudget: boolean;
  };
  /** Evaluating the bundle (top-level code of every module) in a fresh Node process. */
  evaluate: { runs: number; cpuMsMedian: number; cpuMsMax: number; wallMsMedian: number };
  /** The first request of an isolate (a refused Telegram update: settings, i18n, the app, no DB). */
  firstRequest: { runs: number; cpuMsMedian: number; wallMsMedian: number };
  /** workerd, via `wrangler check startup`: active CPU of the start-up phase (sampled profile). */
  workerd:
    | { runs: number; activeMsMedian: number; activeMsMin: number; activeMs: number[] }
    | { skipped: string };
  budgetMs: number;
  withinBudget: boolean;
  notes: string[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2 : Number.NaN;
};
const round = (x: number, d = 1) => Number(x.toFixed(d));

/** Runs in a fresh Node process: import the bundle, then call its fetch once. */
const PROBE = `
const url = process.argv[1];
// The bundle imports waitUntil from cloudflare:workers, a module only workerd has: Node gets a stub.
const stub = "data:text/javascript,export function waitUntil() {}";
const hooks = "export async function resolve(s, c, next) { return s === 'cloudflare:workers' ? "
  + "{ url: " + JSON.stringify(stub) + ", shortCircuit: true } : next(s, c); }";
(await import("node:module")).register("data:text/javascript," + encodeURIComponent(hooks));
// Node builds its web globals (undici) lazily on first touch; workerd has them from the start.
new TextDecoder(); new TextEncoder(); new Request("http://x/"); new Response(""); new Headers();
new URL("http://x/"); new AbortController(); new FormData(); new Blob([]); void crypto.subtle; void fetch;
const c0 = process.cpuUsage(); const w0 = performance.now();
const mod = await import(url);
const c1 = process.cpuUsage(c0); const w1 = performance.now();
const env = { DATABASE_URL: "https://db.invalid", DATABASE_AUTH_TOKEN: "t", PUBLIC_URL: "https://bot.example.org",
  TELEGRAM_BOT_TOKEN: "123456:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0", TELEGRAM_WEBHOOK_SECRET: "s3cret-webhook-0123456789",
  SCHEME_TIMEZONE: "Europe/London", NODE_ENV: "production" };
const ctx = { waitUntil() {}, passThroughOnException() {} };
const req = new Request("https://bot.example.org/telegram", { method: "POST",
  headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong" }, body: "{}" });
const c2 = process.cpuUsage(); const w2 = performance.now();
const res = await mod.default.fetch(req, env, ctx);
await res.arrayBuffer();
const c3 = process.cpuUsage(c2); const w3 = performance.now();
process.stdout.write(JSON.stringify({ evalCpu: (c1.user + c1.system) / 1000, evalWall: w1 - w0,
  reqCpu: (c3.user + c3.system) / 1000, reqWall: w3 - w2, status: res.status }));
`;

async function probe(file: string) {
  const { stdout } = await run(join(BIN, "node"), ["--input-type=module", "-e", PROBE, `file://${file}`], {
    cwd: ROOT,
  });
  return JSON.parse(stdout) as {
    evalCpu: number;
    evalWall: number;
    reqCpu: number;
    reqWall: number;
    status: number;
  };
}

async function wrangler(args: string[]) {
  return run(join(BIN, "wrangler"), args, {
    cwd: ROOT,
    env: { ...process.env, ...QUIET },
    maxBuffer: 1 << 24,
  });
}

/**
 * `quick`: measures dist/worker.js when `npm run build:worker` has made it (npm test does, just
 * before), evaluates it once and leaves out workerd; otherwise builds into a temporary directory,
 * evaluates it 7 times and runs `wrangler check startup` 5 times.
 */
export async function measureStartup(quick: boolean): Promise<StartupReport> {
  const dir = mkdtempSync(join(tmpdir(), "timecredits-startup-"));
  const notes: string[] = [];
  try {
    const dist = join(ROOT, "dist/worker.js");
    let file = join(dir, "out/worker.js");
    let source = "wrangler deploy --dry-run (wrangler.toml, as npm run build:worker), built for this run";
    let bundle: string | undefined;
    if (quick && existsSync(dist)) {
      file = dist;
      source = "dist/worker.js (npm run build:worker)";
    } else {
      // --outfile: the upload form that `wrangler check startup --worker` reads.
      bundle = join(dir, "worker.bundle");
      await wrangler(["deploy", "--dry-run", "--outdir", join(dir, "out"), "--outfile", bundle]);
      // As in dist/ (under the project's package.json): an ES module, so Node does not parse it twice
      // to find out.
      writeFileSync(join(dir, "out/package.json"), '{ "type": "module" }\n');
    }
    const bytes = readFileSync(file);
    const gzipKiB = gzipSync(bytes, { level: 9 }).length / 1024;
    const runs = quick ? 1 : 7;
    const probes = [];
    for (let i = 0; i < runs; i++) probes.push(await probe(file));
    if (probes.some((p) => p.status !== 401))
      notes.push(`first request answered ${probes.map((p) => p.status).join(", ")}, expected 401`);
    let workerd: StartupReport["workerd"] = {
      skipped: "quick mode (wrangler check startup takes a few seconds)",
    };
    if (!quick)
      try {
        const checks = 5;
        const active: number[] = [];
        for (let i = 0; i < checks; i++) {
          const args = ["check", "startup", "--outfile", join(dir, `startup-${i}.cpuprofile`)];
          const { stdout, stderr } = await wrangler(bundle ? [...args, "--worker", bundle] : args);
          const found = /Active:\s*([\d.]+)\s*ms/.exec(`${stdout}\n${stderr}`);
          if (!found) throw new Error("no 'Active: … ms' line in its output");
          active.push(Number(found[1]));
        }
        workerd = {
          runs: checks,
          activeMsMedian: round(median(active)),
          activeMsMin: Math.min(...active),
          activeMs: active,
        };
      } catch (error) {
        workerd = {
          skipped: `wrangler check startup failed: ${String((error as Error).message).slice(0, 200)}`,
        };
      }
    const evaluate = {
      runs,
      cpuMsMedian: round(median(probes.map((p) => p.evalCpu))),
      cpuMsMax: round(Math.max(...probes.map((p) => p.evalCpu))),
      wallMsMedian: round(median(probes.map((p) => p.evalWall))),
    };
    const startupMs = "activeMsMedian" in workerd ? workerd.activeMsMedian : evaluate.cpuMsMedian;
    return {
      bundle: {
        source,
        bytes: bytes.length,
        gzipKiB: round(gzipKiB),
        budgetKiB: BUNDLE_BUDGET_KIB,
        withinBudget: gzipKiB <= BUNDLE_BUDGET_KIB,
      },
      evaluate,
      firstRequest: {
        runs,
        cpuMsMedian: round(median(probes.map((p) => p.reqCpu))),
        wallMsMedian: round(median(probes.map((p) => p.reqWall))),
      },
      workerd,
      budgetMs: STARTUP_BUDGET_MS,
      withinBudget: startupMs <= STARTUP_BUDGET_MS,
      notes: [
        "withinBudget (start-up) reads workerd's active CPU when wrangler check startup ran, else Node's evaluation CPU.",
        "workerd's figure is a sampled CPU profile of the local workerd (about one sample per 1-3 ms); other work on the machine inflates it (see loadAverage); Cloudflare's machines differ.",
        "Node's evaluation includes Node's own module loading and compiling of the 0.75 MB file; first request = settings, libSQL client, i18n and the app built, answering a refused Telegram update (no database).",
        ...notes,
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderStartup(r: StartupReport): string {
  const w =
    "activeMsMedian" in r.workerd
      ? `${r.workerd.activeMsMedian} ms (median of ${r.workerd.runs}, least ${r.workerd.activeMsMin})`
      : r.workerd.skipped;
  return [
    `Worker bundle: ${r.bundle.gzipKiB} KiB gzipped, ${(r.bundle.bytes / 1024).toFixed(0)} KiB minified (budget ${r.bundle.budgetKiB} KiB) — ${r.bundle.source}`,
    `Start-up CPU: workerd (wrangler check startup) ${w}; Node, evaluating the bundle ${r.evaluate.cpuMsMedian} ms (max ${r.evaluate.cpuMsMax}); first request ${r.firstRequest.cpuMsMedian} ms (budget ${r.budgetMs} ms, judged on ${"activeMsMedian" in r.workerd ? "workerd" : "Node's evaluation"}: ${r.withinBudget ? "met" : "NOT met"})`,
  ].join("\n");
}
