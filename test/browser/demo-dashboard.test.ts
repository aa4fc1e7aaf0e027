// The demo's dashboard in a real browser (Debian chromium through playwright-core): the demo seeded
// into a fresh file database, the app served on 127.0.0.1 with a coordinator token, then the overview
// and every report opened on a 360 px phone and a 1280 px desktop. Each figure is non-zero and each
// chart has drawn bars: a newcomer's `npm start` has a story to tell. Screenshots go to test-results/.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createClient } from "@libsql/client";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { createConfig } from "../../src/config.ts";
import { loadDemo } from "../../src/demo/index.ts";
import { createI18n } from "../../src/i18n/index.ts";
import { migrate } from "../../src/store/db.ts";
import { ADMIN_TOKEN, CHROMIUM_PATH, DESKTOP, logIn, overflow, PHONE, shot } from "./support.ts";

const NOW = new Date("2026-11-28T12:00:00Z");
const CHARTS = [
  "chart-hours-month",
  "chart-hours-partner",
  "chart-members",
  "chart-credits",
  "chart-languages-members",
  "chart-languages-inbound",
  "chart-languages-replies",
  "chart-languages-outbox",
  "chart-confirmation",
];

const dir = mkdtempSync(join(tmpdir(), "demo-dashboard-browser-"));
const db = createClient({ url: `file:${join(dir, "demo.db")}`, intMode: "number" });
let server: ReturnType<typeof serve>;
let browser: Browser;
let baseUrl = "";

beforeAll(async () => {
  await migrate(db);
  await loadDemo(db, { now: NOW, months: 6 });
  let seed = 7;
  const app = createApp({
    config: createConfig({ ADMIN_TOKEN, PUBLIC_URL: "http://127.0.0.1" }),
    db,
    i18n: createI18n(),
    log: { info: () => undefined, error: () => undefined },
    now: () => NOW,
    random: () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    },
    fetch: globalThis.fetch.bind(globalThis),
    later: (work) => void work.catch(() => undefined),
  });
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  (server as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function loggedIn(viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "en-GB", baseURL: baseUrl });
  const page = await context.newPage();
  await logIn(page);
  return page;
}

/** The drawn width of each bar of a chart, in CSS pixels (the bars are horizontal). */
async function barWidths(page: Page, chart: string): Promise<number[]> {
  return page
    .locator(`figure[data-chart="${chart}"] svg rect`)
    .evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().width));
}

describe.each([
  ["phone", PHONE],
  ["desktop", DESKTOP],
])("the demo dashboard on a %s", (name, viewport) => {
  it("shows an overview where every figure tells something", async () => {
    const page = await loggedIn(viewport);
    const figures = await page
      .locator("[data-figure] .figure")
      .evaluateAll((els) =>
        els.map((e) => [e.parentElement?.getAttribute("data-figure"), e.textContent?.trim()]),
      );
    expect(figures.map(([id]) => id)).toEqual(
      expect.arrayContaining([
        "members",
        "active30",
        "hoursThisMonth",
        "issued",
        "spent",
        "outstanding",
        "held",
        "pending",
      ]),
    );
    for (const [id, text] of figures) expect(text, String(id)).not.toMatch(/^0([.,]0+)?$/);
    expect(Number(figures.find(([id]) => id === "members")?.[1]?.replace(/\D/g, ""))).toBeGreaterThan(140);
    expect(await overflow(page)).toBe(0);
    await shot(page, `demo-overview-${name}.png`);
    await page.context().close();
  });

  it("shows reports whose every chart has bars and no section is empty", async () => {
    const page = await loggedIn(viewport);
    await page.goto("/admin/reports");
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    for (const chart of CHARTS) {
      const widths = await barWidths(page, chart);
      expect(widths.filter((w) => w > 1).length, chart).toBeGreaterThan(0);
    }
    // Six months of hours: a bar for each month the history covers (May's last days to November).
    expect((await barWidths(page, "chart-hours-month")).filter((w) => w > 1).length).toBeGreaterThanOrEqual(
      6,
    );
    expect((await barWidths(page, "chart-hours-partner")).filter((w) => w > 1)).toHaveLength(5);
    expect((await barWidths(page, "chart-credits")).filter((w) => w > 1)).toHaveLength(4);
    for (const figure of ["hours-total", "hoarding-count"]) {
      const text = (await page.locator(`[data-figure="${figure}"]`).textContent())?.trim();
      expect(text, figure).not.toMatch(/^0([.,]0+)?$/);
    }
    expect(await page.locator('table[data-table="hoarding"] tbody tr').count()).toBeGreaterThanOrEqual(5);
    const empty = page.locator("section.report p.muted", { hasText: "Nothing in this period." });
    expect(await empty.count()).toBe(0);
    expect(await overflow(page)).toBe(0);
    await shot(page, `demo-reports-${name}.png`);
    await page.context().close();
  });
});
