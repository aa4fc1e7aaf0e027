// `npm run check:bundle`: the Worker bundle (built by `npm run build:worker` into dist/) against its
// budget, 264 KiB gzipped; exits 1 over it. Start-up cost on Workers grows with the bundle. In
// `npm test` the same budget is test/bench/bundle.test.ts; `npm run bench` reports it with start-up CPU.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

// 250 KiB until understanding in natural words (issue 12) added about 12 KiB of word data for three languages.
const BUDGET_KIB = 264;
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
