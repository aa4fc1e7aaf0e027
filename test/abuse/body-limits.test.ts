// F6: request bodies are limited before anything reads them. A 3 MB POST is answered 413 having read
// at most the limit (the test counts the bytes the app pulls from the stream), with or without a
// Content-Length, on every route that takes a body; nothing is recorded. A real socket too: the
// server's memory does not grow by the body's size.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { SCHEME_IMPORT_BYTES, WEBHOOK_BODY_BYTES } from "../../src/lib/body-limits.ts";
import { ADMIN_TOKEN } from "../admin/support.ts";
import { createHarness, type Harness } from "../support/harness.ts";
import { WEBHOOK_SECRET } from "../support/telegram.ts";

const MB3 = 3 * 1024 * 1024;
const CHUNK = 16 * 1024;

/** A body of `size` bytes of "x" that records how many bytes were pulled from it. */
function countingBody(size: number, prefix = "") {
  const pulled = { bytes: 0 };
  const encoder = new TextEncoder();
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const text = sent === 0 ? prefix + "x".repeat(CHUNK - prefix.length) : "x".repeat(CHUNK);
      const chunk = encoder.encode(text);
      sent += chunk.length;
      pulled.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

/**
 * The status of a 3 MB POST over a real socket, written in 64 KB pieces. The server answers 413 as
 * soon as it sees the length and closes the connection while the body is still being written: the
 * writing stops when the answer is in, and a reset after it is the point, not a failure.
 */
function post(port: number, path: string, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let status: number | undefined;
    const req = request({
      host: "127.0.0.1",
      port,
      path,
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": size },
    });
    req.on("response", (res) => {
      status = res.statusCode;
      res.resume();
      resolve(status ?? 0);
    });
    req.on("error", (error) => (status === undefined ? reject(error) : resolve(status)));
    const piece = Buffer.alloc(64 * 1024, "x");
    const write = async () => {
      for (let sent = 0; sent < size && status === undefined && !req.destroyed; sent += piece.length) {
        req.write(piece);
        await new Promise((r) => setTimeout(r, 1));
      }
      if (status === undefined) req.end();
    };
    void write();
  });
}

let h: Harness;
beforeAll(async () => {
  h = await createHarness({
    env: {
      ADMIN_TOKEN,
      TELEGRAM_BOT_TOKEN: "123456:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0",
      TELEGRAM_WEBHOOK_SECRET: WEBHOOK_SECRET,
    },
  });
});

const routes: Array<{ path: string; type: string; headers?: Record<string, string> }> = [
  { path: "/sms", type: "application/x-www-form-urlencoded", headers: { "x-twilio-signature": "x" } },
  {
    path: "/telegram",
    type: "application/json",
    headers: { "x-telegram-bot-api-secret-token": WEBHOOK_SECRET },
  },
  { path: "/admin/login", type: "application/x-www-form-urlencoded" },
  {
    path: "/admin/api/broadcasts",
    type: "application/json",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  },
  {
    path: "/admin/api/scheme",
    type: "application/json",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  },
  { path: "/sim/api/send", type: "application/json" },
];

describe("a 3 MB body", () => {
  test.each(routes)(
    "POST $path streamed (no Content-Length) → 413, read no further than the limit",
    async (r) => {
      const before = await h.rows("SELECT COUNT(*) AS n FROM inbound_messages");
      const { stream, pulled } = countingBody(MB3);
      const res = await h.app.request(r.path, {
        method: "POST",
        headers: { "content-type": r.type, ...r.headers },
        body: stream,
        // @ts-expect-error Node's fetch needs this for a streamed body
        duplex: "half",
      });
      expect(res.status).toBe(413);
      const limit = r.path === "/admin/api/scheme" ? SCHEME_IMPORT_BYTES : WEBHOOK_BODY_BYTES;
      // The stream is pulled a chunk or two ahead of the count; never anywhere near 3 MB.
      expect(pulled.bytes).toBeLessThanOrEqual(limit + 4 * CHUNK);
      expect(await h.rows("SELECT COUNT(*) AS n FROM inbound_messages")).toEqual(before);
    },
  );

  test.each(routes)("POST $path with Content-Length: 3 MB → 413 before a byte is read", async (r) => {
    const { stream, pulled } = countingBody(MB3);
    const res = await h.app.request(r.path, {
      method: "POST",
      headers: { "content-type": r.type, "content-length": String(MB3), ...r.headers },
      body: stream,
      // @ts-expect-error Node's fetch needs this for a streamed body
      duplex: "half",
    });
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(CHUNK);
  });

  test("a scheme file of 900 KB is within the import's 1 MB limit (refused for what it says, not its size)", async () => {
    const res = await h.app.request("/admin/api/scheme", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ padding: "x".repeat(900_000) }),
    });
    expect(res.status).toBe(400);
  });
});

describe("over a real socket", () => {
  let server: ChildProcess;
  let port: number;
  let output = "";
  beforeAll(async () => {
    port = 28_600 + Math.floor(Math.random() * 300);
    const dir = mkdtempSync(join(tmpdir(), "tc-body-"));
    server = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
      env: {
        ...process.env,
        NODE_ENV: "development",
        PORT: String(port),
        DATABASE_URL: `file:${dir}/db.sqlite`,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (d) => {
      output += String(d);
    });
    server.stderr?.on("data", (d) => {
      output += String(d);
    });
    const deadline = Date.now() + 30_000;
    while (!output.includes("listening on")) {
      if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 40_000);
  afterAll(() => {
    server?.kill();
  });

  /** The server's peak resident memory so far, in kB (Linux's VmHWM). */
  const peakKb = () => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, "utf8"))?.[1]);

  test("ten 3 MB POSTs to /sms get 413 and the server's peak memory grows by less than 10 MB", async () => {
    // Warm up the route so the first-request costs (module loading, JIT) are not counted.
    await fetch(`http://127.0.0.1:${port}/sms`, { method: "POST", body: "Body=hi" });
    const before = peakKb();
    for (let i = 0; i < 10; i++) expect(await post(port, "/sms", MB3)).toBe(413);
    expect(peakKb() - before).toBeLessThan(10 * 1024);
  });
});
