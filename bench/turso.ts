// Turso-like latency mode (issue 16, goal 6): the app on @libsql/client/http (as the Worker opens it)
// against the Hrana test server in a process of its own, every round trip held back DELAY_MS (half
// each way). Per flow (SMS), p50 per message against 2 round trips × DELAY_MS + 5 ms; then 16 members
// at once, 10 balances each, to show messages from different people are not queued behind each other.

import { loadavg } from "node:os";
import { createClient } from "@libsql/client/http";
import { createApp } from "../src/app.ts";
import type { Deps } from "../src/deps.ts";
import { countingDb, emptyResult } from "../test/support/counting-db.ts";
import { drive, FLOWS, type Flow } from "./flows.ts";
import { startRemoteHrana } from "./hrana-client.ts";
import { currentMessage, type Figures, measure } from "./measure.ts";
import { createWorld, isDeliveryClaim, resetRequests, type Send, sendSms, type World } from "./setup.ts";

export const DELAY_MS = 20;
export const TURSO_TARGET_MS = 2 * DELAY_MS + 5;
const PARALLEL_MEMBERS = 16;
const PARALLEL_EACH = 10;

export interface TursoFlowRow {
  flow: string;
  name: string;
  figures: Figures;
  /** HTTP requests the server answered per message (each a round trip). */
  httpPerMessage: number;
  /** The Hrana server's own time per message (JSON, SQLite; not its delay): Turso's would differ. */
  serverMsPerMessage: number;
  ok: number;
  units: number;
  withinTarget: boolean;
}

export interface TursoReport {
  date: string;
  loadAverage: { before: number; after: number };
  delayMs: number;
  targetMs: number;
  flows: TursoFlowRow[];
  parallel: {
    members: number;
    messagesEach: number;
    messages: number;
    wallSeconds: number;
    /** 160 / 16 × the sequential balance p50: the wall time if nobody waits for anybody else. */
    expectedSeconds: number;
    /** 160 × that p50: the wall time if every message waited for the one before. */
    serialisedSeconds: number;
    ratio: number;
    /** CPU this process spent on those messages: the wall time can be no shorter on one thread. */
    cpuSeconds: number;
    p50: number;
    p99: number;
    notSerialised: boolean;
  };
  notes: string[];
}

const unitsFor = (flow: Flow, messages: number) => Math.ceil(messages / flow.length);

export async function measureTurso(options: { quick: boolean; log?: (line: string) => void }) {
  const log = options.log ?? (() => undefined);
  const messages = options.quick ? 8 : 60;
  const warmup = options.quick ? 2 : 20;
  const loadBefore = loadavg()[0] ?? 0;
  const local = await createWorld(messages * 6 + warmup * 6 + PARALLEL_MEMBERS + 64);
  const hrana = await startRemoteHrana(local.dir);
  // The world's database file (bench.db), now reached over HTTP as the Worker reaches Turso.
  const client = createClient({ url: hrana.databaseUrl("bench"), intMode: "number" });
  const db = countingDb(client, {
    tag: () => currentMessage.getStore(),
    intercept: (statements) => (isDeliveryClaim(statements) ? emptyResult() : undefined),
  });
  const deps: Deps = { ...local.deps, db };
  // Setup goes through this app too (no delay then); checks read the file directly (world.raw).
  const world: World = { ...local, db, deps, app: createApp(deps) };
  const flows: TursoFlowRow[] = [];
  try {
    for (const flow of FLOWS) {
      await resetRequests(world);
      const warm = await flow.prepare(world, "sms", unitsFor(flow, warmup));
      await drive(world.app, warm.units, 1);
      const plan = await flow.prepare(world, "sms", unitsFor(flow, messages));
      await hrana.setDelay(DELAY_MS);
      const before = await hrana.requests();
      const figures = await measure(world.app, db, plan.units, 1);
      const after = await hrana.requests();
      await hrana.setDelay(0);
      const ok = await plan.check();
      flows.push({
        flow: flow.key,
        name: flow.name,
        figures,
        httpPerMessage: (after.requests - before.requests) / figures.messages,
        serverMsPerMessage: (after.busyMs - before.busyMs) / figures.messages,
        ok,
        units: plan.units.length,
        withinTarget: figures.p50 <= TURSO_TARGET_MS,
      });
      log(`  turso ${flow.key}: p50 ${figures.p50.toFixed(1)} ms, ok ${ok}/${plan.units.length}`);
    }
    // 16 members, each sending its next balance once the last is answered, all 16 at once.
    await resetRequests(world);
    const people = world.take("sms", PARALLEL_MEMBERS);
    await drive(
      world.app,
      people.map((p) => [sendSms(p.phone, "HELP")]),
    );
    const units: Send[][] = people.map((p) =>
      Array.from({ length: PARALLEL_EACH }, () => sendSms(p.phone, "SALDO")),
    );
    await hrana.setDelay(DELAY_MS);
    const figures = await measure(world.app, db, units, PARALLEL_MEMBERS);
    await hrana.setDelay(0);
    const p50 = flows.find((f) => f.flow === "balance")?.figures.p50 ?? Number.NaN;
    const total = PARALLEL_MEMBERS * PARALLEL_EACH;
    const expectedSeconds = (total / PARALLEL_MEMBERS) * (p50 / 1000);
    const ratio = figures.seconds / expectedSeconds;
    log(
      `  turso ${PARALLEL_MEMBERS} members at once: ${figures.seconds.toFixed(2)} s (${ratio.toFixed(2)}×)`,
    );
    return {
      date: new Date().toISOString(),
      loadAverage: { before: Number(loadBefore.toFixed(2)), after: Number((loadavg()[0] ?? 0).toFixed(2)) },
      delayMs: DELAY_MS,
      targetMs: TURSO_TARGET_MS,
      flows,
      parallel: {
        members: PARALLEL_MEMBERS,
        messagesEach: PARALLEL_EACH,
        messages: figures.messages,
        wallSeconds: figures.seconds,
        expectedSeconds,
        serialisedSeconds: total * (p50 / 1000),
        ratio,
        cpuSeconds: (figures.cpuMsPerMessage * figures.messages) / 1000,
        p50: figures.p50,
        p99: figures.p99,
        // Within half as much again as no waiting at all, far from the 16× of one at a time.
        notSerialised: ratio <= 1.5,
      },
      notes: [
        `Every HTTP request to the Hrana server waits ${DELAY_MS / 2} ms before it runs and ${DELAY_MS / 2} ms before its answer (test/support/hrana-server.ts delayMs), in a process of its own (bench/hrana-process.ts).`,
        "The app: createApp with @libsql/client/http (as src/worker.ts), SMS, sequential; the outbox delivery claim is answered by the counting Db without a round trip, as in process.",
        "httpPerMessage counts the HTTP requests the server answered during the flow's timed messages; serverMsPerMessage is the Hrana server's own time on them (a JavaScript server preparing every statement: real Turso's would differ), part of the p50.",
      ],
    } satisfies TursoReport;
  } finally {
    client.close();
    await hrana.close();
    local.close();
  }
}

export function renderTurso(r: TursoReport): string {
  const head = [
    "flow",
    "p50 ms",
    "p99 ms",
    "CPU ms/msg",
    "server ms/msg",
    "RT/msg (R+W)",
    "HTTP req/msg",
    "target",
    "ok",
  ];
  const lines = r.flows.map((f) => [
    f.flow,
    f.figures.p50.toFixed(1),
    f.figures.p99.toFixed(1),
    f.figures.cpuMsPerMessage.toFixed(2),
    f.serverMsPerMessage.toFixed(2),
    `${f.figures.roundTrips.toFixed(2)} (${f.figures.reads.toFixed(2)}+${f.figures.writes.toFixed(2)})`,
    f.httpPerMessage.toFixed(2),
    `≤ ${r.targetMs} ms: ${f.withinTarget ? "met" : "NOT met"}`,
    `${f.ok}/${f.units}${f.figures.failures ? ` !${f.figures.failures} failed` : ""}`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 1 && i <= 6 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const p = r.parallel;
  return [
    `Turso-like latency: every round trip +${r.delayMs} ms (Hrana over HTTP, @libsql/client/http), SMS, sequential; load ${r.loadAverage.before} → ${r.loadAverage.after}`,
    fmt(head),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...lines.map(fmt),
    `${p.members} members at once, ${p.messagesEach} balances each (${p.messages} messages): ${p.wallSeconds.toFixed(2)} s; ${p.messages}/${p.members} × balance p50 = ${p.expectedSeconds.toFixed(2)} s, one at a time would be ${p.serialisedSeconds.toFixed(1)} s → ${p.ratio.toFixed(2)}× the unqueued time (${p.notSerialised ? "not serialised" : "NOT met"}); p50 ${p.p50.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms; the app's own CPU for them ${p.cpuSeconds.toFixed(2)} s${p.cpuSeconds > p.expectedSeconds ? " (more than the unqueued time: bound by CPU, not by the database)" : ""}`,
  ].join("\n");
}
