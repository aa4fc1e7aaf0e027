// The Worker bundle budget (bench/bundle-budget.json, the one copy), measured on the real build (`npm run build:worker`, which
// `npm test` runs just before vitest). A dist/ older than the sources is not trusted: the test then
// builds into a temporary directory the same way. Also checks the cut that keeps the bundle small:
// libphonenumber-js runs on a subset of its metadata (src/lib/phone.ts), which must stay what
// scripts/phone-metadata.mjs writes and still read numbers of every country.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import { afterAll, describe, expect, test } from "vitest";
import budget from "../../bench/bundle-budget.json" with { type: "json" };
// @ts-expect-error: a plain .mjs script, without types.
import { phoneMetadata } from "../../scripts/phone-metadata.mjs";
import { toE164 } from "../../src/lib/phone.ts";

// Why it is what it is, and what raised it each time: bench/bundle-budget.json.
const BUDGET_KIB = budget.gzipKiB;
const ROOT = new URL("../../", import.meta.url).pathname;
const temp: string[] = [];
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** Newest modification time of the files the bundle is built from. */
function newestSource(): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk(join(ROOT, "src"));
  walk(join(ROOT, "locales"));
  for (const f of ["wrangler.toml", "package-lock.json"])
    newest = Math.max(newest, statSync(join(ROOT, f)).mtimeMs);
  return newest;
}

function workerBundle(): { file: string; from: string } {
  const dist = join(ROOT, "dist/worker.js");
  if (existsSync(dist) && statSync(dist).mtimeMs >= newestSource())
    return { file: dist, from: "dist/ (npm run build:worker)" };
  const out = mkdtempSync(join(tmpdir(), "timecredits-bundle-"));
  temp.push(out);
  execFileSync(join(ROOT, "node_modules/.bin/wrangler"), ["deploy", "--dry-run", "--outdir", out], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
    stdio: "pipe",
  });
  return {
    file: join(out, "worker.js"),
    from: "a fresh wrangler deploy --dry-run (dist/ was missing or stale)",
  };
}

describe("Worker bundle", () => {
  test(`is at most ${BUDGET_KIB} KiB gzipped`, { timeout: 120_000 }, () => {
    const { file, from } = workerBundle();
    const kib = gzipSync(readFileSync(file), { level: 9 }).length / 1024;
    const message =
      `Worker bundle is ${kib.toFixed(1)} KiB gzipped (${from}); the budget is ${BUDGET_KIB} KiB. ` +
      "Find what grew with `wrangler deploy --dry-run --outdir /tmp/w --metafile /tmp/meta.json` and cut it " +
      "(README, Performance: what is in the bundle).";
    expect(kib, message).toBeLessThanOrEqual(BUDGET_KIB);
  });

  test("is minified and has no Node built-ins (no nodejs_compat)", { timeout: 120_000 }, () => {
    const { file } = workerBundle();
    const text = readFileSync(file, "utf8");
    // Minified code has long lines (unminified esbuild output averages about 40 characters a line).
    expect(text.length / text.split("\n").length, "wrangler.toml: minify = true").toBeGreaterThan(500);
    expect(text).not.toMatch(/from\s*"node:/);
  });
});

describe("phone numbers on the cut-down metadata", () => {
  test("src/lib/phone-metadata.json is what scripts/phone-metadata.mjs makes of the installed libphonenumber-js", () => {
    const file = JSON.parse(readFileSync(join(ROOT, "src/lib/phone-metadata.json"), "utf8"));
    expect(file, "run `node scripts/phone-metadata.mjs` after upgrading libphonenumber-js").toEqual(
      phoneMetadata(),
    );
  });

  /** What toE164 gave with the whole metadata (libphonenumber-js/min), before the cut. */
  function withAllMetadata(input: string, defaultCountry: "GB" | "PL" | "LV" = "GB"): string | null {
    const cleaned = input.trim();
    if (!/^[+0-9()\s.-]{6,24}$/.test(cleaned)) return null;
    const parsed = parsePhoneNumberFromString(cleaned, defaultCountry);
    return parsed?.isPossible() ? parsed.number : null;
  }

  test.each([
    // The default countries, national and international forms.
    ["07700 900100", "GB"],
    ["+44 (0)7700 900100", "GB"],
    ["(01945) 123456", "GB"],
    ["601 234 567", "PL"],
    ["0048 601 234 567", "GB"],
    ["+48601234567", "GB"],
    ["2612 3456", "LV"],
    ["+371 2612 3456", "GB"],
    ["+4412", "GB"],
    ["+37112", "GB"],
    // Other countries: read by calling code and length, so the outbox can refuse them by name.
    ["+1 500 555 0006", "GB"],
    ["+8613800138000", "GB"],
    ["+353 87 123 4567", "GB"],
    ["00353871234567", "GB"],
    ["+49 151 12345678", "GB"],
    ["+33 6 12 34 56 78", "GB"],
    ["+370 612 34567", "GB"],
    ["+380 50 123 4567", "GB"],
    ["+43 (0)1 234567", "GB"],
    ["+1 123", "GB"],
    ["+999123456789", "GB"],
  ] as const)("%s (default %s) reads as with the whole metadata", (input, country) => {
    expect(toE164(input, { defaultCountry: country })).toBe(withAllMetadata(input, country));
  });

  test("numbers of other countries come out in E.164 (so 'country not allowed' can name them)", () => {
    expect(toE164("+1 500 555 0006")).toBe("+15005550006");
    expect(toE164("+8613800138000")).toBe("+8613800138000");
    expect(toE164("+353 87 123 4567")).toBe("+353871234567");
    expect(toE164("+1 123")).toBeNull();
  });
});
