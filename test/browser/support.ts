// A whole app on a file-backed libSQL database, served over real HTTP on 127.0.0.1, and Debian's
// chromium driven through playwright-core, for tests that load the simulator page or the coordinator
// dashboard in a browser.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Client } from "@libsql/client";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { createHarness, type Harness } from "../support/harness.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

export interface SimServer {
  h: Harness;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context and page (English, given viewport); closed by `close`. */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** The harness on a file database in a fresh folder, served on 127.0.0.1, and chromium launched. */
async function start(
  prefix: string,
  env?: Record<string, string>,
): Promise<{ h: Harness; dir: string; baseUrl: string; browser: Browser; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-browser-`));
  let h: Harness | undefined;
  let server: ReturnType<typeof serve> | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await new Promise<void>((resolve) => {
      // Keep-alive connections from the browser are gone with it; drop any that linger.
      (server as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
      server ? server.close(() => resolve()) : resolve();
    });
    // The harness hands out the narrow Db type; underneath it is a whole libSQL client.
    (h?.db as Partial<Client> | undefined)?.close?.();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const harness = await createHarness({ dbUrl: `file:${join(dir, `${prefix}.db`)}`, env });
    h = harness;
    server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: harness.app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
    });
    const { port } = server.address() as AddressInfo;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    return { h: harness, dir, baseUrl: `http://127.0.0.1:${port}`, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function startSim(): Promise<SimServer> {
  const { h, baseUrl, browser, close } = await start("sim");
  return {
    h,
    baseUrl,
    browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: "en-GB", baseURL: baseUrl });
      const page = await context.newPage();
      return page;
    },
    close,
  };
}

/** The coordinator's token in the dashboard's browser tests. */
export const ADMIN_TOKEN = "browser-coordinator-token-0123456789";
export const PHONE = { width: 360, height: 740 };
export const DESKTOP = { width: 1280, height: 800 };
/** Where screenshots go. */
export const RESULTS = new URL("../../test-results/", import.meta.url);

export interface Dashboard {
  h: Harness;
  /** The test's own folder (removed by `close`), e.g. for downloads. */
  dir: string;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  browser: Browser;
  /**
   * A fresh English browser context of the given size on the dashboard's address, its page logged in;
   * `errors` collects the page's console errors from the start.
   */
  loggedInPage(viewport: {
    width: number;
    height: number;
  }): Promise<{ context: BrowserContext; page: Page; errors: string[] }>;
  close(): Promise<void>;
}

/** The app with the dashboard on (ADMIN_TOKEN unless `env` says otherwise), `seed` run before chromium is used. */
export async function startDashboard({
  name,
  env = { ADMIN_TOKEN },
  seed,
}: {
  /** Names the temporary folder and database. */
  name: string;
  env?: Record<string, string>;
  seed?: (h: Harness) => Promise<void>;
}): Promise<Dashboard> {
  const started = await start(name, env);
  const { h, baseUrl, browser, close } = started;
  try {
    await seed?.(h);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    ...started,
    async loggedInPage(viewport) {
      const context = await browser.newContext({ viewport, locale: "en-GB", baseURL: baseUrl });
      const page = await context.newPage();
      const errors = consoleErrors(page);
      await logIn(page);
      return { context, page, errors };
    },
  };
}

/** startDashboard before this file's tests and closed after them; its fields are there once they run. */
export function dashboardForFile(options: Parameters<typeof startDashboard>[0]): Dashboard {
  const dash = {} as Dashboard;
  beforeAll(async () => {
    Object.assign(dash, await startDashboard(options));
  });
  afterAll(async () => {
    await dash.close?.();
  });
  return dash;
}

/** Logs in through the login form as "Kim" and waits for the overview. */
export async function logIn(page: Page, token = ADMIN_TOKEN): Promise<void> {
  await page.goto("/admin");
  await page.waitForURL("**/admin/login");
  await page.getByLabel("Admin token").fill(token);
  await page.getByLabel("Your name (optional)").fill("Kim");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
}

/** How far the page sticks out past the right edge of the screen (0 when it fits). */
export function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A full-page screenshot into test-results/. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: new URL(name, RESULTS).pathname, fullPage: true });
}

/** The page's console errors, collected as they come. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  return errors;
}
