// `npm run bench -- --quick` in CI: it runs, exits 0 and writes valid JSON with every section. The
// figures are read by people, not asserted (no timings here). It writes to a temporary file (--out),
// so bench/results.json from a full run is left alone.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import budget from "../../bench/bundle-budget.json" with { type: "json" };

const ROOT = new URL("../../", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "timecredits-bench-quick-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the bench in quick mode runs and writes every section", { timeout: 180_000 }, () => {
  const out = join(dir, "results.json");
  // What `npm run bench -- --quick --out FILE` runs (package.json: tsx bench/run.ts), on this Node.
  const run = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "bench/run.ts", "--quick", "--out", out],
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, BENCH_OUT: "" }, maxBuffer: 1 << 26 },
  );
  expect(run.status, `bench exited ${run.status}:\n${run.stderr.slice(-3000)}`).toBe(0);
  expect(run.stdout).toContain("| channel");
  const report = JSON.parse(readFileSync(out, "utf8"));
  expect(report.quick).toBe(true);

  const flows = new Set(report.results.map((r: { flow: string }) => r.flow));
  expect([...flows].sort()).toEqual(["balance", "booking", "log-line", "log-steps", "partner-yes"]);
  expect(report.floor.length).toBeGreaterThan(0);
  for (const r of [...report.floor, ...report.results]) {
    expect(r.failures, `${r.channel} ${r.flow} ${r.mode}`).toBe(0);
    expect(r.messagesPerSecond).toBeGreaterThan(0);
  }
  for (const r of report.results) expect(r.effects.ok, `${r.channel} ${r.flow}`).toBe(r.effects.units);

  expect(report.understanding.heldOut.all.lines).toBeGreaterThan(0);
  expect(report.understanding.cpuMsPerMessage).toBeGreaterThan(0);
  expect(run.stdout).toContain("Understanding, held-out part");
  expect(report.startup.bundle.gzipKiB).toBeGreaterThan(0);
  expect(report.startup.bundle.budgetKiB).toBe(budget.gzipKiB);
  expect(report.startup.evaluate.cpuMsMedian).toBeGreaterThan(0);
  expect(report.startup.firstRequest.cpuMsMedian).toBeGreaterThan(0);

  expect(report.conversations.steps.map((s: { step: number }) => s.step)).toEqual([1, 5, 20]);
  for (const s of report.conversations.steps) {
    expect(s.ours.updates).toBeGreaterThan(0);
    expect(s.plugin.updates).toBe(s.ours.updates);
    expect(s.ratio.p50).toBeGreaterThan(0);
  }

  expect(report.segments.templates.length).toBeGreaterThan(100);
  expect(report.segments.summary.map((s: { lang: string }) => s.lang)).toEqual(["en", "pl", "lv"]);
  for (const loop of report.segments.loop) {
    const roles = loop.messages.map((m: { role: string }) => m.role);
    expect(roles, loop.lang).toContain("partner: confirm request");
    expect(roles, loop.lang).toContain("member: notified");
    expect(loop.segmentsPlain).toBeLessThanOrEqual(loop.segments);
  }
});
