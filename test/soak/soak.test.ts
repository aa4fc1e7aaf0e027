// The soak test in its short form (npm run soak runs it at full length): the real Node server on
// 127.0.0.1 driven by signed webhooks from 200 simulated members for ~30 s, then the ledger is
// checked against the driver's tally. The script exits 0 only when everything adds up.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

test("npm run soak, short form: exits 0 and prints throughput and latency", async () => {
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(`${ROOT}node_modules/.bin/tsx`, ["scripts/soak.ts"], {
      cwd: ROOT,
      env: { ...process.env, SOAK_SECONDS: "30" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("exit", (exitCode) => resolve({ code: exitCode, output }));
  });
  expect(code, output).toBe(0);
  expect(output).toMatch(/throughput \d+(\.\d+)? messages\/s/);
  expect(output).toMatch(/p50 \d+(\.\d+)? ms, p99 \d+(\.\d+)? ms/);
  expect(output).toContain("SOAK OK");
}, 90_000);
