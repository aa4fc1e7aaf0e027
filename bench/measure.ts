// Runs units of messages against an app, sequentially or with N in flight, and measures every
// message: wall-clock latency (performance.now), CPU time (process.cpuUsage), and round trips (the
// counting Db's log, by kind).
import { AsyncLocalStorage } from "node:async_hooks";
import { performance } from "node:perf_hooks";
import type { Hono } from "hono";
import type { CountingDb, Trip, TripKind } from "../test/support/counting-db.ts";
import type { Send } from "./setup.ts";

/** The message being handled, so the counting Db can say which message each round trip served. */
export const currentMessage = new AsyncLocalStorage<number>();
let messageIds = 0;

export interface Figures {
  messages: number;
  /** Answers other than 200. */
  failures: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  cpuMsPerMessage: number;
  /** Round trips per message, all kinds; intercepted delivery claims excluded. */
  roundTrips: number;
  reads: number;
  writes: number;
  /** Anything else (execute, deferred batch) per message. */
  other: number;
  /** Outbox delivery claims answered without the database, per message (see setup.ts). */
  deliveryClaims: number;
  /** Messages that cost more than one read batch and one write batch, or any other trip. */
  overBudget: number;
  /** Why round trips failed (a lost race, a unique key), with how often: the cause of retries. */
  errors: Record<string, number>;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export async function measure(
  target: Hono,
  db: CountingDb,
  units: Send[][],
  concurrency: number,
): Promise<Figures> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const tripsBefore = db.trips.length;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const worker = async () => {
    while (next < units.length) {
      const unit = units[next++] ?? [];
      for (const send of unit) {
        const id = ++messageIds;
        const t0 = performance.now();
        const res = await currentMessage.run(id, () => send(target));
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 200) failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const trips = db.trips.slice(tripsBefore);
  const n = latencies.length;
  const by = (kinds: TripKind[]) => trips.filter((t) => !t.intercepted && kinds.includes(t.kind)).length / n;
  latencies.sort((a, b) => a - b);
  const perMessage = new Map<unknown, Trip[]>();
  const errors: Record<string, number> = {};
  for (const t of trips) {
    if (t.intercepted) continue;
    perMessage.set(t.tag, [...(perMessage.get(t.tag) ?? []), t]);
    if (t.error) {
      const why = t.error.replace(/\s+/g, " ").slice(0, 120);
      errors[why] = (errors[why] ?? 0) + 1;
    }
  }
  let overBudget = 0;
  for (const list of perMessage.values()) {
    const reads = list.filter((t) => t.kind === "read").length;
    const writes = list.filter((t) => t.kind === "write").length;
    if (reads > 1 || writes > 1 || list.length > reads + writes) overBudget++;
  }
  return {
    messages: n,
    failures,
    seconds,
    perSecond: n / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    cpuMsPerMessage: (used.user + used.system) / 1000 / n,
    roundTrips: trips.filter((t) => !t.intercepted).length / n,
    reads: by(["read"]),
    writes: by(["write"]),
    other: by(["execute", "executeMultiple", "deferred"]),
    deliveryClaims: trips.filter((t) => t.intercepted).length / n,
    overBudget,
    errors,
  };
}
