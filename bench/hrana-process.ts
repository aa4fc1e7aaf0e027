// test/support/hrana-server.ts in a process of its own, for the bench's latency and Workers modes: the
// database's CPU is then not the app's (as at Turso). Forked with IPC: argv[2] is the directory of the
// database files; it sends { url } once listening, and answers { delay: ms } and { requests: true } with
// { requests, busyMs } (round trips so far, and the time spent answering them).
import { startHranaServer } from "../test/support/hrana-server.ts";

const server = await startHranaServer({ dir: process.argv[2] });
process.on("message", (m: { delay?: number; requests?: boolean; close?: boolean }) => {
  if (typeof m.delay === "number") server.setDelay(m.delay);
  if (m.close) void server.close().then(() => process.exit(0));
  else process.send?.({ requests: server.requests(), busyMs: server.busyMs(), delay: m.delay });
});
process.send?.({ url: server.url });
