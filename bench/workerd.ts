// Workers CPU mode (issue 16, goal 7): CPU per message inside workerd. Inside an isolate performance.now()
// and Date stand still while code runs, so the figure comes from outside: V8's CPU profiler on the
// Worker's isolate over the inspector (as `wrangler check startup` does for start-up), sampling every
// 100 µs, counting every sample but "(idle)" (see activeMs); and, as an upper bound, the CPU of the whole
// workerd process from /proc. The real build (`wrangler deploy --dry-run`) runs in Miniflare (the local
// workerd of `wrangler dev`), DATABASE_URL over HTTP to the Hrana test server on the bench's world.
// Figures: each fresh isolate's first request (a signed SMS BALANCE; module evaluation before it is
// start-up, measured by `wrangler check startup` in bench/startup.ts), then warm CPU per message of each
// main flow. BENCH_WORKERD_PROFILES=DIR keeps every profile, with the bundle and its source map, for DevTools.
import { execFile } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Hono } from "hono";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { startFakeTwilio } from "../test/support/fake-twilio.ts";
import { startHranaServer } from "../test/support/hrana-server.ts";
import { drive, FLOWS } from "./flows.ts";
import { processCpuMs } from "./proc.ts";
import { createWorld, resetRequests, sendSms } from "./setup.ts";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, SCHEME_NUMBER } from "./wire.ts";

const ROOT = new URL("../", import.meta.url).pathname;
const SAMPLING_US = 100;
/** Where to keep each profile as a .cpuprofile (for DevTools), when set. */
const PROFILES = process.env.BENCH_WORKERD_PROFILES;
export const WORKERD_TARGETS = { warmMs: 2, firstMs: 8, startupMs: 50 };

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string } }>;
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/**
 * Active ms of a profile: every sample's time but "(idle)", as wrangler check startup counts it, except
 * that workerd's sampler only ticks while the isolate runs, so a sample after a wait carries the whole
 * wait as its delta (tens of ms, labelled "(program)"): such a delta counts as one ordinary tick.
 */
export function activeMs(profile: CpuProfile): { active: number; gc: number; samples: number } {
  const names = new Map(profile.nodes.map((n) => [n.id, n.callFrame.functionName]));
  const deltas = profile.timeDeltas ?? [];
  const sorted = [...deltas].sort((a, b) => a - b);
  const tick = sorted[sorted.length >> 1] ?? SAMPLING_US;
  let active = 0;
  let gc = 0;
  let samples = 0;
  deltas.forEach((delta, i) => {
    const name = names.get(profile.samples?.[i] ?? -1);
    if (name === "(idle)") return;
    const counted = delta > 5 * tick ? tick : delta;
    active += counted;
    samples++;
    if (name === "(garbage collector)") gc += counted;
  });
  return { active: active / 1000, gc: gc / 1000, samples };
}

/** The workerd process Miniflare started (a child of this process), if /proc shows it. */
function workerdPid(): number | undefined {
  try {
    const children = readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .map(Number);
    return children.find((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd";
      } catch {
        return false;
      }
    });
  } catch {
    return undefined;
  }
}

/** A DevTools protocol session on one isolate's inspector. */
async function inspect(url: URL) {
  const ws = new WebSocket(url);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve(), { once: true });
    ws.addEventListener("error", () => reject(new Error(`inspector ${url} refused`)), { once: true });
  });
  let id = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  ws.addEventListener("message", (event) => {
    const m = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result);
  });
  const send = <T>(method: string, params: Record<string, unknown> = {}) =>
    new Promise<T>((resolve) => {
      const n = ++id;
      waiting.set(n, (r) => resolve(r as T));
      ws.send(JSON.stringify({ id: n, method, params }));
    });
  await send("Profiler.enable");
  await send("Profiler.setSamplingInterval", { interval: SAMPLING_US });
  return {
    start: () => send("Profiler.start"),
    stop: async () => (await send<{ profile: CpuProfile }>("Profiler.stop")).profile,
    close: () => ws.close(),
  };
}

export interface WorkerdFlowRow {
  flow: string;
  messages: number;
  cpuMsPerMessage: number;
  gcMsPerMessage: number;
  /** The whole workerd process (Miniflare's own routing worker, the HTTP client, every thread). */
  processCpuMsPerMessage: number | null;
  ok: number;
  units: number;
  failures: number;
}

export interface WorkerdReport {
  date: string;
  loadAverage: { before: number; after: number };
  bundle: string;
  samplingUs: number;
  /** CPU of the first request of each fresh isolate (its waitUntil work included). */
  firstRequestMs: number[];
  firstRequestMsMedian: number;
  /** The whole workerd process during each first request. */
  firstRequestProcessMs: Array<number | null>;
  warm: WorkerdFlowRow[];
  /**
   * The whole workerd process per GET of a path the app does not serve (Hono's 404: no database, next
   * to no code of ours): what Miniflare's routing and HTTP cost apart from the Worker.
   */
  routingProcessMsPerRequest: number | null;
  targets: { warmMs: number; firstMs: number; startupMs: number; warmMet: boolean; firstMet: boolean };
  notes: string[];
}

function keep(name: string, profile: CpuProfile): void {
  if (PROFILES) writeFileSync(join(PROFILES, `${name}.cpuprofile`), JSON.stringify(profile));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2 : Number.NaN;
};
const settle = () => new Promise((r) => setTimeout(r, 250));

async function bundle(quick: boolean, dir: string): Promise<{ file: string; source: string }> {
  const dist = join(ROOT, "dist/worker.js");
  if (quick && existsSync(dist)) return { file: dist, source: "dist/worker.js (npm run build:worker)" };
  await promisify(execFile)(
    join(ROOT, "node_modules/.bin/wrangler"),
    ["deploy", "--dry-run", "--outdir", join(dir, "out")],
    {
      cwd: ROOT,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
      maxBuffer: 1 << 24,
    },
  );
  return { file: join(dir, "out/worker.js"), source: "wrangler deploy --dry-run, built for this run" };
}

export async function measureWorkerd(options: { quick: boolean; log?: (line: string) => void }) {
  const log = options.log ?? (() => undefined);
  const quick = options.quick;
  const isolates = quick ? 1 : 5;
  const messages = quick ? 8 : 60;
  const warmup = quick ? 4 : 20;
  const loadBefore = loadavg()[0] ?? 0;
  const dir = mkdtempSync(join(tmpdir(), "timecredits-workerd-"));
  const world = await createWorld(isolates + 6 * (messages + warmup) + 64);
  const hrana = await startHranaServer({ dir: world.dir });
  // Messages to others (a partner YES tells the member) are sent, and accepted, as at Twilio.
  const twilio = await startFakeTwilio();
  try {
    const built = await bundle(quick, dir);
    // With the bundle and its source map beside them, DevTools shows the profiles on the sources.
    if (PROFILES)
      for (const ext of ["", ".map"])
        if (existsSync(built.file + ext)) copyFileSync(built.file + ext, join(PROFILES, `worker.js${ext}`));
    const make = () =>
      new Miniflare(
        // Miniflare 5 takes its v4 options (one worker) through this, as wrangler check startup does.
        convertV4MiniflareOptions({
          name: "bench",
          // As wrangler check startup passes it (with scriptPath, workerd failed to start the bundle).
          modulesRoot: "/",
          modules: [{ type: "ESModule", path: built.file, contents: readFileSync(built.file, "utf8") }],
          compatibilityDate: "2026-11-01",
          inspectorPort: 0,
          bindings: {
            DATABASE_URL: hrana.databaseUrl("bench"),
            PUBLIC_URL,
            TWILIO_ACCOUNT_SID: ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: AUTH_TOKEN,
            TWILIO_FROM: SCHEME_NUMBER,
            TWILIO_API_URL: twilio.url,
            SCHEME_TIMEZONE: "Europe/London",
            NODE_ENV: "production",
          },
          handleStructuredLogs: () => undefined,
        }),
      );
    // The Worker as a target for the flows' messages (they call target.request(path, init)).
    const target = (mf: Miniflare) =>
      ({
        request: (path: string, init: RequestInit) =>
          mf.dispatchFetch(`${PUBLIC_URL}${path}`, init as never) as unknown as Promise<Response>,
      }) as unknown as Hono;
    const firstRequestMs: number[] = [];
    const firstRequestProcessMs: Array<number | null> = [];
    const warm: WorkerdFlowRow[] = [];
    let routingProcessMsPerRequest: number | null = null;
    const firstPeople = world.take("sms", isolates);
    await drive(
      world.app,
      firstPeople.map((p) => [sendSms(p.phone, "HELP")]),
    );
    for (let i = 0; i < isolates; i++) {
      const mf = make();
      try {
        await mf.ready;
        const profiler = await inspect(new URL("/core:user:bench", await mf.getInspectorURL()));
        const pid = workerdPid();
        const p0 = processCpuMs(pid);
        await profiler.start();
        const res = await sendSms(firstPeople[i]?.phone ?? "", "SALDO")(target(mf));
        const text = await res.text();
        if (res.status !== 200 || !text.includes("<Message"))
          throw new Error(`first request: ${res.status} ${text}`);
        // Its waitUntil work (the outbox claim) is CPU of that request too.
        await settle();
        const first = await profiler.stop();
        keep(`first-${i + 1}`, first);
        firstRequestMs.push(activeMs(first).active);
        const p1 = processCpuMs(pid);
        firstRequestProcessMs.push(p0 !== null && p1 !== null ? Number((p1 - p0).toFixed(2)) : null);
        log(`  workerd isolate ${i + 1}: first request ${firstRequestMs.at(-1)?.toFixed(2)} ms CPU`);
        if (i === 0)
          for (const flow of FLOWS) {
            await resetRequests(world);
            const warmPlan = await flow.prepare(world, "sms", Math.ceil(warmup / flow.length));
            await drive(target(mf), warmPlan.units, 1);
            const plan = await flow.prepare(world, "sms", Math.ceil(messages / flow.length));
            let sent = 0;
            let failures = 0;
            const c0 = processCpuMs(pid);
            await profiler.start();
            for (const unit of plan.units)
              for (const send of unit) {
                const r = await send(target(mf));
                await r.arrayBuffer();
                sent++;
                if (r.status !== 200) failures++;
              }
            await settle();
            const profile = await profiler.stop();
            keep(`warm-${flow.key}`, profile);
            const cpu = activeMs(profile);
            const c1 = processCpuMs(pid);
            const ok = await plan.check();
            warm.push({
              flow: flow.key,
              messages: sent,
              cpuMsPerMessage: cpu.active / sent,
              gcMsPerMessage: cpu.gc / sent,
              processCpuMsPerMessage: c0 !== null && c1 !== null ? (c1 - c0) / sent : null,
              ok,
              units: plan.units.length,
              failures,
            });
            log(
              `  workerd warm ${flow.key}: ${(cpu.active / sent).toFixed(2)} ms CPU/msg, ok ${ok}/${plan.units.length}`,
            );
          }
        if (i === 0) {
          const n = messages;
          for (let k = 0; k < 10; k++)
            await (await mf.dispatchFetch(`${PUBLIC_URL}/bench-404`)).arrayBuffer();
          const c0 = processCpuMs(pid);
          for (let k = 0; k < n; k++) await (await mf.dispatchFetch(`${PUBLIC_URL}/bench-404`)).arrayBuffer();
          await settle();
          const c1 = processCpuMs(pid);
          routingProcessMsPerRequest = c0 !== null && c1 !== null ? (c1 - c0) / n : null;
        }
        profiler.close();
      } finally {
        await mf.dispose();
      }
    }
    const firstMedian = median(firstRequestMs);
    const worstWarm = Math.max(...warm.map((w) => w.cpuMsPerMessage));
    return {
      date: new Date().toISOString(),
      loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number((loadavg()[0] ?? 0).toFixed(2)) },
      bundle: built.source,
      samplingUs: SAMPLING_US,
      firstRequestMs: firstRequestMs.map((x) => Number(x.toFixed(2))),
      firstRequestMsMedian: firstMedian,
      firstRequestProcessMs,
      routingProcessMsPerRequest,
      warm,
      targets: {
        ...WORKERD_TARGETS,
        warmMet: worstWarm <= WORKERD_TARGETS.warmMs,
        firstMet: firstMedian <= WORKERD_TARGETS.firstMs,
      },
      notes: [
        "Miniflare (the local workerd wrangler dev runs), the real build, SMS only; CPU = active time of a V8 CPU profile of the Worker's isolate (sampled, not Cloudflare's metering; this machine's CPU, not Cloudflare's).",
        "V8's sample intervals are wall time: while other processes hold the core the isolate's figure grows with them (see loadAverage).",
        "workerd process ms: every thread of the workerd process (/proc schedstat) over the same window: Miniflare's routing worker, HTTP parsing and the client's subrequests, GC threads; an upper bound.",
        "First request: the first message a freshly started isolate answers (settings, client, i18n and app built, cold code), its waitUntil outbox claim included; module evaluation before it is start-up (wrangler check startup).",
        "Warm: after the flow's warm-up messages, sequential, each message's waitUntil work included (the outbox runs for real here: claims, and the partner YES's message to the member, sent to test/support/fake-twilio.ts, which accepts it).",
        "Setup messages go through the app in Node on the same database file; the Worker's clock is the real one.",
      ],
    } satisfies WorkerdReport;
  } finally {
    await hrana.close();
    await twilio.close();
    world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function renderWorkerd(r: WorkerdReport, startupMs?: number): string {
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  const head = ["flow (warm)", "messages", "CPU ms/msg", "of which GC", "workerd process ms/msg", "ok"];
  const lines = r.warm.map((w) => [
    w.flow,
    String(w.messages),
    w.cpuMsPerMessage.toFixed(2),
    w.gcMsPerMessage.toFixed(2),
    w.processCpuMsPerMessage === null ? "—" : w.processCpuMsPerMessage.toFixed(2),
    `${w.ok}/${w.units}${w.failures ? ` !${w.failures} failed` : ""}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  return [
    `Workers CPU in workerd (V8 profile every ${r.samplingUs} µs; ${r.bundle}); load ${r.loadAverage.before} → ${r.loadAverage.after}`,
    `First request of a fresh isolate: ${r.firstRequestMsMedian.toFixed(2)} ms median (${r.firstRequestMs.join(", ")}; whole workerd process ${r.firstRequestProcessMs.join(", ")}) — target ≤ ${r.targets.firstMs} ms: ${met(r.targets.firstMet)}`,
    fmt(head),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...lines.map(fmt),
    `workerd process per 404 (Miniflare's routing, no Worker work to speak of): ${r.routingProcessMsPerRequest?.toFixed(2) ?? "—"} ms`,
    `Warm target ≤ ${r.targets.warmMs} ms on every flow: ${met(r.targets.warmMet)}${
      startupMs === undefined
        ? ""
        : `; start-up (wrangler check startup) ${startupMs} ms — target ≤ ${r.targets.startupMs} ms: ${met(startupMs <= r.targets.startupMs)}`
    }`,
  ].join("\n");
}
