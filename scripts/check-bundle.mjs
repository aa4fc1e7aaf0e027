// `npm run check:bundle`: the Worker bundle (built by `npm run build:worker` into dist/) against its
// budget (bench/bundle-budget.json, the one copy); exits 1 over it. Start-up cost on Workers grows with the bundle. In
// `npm test` the same budget is test/bench/bundle.test.ts; `npm run bench` reports it with start-up CPU.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import budget from "../bench/bundle-budget.json" with { type: "json" };

const BUDGET_KIB = budget.gzipKiB;
const dir = new URL("../dist/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => /\.(m?js|wasm)$/.test(f));
if (!files.length) {
  console.error("dist/ has no Worker bundle: run `npm run build:worker` first");
  process.exit(1);
}
const gzipped =
  files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0) / 1024;
const line = `Worker bundle: ${gzipped.toFixed(1)} KiB gzipped (budget ${BUDGET_KIB} KiB)`;
if (gzipped > BUDGET_KIB) {
  console.error(`${line}: over budget`);
  process.exit(1);
}
console.log(line);
