// npm run bench [-- --quick] [-- --out FILE]: the main flows through the real app on a WAL file
// database, on SMS and Telegram, sequential and with 8 in flight, next to the raw floor (signature
// check + one read batch + one write batch, no logic); the Worker bundle's size and start-up CPU; the
// Telegram step-by-step log against the same built with @grammyjs/conversations, at steps 1, 5 and 20;
// SMS segments of every reply template and of the log → confirm → notified loop, per language, as
// written and in plain letters. Prints tables and writes bench/results.json (or FILE, or
// $BENCH_OUT). BENCH_QUICK=1 = --quick: a few seconds, for CI (test/bench/bench-quick.test.ts).
//
// Three modes outside the process (issue 16), part of the full run, left out of --quick:
//   --http     npm start and the raw floor, each its own process on one core, under signed SMS BALANCE
//              from a load generator process (bench/http.ts)
//   --turso    the app on @libsql/client/http with 20 ms added to every round trip (bench/turso.ts)
//   --workerd  CPU per message inside workerd: a fresh isolate's first request, then warm (bench/workerd.ts)
// Given any of them, the bench runs only those (small with --quick) and writes them into the results
// file beside what a full run left there.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { measureConversations, renderConversations, STEPS } from "./conversations.ts";
import { type Channel, drive, FLOWS, type Flow } from "./flows.ts";
import { measureHttp, renderHttp } from "./http.ts";
import { type Figures, measure } from "./measure.ts";
import { addLoopPeople, measureSegments, renderSegments } from "./segments.ts";
import {
  createWorld,
  NOW,
  type Person,
  resetRequests,
  rows,
  type Send,
  sendSms,
  sendText,
  tgUser,
  type World,
} from "./setup.ts";
import { measureStartup, renderStartup } from "./startup.ts";
import { measureTurso, renderTurso } from "./turso.ts";
import { measureUnderstanding, renderUnderstanding } from "./understanding.ts";
import { measureWorkerd, renderWorkerd } from "./workerd.ts";

const quick = process.argv.includes("--quick") || process.env.BENCH_QUICK === "1";
const only = {
  http: process.argv.includes("--http"),
  turso: process.argv.includes("--turso"),
  workerd: process.argv.includes("--workerd"),
};
const partial = only.http || only.turso || only.workerd;
const outFlag = process.argv.indexOf("--out");
/** Where the results go: --out FILE, $BENCH_OUT, or bench/results.json. */
const OUT =
  (outFlag > 0 ? process.argv[outFlag + 1] : undefined) ??
  process.env.BENCH_OUT ??
  new URL("./results.json", import.meta.url).pathname;
/** People per conversation step and bot (ours and the plugin's) in the conversations comparison. */
const CONVERSATION_PEOPLE = quick ? 3 : 60;
/** Timed messages per flow, channel and mode. */
const MESSAGES = quick ? 16 : 300;
/** Untimed messages per flow and channel before its timed runs. */
const WARMUP = quick ? 4 : 30;
const CONCURRENCY = 8;
const CHANNELS: Channel[] = ["sms", "telegram"];
const MODES = [
  { mode: "sequential", concurrency: 1 },
  { mode: `concurrent c=${CONCURRENCY}`, concurrency: CONCURRENCY },
] as const;

interface Row {
  channel: Channel;
  flow: string;
  key: string;
  mode: string;
  concurrency: number;
  figures: Figures;
  /** Units whose effect is in the database, of those sent; inbound records written, of messages sent. */
  effects: { units: number; ok: number; inbound: number; inboundOk: number };
  vsFloor?: { p50: number; throughput: number; cpu: number };
}

const unitsFor = (flow: Pick<Flow, "length">, messages: number) => Math.ceil(messages / flow.length);

/** Members each channel needs: fresh ones for every unit, a pool for balances, loggers for YES. */
function membersNeeded(): number {
  const per = (f: Flow) => unitsFor(f, WARMUP) + MODES.length * unitsFor(f, MESSAGES);
  const balancePools = (1 + MODES.length) * 64;
  const own = FLOWS.filter((f) => f.key !== "balance" && f.key !== "partner-yes").reduce(
    (n, f) => n + per(f),
    0,
  );
  const yesLoggers = CHANNELS.length * per(FLOWS.find((f) => f.key === "partner-yes") as Flow);
  const conversations = STEPS.length * 2 * CONVERSATION_PEOPLE;
  return balancePools + own + yesLoggers + conversations + 64 + 16;
}

async function inboundCount(world: World): Promise<number> {
  const [row] = await rows(world, "SELECT COUNT(*) AS n FROM inbound_messages");
  return Number(row?.n ?? 0);
}

function floorUnits(channel: Channel, people: Person[], messages: number): Send[][] {
  return Array.from({ length: messages }, (_, i) => {
    const p = people[i % people.length] as Person;
    return [channel === "sms" ? sendSms(p.phone, "SALDO") : sendText(tgUser(p), "SALDO")];
  });
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** The out-of-process modes asked for, measured, printed, and merged into the results file. */
async function modes(): Promise<void> {
  const began = performance.now();
  const report: Record<string, unknown> = {};
  try {
    if (existsSync(OUT)) Object.assign(report, JSON.parse(readFileSync(OUT, "utf8")));
  } catch {
    // An unreadable file is replaced.
  }
  const out: string[] = [];
  if (only.http) {
    log("bench: HTTP mode");
    report.http = await measureHttp({ quick, log });
    out.push(renderHttp(report.http as Awaited<ReturnType<typeof measureHttp>>), "");
  }
  if (only.turso) {
    log("bench: Turso-like latency");
    report.turso = await measureTurso({ quick, log });
    out.push(renderTurso(report.turso as Awaited<ReturnType<typeof measureTurso>>), "");
  }
  if (only.workerd) {
    // Start-up is part of the goal: measured again here (wrangler check startup; not in quick).
    if (!quick) {
      log("bench: Worker bundle and start-up");
      report.startup = await measureStartup(false);
      out.push(renderStartup(report.startup as Awaited<ReturnType<typeof measureStartup>>), "");
    }
    log("bench: Workers CPU in workerd");
    report.workerd = await measureWorkerd({ quick, log });
    const startup = report.startup as { workerd?: { activeMsMedian?: number } } | undefined;
    out.push(
      renderWorkerd(
        report.workerd as Awaited<ReturnType<typeof measureWorkerd>>,
        startup?.workerd?.activeMsMedian,
      ),
      "",
    );
  }
  process.stdout.write(out.join("\n"));
  writeFileSync(OUT, `${toJson(report)}\n`);
  log(`bench: ${((performance.now() - began) / 1000).toFixed(1)} s; wrote ${OUT}`);
}

// Arrays of numbers on one line, as Biome formats JSON (bench/results.json is inside its checks).
function toJson(report: unknown): string {
  return JSON.stringify(report, null, 2).replace(
    /\[\s*(-?[\d.]+(?:,\s*-?[\d.]+)*)\s*\]/g,
    (_, list: string) => `[${list.split(/,\s*/).join(", ")}]`,
  );
}

async function main(): Promise<void> {
  const began = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  // First, while nothing else of the bench runs: it starts processes of its own.
  log("bench: Worker bundle and start-up");
  const startup = await measureStartup(quick);
  log(`  ${renderStartup(startup).replace(/\n/g, "\n  ")}`);
  const world = await createWorld(membersNeeded(), addLoopPeople);
  const journal = String((await world.raw.execute("PRAGMA journal_mode")).rows[0]?.journal_mode ?? "?");
  const synchronous = Number((await world.raw.execute("PRAGMA synchronous")).rows[0]?.synchronous ?? -1);
  log(
    `bench: ${quick ? "quick" : "full"}, ${MESSAGES} timed messages per flow and mode, database ${journal}`,
  );
  // Every partner contact has written once, so a measured YES is not their first message.
  const contacts = Object.values(world.contacts).flat();
  await drive(world.app, [
    ...contacts.map((c) => [sendSms(c.phone, "HELP")]),
    ...contacts.map((c) => [sendText(tgUser(c), "HELP")]),
  ]);
  const results: Row[] = [];
  const floors: Row[] = [];
  for (const channel of CHANNELS) {
    // The floor first: same requests, same database, no logic.
    const people = world.take(channel, 64);
    await measure(world.floor, world.floorDb, floorUnits(channel, people, WARMUP * 4), 1);
    for (const { mode, concurrency } of MODES) {
      const figures = await measure(
        world.floor,
        world.floorDb,
        floorUnits(channel, people, MESSAGES),
        concurrency,
      );
      floors.push({
        channel,
        flow: "raw floor",
        key: "floor",
        mode,
        concurrency,
        figures,
        effects: { units: MESSAGES, ok: MESSAGES, inbound: MESSAGES, inboundOk: MESSAGES },
      });
      log(`  ${channel} floor ${mode}: ${figures.perSecond.toFixed(0)} msg/s`);
    }
    for (const flow of FLOWS) {
      await resetRequests(world);
      const warm = await flow.prepare(world, channel, unitsFor(flow, WARMUP));
      await drive(world.app, warm.units, 1);
      for (const { mode, concurrency } of MODES) {
        await resetRequests(world);
        const plan = await flow.prepare(world, channel, unitsFor(flow, MESSAGES));
        const inboundBefore = await inboundCount(world);
        const figures = await measure(world.app, world.db, plan.units, concurrency);
        const inbound = (await inboundCount(world)) - inboundBefore;
        const ok = await plan.check();
        const floor = floors.find((f) => f.channel === channel && f.mode === mode)?.figures;
        results.push({
          channel,
          flow: flow.name,
          key: flow.key,
          mode,
          concurrency,
          figures,
          effects: { units: plan.units.length, ok, inbound: figures.messages, inboundOk: inbound },
          ...(floor
            ? {
                vsFloor: {
                  p50: figures.p50 / floor.p50,
                  throughput: figures.perSecond / floor.perSecond,
                  cpu: figures.cpuMsPerMessage / floor.cpuMsPerMessage,
                },
              }
            : {}),
        });
        log(
          `  ${channel} ${flow.key} ${mode}: ${figures.perSecond.toFixed(0)} msg/s, ok ${ok}/${plan.units.length}`,
        );
      }
    }
  }
  await resetRequests(world);
  log("bench: Telegram step-by-step log, ours against @grammyjs/conversations");
  const conversations = await measureConversations(world, CONVERSATION_PEOPLE, () => resetRequests(world));
  log("bench: SMS segments");
  const segments = await measureSegments(world);
  log("bench: understanding on the corpus");
  const understanding = measureUnderstanding(quick ? 3 : 20);
  // Out of process: the app's world here is idle meanwhile (its database closed only at the end).
  let http: Awaited<ReturnType<typeof measureHttp>> | undefined;
  let turso: Awaited<ReturnType<typeof measureTurso>> | undefined;
  let workerd: Awaited<ReturnType<typeof measureWorkerd>> | undefined;
  if (!quick) {
    log("bench: HTTP mode");
    http = await measureHttp({ quick, log });
    log("bench: Turso-like latency");
    turso = await measureTurso({ quick, log });
    log("bench: Workers CPU in workerd");
    workerd = await measureWorkerd({ quick, log });
  }
  const seconds = (performance.now() - began) / 1000;
  const table = render([...floors, ...results]);
  process.stdout.write(
    [
      table,
      "",
      renderStartup(startup),
      "",
      `Telegram step-by-step log, per update at step N: ours against @grammyjs/conversations (${CONVERSATION_PEOPLE} people a step)`,
      renderConversations(conversations),
      "",
      "SMS segments (as written, and plain letters)",
      renderSegments(segments),
      "",
      renderUnderstanding(understanding),
      "",
      ...(http ? [renderHttp(http), ""] : []),
      ...(turso ? [renderTurso(turso), ""] : []),
      ...(workerd
        ? [
            renderWorkerd(
              workerd,
              "activeMsMedian" in startup.workerd ? startup.workerd.activeMsMedian : undefined,
            ),
            "",
          ]
        : []),
    ].join("\n"),
  );
  const libsql = JSON.parse(
    readFileSync(new URL("../node_modules/@libsql/client/package.json", import.meta.url), "utf8"),
  ) as { version: string };
  const report = {
    date: new Date().toISOString(),
    quick,
    seconds: Number(seconds.toFixed(1)),
    machine: {
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
      platform: `${platform()} ${release()}`,
      // Other work on the machine skews every figure: the 1-minute load average before and after.
      loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number((loadavg()[0] ?? 0).toFixed(2)) },
    },
    node: process.version,
    libsqlClient: libsql.version,
    settings: {
      timedMessagesPerFlowAndMode: MESSAGES,
      warmupMessagesPerFlow: WARMUP,
      concurrency: CONCURRENCY,
      database: `temporary file, journal_mode=${journal}, synchronous=${synchronous} (1 = NORMAL), one connection`,
      clock: NOW,
      driver:
        "app.request() in process; SMS signed with HMAC-SHA1 (node:crypto), Telegram with the secret header",
    },
    notes: [
      "Round trips per message count every batch and execute the request made; the outbox delivery claim that runner.ts starts eagerly (deliverDue) is answered with no rows by the counting Db and reported separately as deliveryClaims, so delivery never runs.",
      "vsFloor: p50 and CPU as a multiple of the raw floor's (same channel and mode); throughput as a fraction of the floor's.",
      "Between phases, open requests are expired and settled ones moved out of the 30-day window (see resetRequests in bench/run.ts).",
      "Partner YES on Telegram is a press on the ✅ button (callback c:CODE:y); every other Telegram message is text.",
      "Partner YES: all of a phase's requests are opened first, over four partners with eight contacts each, so a partner starts the phase with messages/4 open requests (every message from a contact reads its partners' open and recently settled requests).",
      "Every message reads every open request code of the scheme; the one-line log phase ends with up to `messages` open codes at The Staithe.",
      "Events' capacity is raised to 100000 in the bench's copy of the demo scheme, so bookings never fill an event.",
      "The rate limit is raised to 100000 messages in the bench's copy of the demo scheme: the bench's clock stands still, so the default (20 in 10 minutes) would silence partner contacts part-way through.",
    ],
    floor: floors.map(strip),
    results: results.map(strip),
    startup,
    conversations,
    segments,
    understanding,
    ...(http ? { http } : {}),
    ...(turso ? { turso } : {}),
    ...(workerd ? { workerd } : {}),
  };
  writeFileSync(OUT, `${toJson(report)}\n`);
  for (const r of results)
    for (const [why, n] of Object.entries(r.figures.errors))
      log(`  ${r.channel} ${r.key} ${r.mode}: ${n} round trip(s) failed and were retried: ${why}`);
  log(`bench: ${seconds.toFixed(1)} s; ${world.skippedDeliveries()} delivery claims skipped; wrote ${OUT}`);
  world.close();
}

function strip(r: Row) {
  const f = r.figures;
  const round = (x: number, d = 3) => Number(x.toFixed(d));
  return {
    channel: r.channel,
    flow: r.key,
    name: r.flow,
    mode: r.mode,
    concurrency: r.concurrency,
    messages: f.messages,
    failures: f.failures,
    messagesPerSecond: round(f.perSecond, 1),
    p50Ms: round(f.p50),
    p99Ms: round(f.p99),
    maxMs: round(f.max),
    cpuMsPerMessage: round(f.cpuMsPerMessage),
    roundTripsPerMessage: round(f.roundTrips),
    readsPerMessage: round(f.reads),
    writesPerMessage: round(f.writes),
    otherTripsPerMessage: round(f.other),
    deliveryClaimsPerMessage: round(f.deliveryClaims),
    messagesOverBudget: f.overBudget,
    failedTrips: f.errors,
    effects: r.effects,
    ...(r.vsFloor
      ? {
          vsFloor: {
            p50: round(r.vsFloor.p50, 2),
            throughput: round(r.vsFloor.throughput, 3),
            cpu: round(r.vsFloor.cpu, 2),
          },
        }
      : {}),
  };
}

function render(all: Row[]): string {
  const head = [
    "channel",
    "flow",
    "mode",
    "msg/s",
    "p50 ms",
    "p99 ms",
    "CPU ms/msg",
    "RT/msg (R+W)",
    "p50 ×floor",
    "msg/s ÷floor",
    "ok",
  ];
  const lines = all.map((r) => {
    const f = r.figures;
    const other = f.other ? `+${f.other.toFixed(2)}` : "";
    return [
      r.channel,
      r.key,
      r.mode,
      f.perSecond.toFixed(0),
      f.p50.toFixed(2),
      f.p99.toFixed(2),
      f.cpuMsPerMessage.toFixed(2),
      `${f.roundTrips.toFixed(2)} (${f.reads.toFixed(2)}+${f.writes.toFixed(2)}${other})`,
      r.vsFloor ? `${r.vsFloor.p50.toFixed(1)}×` : "—",
      r.vsFloor ? r.vsFloor.throughput.toFixed(2) : "—",
      `${r.effects.ok}/${r.effects.units}${f.failures ? ` !${f.failures} failed` : ""}${
        f.overBudget ? ` (${f.overBudget} over budget)` : ""
      }${
        r.effects.inboundOk !== r.effects.inbound
          ? ` !inbound ${r.effects.inboundOk}/${r.effects.inbound}`
          : ""
      }`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const numeric = new Set([3, 4, 5, 6, 8, 9]);
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  return [fmt(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(fmt)].join("\n");
}

await (partial ? modes() : main());
