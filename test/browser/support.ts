// A whole app on a file-backed libSQL database, served over real HTTP on 127.0.0.1, and Debian's
// chromium driven through playwright-core, for tests that load the simulator page in a browser.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Client } from "@libsql/client";
import { type Browser, chromium, type Page } from "playwright-core";
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

export async function startSim(): Promise<SimServer> {
  const dir = mkdtempSync(join(tmpdir(), "sim-browser-"));
  const h = await createHarness({ dbUrl: `file:${join(dir, "sim.db")}` });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: h.app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  return {
    h,
    baseUrl,
    browser,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport, locale: "en-GB", baseURL: baseUrl });
      const page = await context.newPage();
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await new Promise<void>((resolve) => {
        // Keep-alive connections from the browser are gone with it; drop any that linger.
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
      // The harness hands out the narrow Db type; underneath it is a whole libSQL client.
      (h.db as Partial<Client>).close?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
