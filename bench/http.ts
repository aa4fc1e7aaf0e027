// HTTP mode (issue 16, goal 2): the app as `npm start` serves it (src/node.ts in a process of its own,
// production settings, a WAL file seeded with the bench's world of 200 SMS members) against the raw floor
// served the same way (bench/floor-server.ts), both under signed SMS BALANCE from a load generator in a
// third process (bench/http-load.ts). With taskset, each server is pinned to core 1 and the load to core
// 0, so the server has one core to itself (other work on the machine may still share it: see the load).
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import { drive } from "./flows.ts";
import { type LoadFigures, type LoadJob, pool, runLoad } from "./http-load.ts";
import { processCpuMs } from "./proc.ts";
import { createWorld, sendSms } from "./setup.ts";
import { ACCOUNT_SID, AUTH_TOKEN, PUBLIC_URL, SCHEME_NUMBER } from "./wire.ts";

const ROOT = new URL("../", import.meta.url).pathname;
export const HTTP_MEMBERS = 200;
export const HTTP_CONCURRENCY = 16;
const SERVER_CORE = "1";
const LOAD_CORE = "0";

export interface HttpRow {
  server: "floor" | "ours";
  mode: "sequential" | `${number} in flight`;
  concurrency: number;
  figures: LoadFigures;
  /** CPU of the server process (every thread, /proc schedstat) per message sent, warm-up included. */
  serverCpuMsPerMessage: number | null;
}

export interface HttpReport {
  date: string;
  loadAverage: { before: number; after: number };
  pinned: string;
  members: number;
  body: string;
  rows: HttpRow[];
  /** Ours ÷ floor, messages per second. */
  ratio: { sequential: number; concurrent: number };
  targets: { ratioSequential: boolean; ratioConcurrent: boolean; p99Sequential: boolean };
  /** Whether src/store/native-db.ts (the native statement cache) was in the tree measured. */
  nativeDb: boolean;
  rounds: number;
  notes: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const hasTaskset = () => spawnSync("taskset", ["-c", "0", "true"]).status === 0;

interface Server {
  child: ChildProcess;
  base: string;
  stop(): Promise<void>;
}

/** Starts a Node process (pinned when asked) and waits until it prints "listening on". */
async function startServer(
  args: string[],
  env: NodeJS.ProcessEnv,
  port: number,
  pin: boolean,
): Promise<Server> {
  const [cmd, argv] = pin
    ? ["taskset", ["-c", SERVER_CORE, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(cmd, argv, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  // Only the start of its output is kept: a line a request would fill memory over a long run.
  let text = "";
  const keep = (d: Buffer) => {
    if (text.length < 20_000) text += String(d);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let ended = false;
  const exited = new Promise<void>((resolve) =>
    child.on("close", () => {
      ended = true;
      resolve();
    }),
  );
  const deadline = Date.now() + 60_000;
  while (!text.includes("listening on")) {
    if (ended || Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${args.join(" ")} did not start:\n${text.slice(0, 3000)}`);
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    async stop() {
      if (ended) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** One job in a fresh load-generator process (pinned to the other core when asked). */
async function load(job: LoadJob, pin: boolean): Promise<LoadFigures> {
  const args = ["--import", "tsx", join(ROOT, "bench/http-load.ts")];
  const [cmd, argv] = pin
    ? ["taskset", ["-c", LOAD_CORE, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(cmd, argv, {
    cwd: ROOT,
    env: { ...process.env, BENCH_LOAD_CHILD: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    err += String(d);
  });
  const code = await new Promise<number | null>((resolve) => {
    child.on("close", resolve);
    child.stdin?.end(JSON.stringify(job));
  });
  if (code !== 0) throw new Error(`load generator exited ${code}: ${err.slice(-2000)}`);
  return JSON.parse(out) as LoadFigures;
}

export interface HttpOptions {
  quick: boolean;
  /** Pin servers and load to separate cores with taskset (when it exists). */
  pin?: boolean;
  sequential?: number;
  concurrent?: number;
  warmup?: number;
  /** Members sending (200 unless set: test/bench/http-mode.test.ts uses a few). */
  members?: number;
  /** Turns each server takes per job (3 unless quick). */
  rounds?: number;
  /** Drive the load from this process instead of a process of its own (the sanity test). */
  inProcessLoad?: boolean;
  log?: (line: string) => void;
}

export async function measureHttp(options: HttpOptions): Promise<HttpReport> {
  const log = options.log ?? (() => undefined);
  const quick = options.quick;
  const sequential = options.sequential ?? (quick ? 40 : 1500);
  const concurrent = options.concurrent ?? (quick ? 64 : 3000);
  const warmup = options.warmup ?? (quick ? 16 : 300);
  const pin = (options.pin ?? true) && hasTaskset();
  const members = options.members ?? HTTP_MEMBERS;
  const rounds = options.rounds ?? (quick ? 1 : 3);
  const loadBefore = loadavg()[0] ?? 0;
  // The bench's world (demo scheme, generated members, limits lifted), 200 of its SMS members used.
  const world = await createWorld(members);
  const people = world.take("sms", members);
  // Each has written once, so no timed BALANCE is someone's first message.
  await drive(
    world.app,
    people.map((p) => [sendSms(p.phone, "HELP")]),
  );
  const dbFile = join(world.dir, "bench.db");
  const phones = people.map((p) => p.phone);
  const body = "BALANCE";
  const rows: HttpRow[] = [];
  try {
    const [oursPort, floorPort, nowhere] = await Promise.all([freePort(), freePort(), freePort()]);
    const base = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" };
    const servers = {
      floor: () =>
        startServer(
          ["--import", "tsx", "bench/floor-server.ts"],
          { ...base, FLOOR_DB: dbFile, PORT: String(floorPort) },
          floorPort,
          pin,
        ),
      // What `npm start` runs (package.json: tsx src/node.ts), in production, demo off.
      ours: () =>
        startServer(
          ["--import", "tsx", "src/node.ts"],
          {
            ...base,
            NODE_ENV: "production",
            HOST: "127.0.0.1",
            PORT: String(oursPort),
            DATABASE_URL: `file:${dbFile}`,
            PUBLIC_URL,
            TWILIO_ACCOUNT_SID: ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: AUTH_TOKEN,
            TWILIO_FROM: SCHEME_NUMBER,
            // Nothing listens there: nothing a balance does is sent by REST anyway.
            TWILIO_API_URL: `http://127.0.0.1:${nowhere}`,
            SCHEME_TIMEZONE: "Europe/London",
          },
          oursPort,
          pin,
        ),
    };
    // Both up at once, the idle one costing nothing; each job is run in rounds, the floor's and ours
    // taking turns, so a change in the machine's other work falls on both alike.
    const running = { floor: await servers.floor(), ours: await servers.ours() };
    try {
      const jobs = [
        { mode: "sequential" as const, concurrency: 1, messages: sequential },
        {
          mode: `${HTTP_CONCURRENCY} in flight` as const,
          concurrency: HTTP_CONCURRENCY,
          messages: concurrent,
        },
      ];
      for (const { mode, concurrency, messages } of jobs) {
        const done = { floor: [] as LoadFigures[], ours: [] as LoadFigures[] };
        const cpu = { floor: 0, ours: 0 };
        let sent = 0;
        for (let round = 0; round < rounds; round++)
          for (const name of ["floor", "ours"] as const) {
            const server = running[name];
            // Warm-up in the first round only; its CPU is spread over every message sent.
            const warm = round ? 0 : concurrency === 1 ? warmup : Math.min(warmup, 64);
            const job: LoadJob = {
              base: server.base,
              phones,
              body,
              messages: Math.ceil(messages / rounds),
              concurrency,
              sidPrefix: randomBytes(6).toString("hex"),
              warmup: warm,
            };
            const cpu0 = processCpuMs(server.child.pid);
            const figures = options.inProcessLoad ? await runLoad(job) : await load(job, pin);
            const cpu1 = processCpuMs(server.child.pid);
            cpu[name] = cpu0 !== null && cpu1 !== null ? cpu[name] + (cpu1 - cpu0) : Number.NaN;
            done[name].push(figures);
            if (name === "ours") sent += figures.messages + warm;
          }
        for (const name of ["floor", "ours"] as const) {
          const figures = pool(done[name]);
          rows.push({
            server: name,
            mode,
            concurrency,
            figures,
            serverCpuMsPerMessage: Number.isNaN(cpu[name]) ? null : cpu[name] / sent,
          });
          log(
            `  http ${name} ${mode}: ${figures.perSecond.toFixed(0)} msg/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms${figures.failures ? `, ${figures.failures} failed: ${figures.sample}` : ""}`,
          );
        }
      }
    } finally {
      await Promise.all([running.floor.stop(), running.ours.stop()]);
    }
  } finally {
    world.close();
  }
  // The floor's rows first, as in the in-process table.
  rows.sort((a, b) =>
    a.server === b.server ? a.concurrency - b.concurrency : a.server === "floor" ? -1 : 1,
  );
  const find = (server: HttpRow["server"], concurrency: number) =>
    rows.find((r) => r.server === server && r.concurrency === concurrency)?.figures;
  const ratioOf = (c: number) => (find("ours", c)?.perSecond ?? 0) / (find("floor", c)?.perSecond ?? 1);
  const ratio = { sequential: ratioOf(1), concurrent: ratioOf(HTTP_CONCURRENCY) };
  return {
    date: new Date().toISOString(),
    loadAverage: {
      before: Number(loadBefore.toFixed(2)),
      after: Number((loadavg()[0] ?? 0).toFixed(2)),
    },
    pinned: pin
      ? `servers on core ${SERVER_CORE}, load generator on core ${LOAD_CORE} (taskset)`
      : "not pinned (no taskset)",
    members,
    body,
    rows,
    ratio,
    targets: {
      ratioSequential: ratio.sequential >= 1,
      ratioConcurrent: ratio.concurrent >= 1,
      p99Sequential: (find("ours", 1)?.p99 ?? Number.POSITIVE_INFINITY) <= 5,
    },
    nativeDb: existsNativeDb(),
    rounds,
    notes: [
      "ours = src/node.ts as npm start runs it (tsx), NODE_ENV=production, SMS only, the outbox timer and delivery as in production (nothing is due: a balance answers inline).",
      "floor = bench/setup.ts floorApp (Twilio signature by WebCrypto, a 2-statement read batch, a 1-insert write batch) on @libsql/client createClient, served by @hono/node-server like ours.",
      "Latency is measured in the load generator (send to last byte), over keep-alive connections; every request is built and signed before the clock starts; a fresh load-generator process per round, the floor and ours taking turns, figures pooled over the rounds.",
      "serverCpuMsPerMessage: the server process's CPU (all threads, /proc schedstat) over the job, warm-up included, per message sent.",
    ],
  };
}

function existsNativeDb(): boolean {
  try {
    readFileSync(join(ROOT, "src/store/native-db.ts"));
    return true;
  } catch {
    return false;
  }
}

export function renderHttp(r: HttpReport): string {
  const head = ["server", "mode", "msg/s", "p50 ms", "p99 ms", "max ms", "server CPU ms/msg", "ok"];
  const lines = r.rows.map((row) => {
    const f = row.figures;
    return [
      row.server,
      row.mode,
      f.perSecond.toFixed(0),
      f.p50.toFixed(2),
      f.p99.toFixed(2),
      f.max.toFixed(1),
      row.serverCpuMsPerMessage === null ? "—" : row.serverCpuMsPerMessage.toFixed(2),
      `${f.messages - f.failures}/${f.messages}${f.failures ? ` !${f.failures} failed` : ""}`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const seq = r.rows.find((x) => x.server === "ours" && x.concurrency === 1)?.figures;
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  return [
    `HTTP mode: signed SMS ${r.body} from ${r.members} members to npm start and to the raw floor, ${r.rounds} round(s) each taking turns; ${r.pinned}; load ${r.loadAverage.before} → ${r.loadAverage.after}${r.nativeDb ? "" : "; no src/store/native-db.ts"}`,
    fmt(head),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...lines.map(fmt),
    `ours ÷ floor: sequential ${r.ratio.sequential.toFixed(2)} (target ≥ 1.0: ${met(r.targets.ratioSequential)}), ${HTTP_CONCURRENCY} in flight ${r.ratio.concurrent.toFixed(2)} (target ≥ 1.0: ${met(r.targets.ratioConcurrent)}); p99 sequential ${seq?.p99.toFixed(2) ?? "?"} ms (target ≤ 5 ms: ${met(r.targets.p99Sequential)})`,
  ].join("\n");
}
