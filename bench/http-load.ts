// The HTTP mode's load generator, a process of its own (so the server under test keeps its core): signed
// Twilio webhooks over keep-alive connections, all built and signed before the clock starts. Reads one
// job as JSON on stdin, writes its figures as JSON on stdout.
import { Agent, request } from "node:http";
import { performance } from "node:perf_hooks";
import { percentile } from "./measure.ts";
import { smsRequest } from "./wire.ts";

export interface LoadJob {
  /** Base URL of the server, e.g. http://127.0.0.1:8787. */
  base: string;
  /** Senders, used round robin. */
  phones: string[];
  body: string;
  messages: number;
  concurrency: number;
  /** Unique per job: hex digits the MessageSids start with, so no message is a redelivery. */
  sidPrefix: string;
  /** Messages sent before the timed ones (same senders), untimed. */
  warmup?: number;
}

export interface LoadFigures {
  messages: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Answers other than 200. */
  failures: number;
  /** 200 answers whose body was TwiML (<Response>), and those holding a <Message>. */
  twiml: number;
  withMessage: number;
  /** One answer's body, to see what the server said. */
  sample: string;
  /** CPU of this process per message (the load generator's own cost). */
  driverCpuMsPerMessage: number;
  /** Every latency, sorted (so rounds can be pooled; dropped from the results file). */
  latencies?: number[];
}

/** Rounds of one job pooled: their messages and time added, percentiles over every latency. */
export function pool(rounds: LoadFigures[]): LoadFigures {
  const latencies = rounds.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b);
  const messages = rounds.reduce((n, r) => n + r.messages, 0);
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const sum = (key: "failures" | "twiml" | "withMessage") => rounds.reduce((n, r) => n + r[key], 0);
  return {
    messages,
    seconds,
    perSecond: messages / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    failures: sum("failures"),
    twiml: sum("twiml"),
    withMessage: sum("withMessage"),
    sample: rounds.find((r) => r.failures)?.sample ?? rounds[0]?.sample ?? "",
    driverCpuMsPerMessage: rounds.reduce((n, r) => n + r.driverCpuMsPerMessage * r.messages, 0) / messages,
  };
}

interface Prepared {
  path: string;
  headers: Record<string, string>;
  body: string;
}

function prepare(job: LoadJob, count: number, offset: number): Prepared[] {
  return Array.from({ length: count }, (_, i) => {
    const n = offset + i;
    const sid = `SM${job.sidPrefix}${n.toString(16).padStart(32 - job.sidPrefix.length, "0")}`;
    const init = smsRequest(job.phones[n % job.phones.length] ?? "", job.body, sid);
    const body = String(init.body);
    return {
      path: "/sms",
      headers: {
        ...(init.headers as Record<string, string>),
        "content-length": String(Buffer.byteLength(body)),
      },
      body,
    };
  });
}

export async function runLoad(job: LoadJob): Promise<LoadFigures> {
  const url = new URL(job.base);
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const send = (p: Prepared) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method: "POST", path: p.path, headers: p.headers, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on("error", reject);
        },
      );
      req.on("error", reject);
      req.end(p.body);
    });
  const run = async (list: Prepared[], concurrency: number, latencies?: number[]) => {
    let next = 0;
    let failures = 0;
    let twiml = 0;
    let withMessage = 0;
    let sample = "";
    const worker = async () => {
      while (next < list.length) {
        const p = list[next++] as Prepared;
        const t0 = performance.now();
        const res = await send(p);
        latencies?.push(performance.now() - t0);
        if (res.status !== 200) {
          failures++;
          sample ||= `${res.status} ${res.text.slice(0, 200)}`;
          continue;
        }
        if (res.text.includes("<Response>") || res.text.includes("<Response/>")) twiml++;
        if (res.text.includes("<Message")) withMessage++;
        sample ||= res.text.slice(0, 300);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { failures, twiml, withMessage, sample };
  };
  const warm = prepare(job, job.warmup ?? 0, 0);
  const timed = prepare(job, job.messages, warm.length);
  await run(warm, job.concurrency);
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const start = performance.now();
  const outcome = await run(timed, job.concurrency, latencies);
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    messages: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    ...outcome,
    driverCpuMsPerMessage: (used.user + used.system) / 1000 / Math.max(1, latencies.length),
    latencies,
  };
}

// Run as a process (bench/http.ts sets this): the job on stdin, the figures on stdout.
if (process.env.BENCH_LOAD_CHILD === "1") {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const figures = await runLoad(JSON.parse(Buffer.concat(chunks).toString()) as LoadJob);
  process.stdout.write(JSON.stringify(figures));
}
