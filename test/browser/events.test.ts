// The events pages in a real browser (Debian chromium through playwright-core): log in, add an event
// through the form on a 360 px phone screen, see it listed and on its bookings page, check nothing is
// wider than the screen, and take screenshots at phone and desktop widths into test-results/.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Client } from "@libsql/client";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.ts";
import { CHROMIUM_PATH } from "./support.ts";

const ADMIN_TOKEN = "browser-coordinator-token-0123456789";
const RESULTS = new URL("../../test-results/", import.meta.url);
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let h: Harness;
let browser: Browser;
let baseUrl: string;
let dir: string;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "events-browser-"));
  h = await createHarness({ dbUrl: `file:${join(dir, "events.db")}`, env: { ADMIN_TOKEN } });
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: h.app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await new Promise<void>((resolve) => {
    (server as { closeAllConnections?: () => void })?.closeAllConnections?.();
    server ? server.close(() => resolve()) : resolve();
  });
  (h?.db as Partial<Client> | undefined)?.close?.();
  rmSync(dir, { recursive: true, force: true });
});

async function logIn(page: Page): Promise<void> {
  await page.goto("/admin");
  await page.waitForURL("**/admin/login");
  await page.getByLabel("Admin token").fill(ADMIN_TOKEN);
  await page.getByLabel("Your name (optional)").fill("Kim");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { level: 1, name: "Overview" }).waitFor();
}

/** Does the page fit the screen? scrollWidth must not pass the window's inner width. */
function fits(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: new URL(name, RESULTS).pathname, fullPage: true });

describe("events and offers in the browser", () => {
  it("adds an event on a 360 px phone, sees it listed and booked nowhere yet, and every page fits", async () => {
    mkdirSync(RESULTS, { recursive: true });
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB", baseURL: baseUrl });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await logIn(page);
    await page.getByRole("link", { name: "Events & offers" }).click();
    await page.getByRole("heading", { level: 1, name: "Events and offers" }).waitFor();
    expect(await fits(page)).toBe(true);

    await page.getByRole("link", { name: "Add an event" }).click();
    await page.getByRole("heading", { level: 1, name: "Add an event" }).waitFor();
    expect(await fits(page)).toBe(true);
    // Sent empty first: the browser's own checks are bypassed so the server's errors show.
    await page.locator("form.panel").evaluate((f) => f.setAttribute("novalidate", ""));
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Please correct the fields marked below. Nothing was saved.").waitFor();
    await page.getByText("Choose a partner.").waitFor();
    expect(await fits(page)).toBe(true);
    await shot(page, "events-form-errors-360.png");
    errors.length = 0; // the browser logs the refused form's 400 as a console error: that one was meant

    await page.getByLabel("Partner").selectOption({ label: "Oasis Community Centre" });
    await page.getByLabel("English").fill("Winter soup evening");
    await page.getByLabel("Polish (optional)").fill("Wieczór z zupą");
    await page.getByLabel("Starts").fill("2026-12-02T18:30");
    await page.getByLabel("Cost in credits").fill("1.5");
    await page.getByLabel("Places (optional)").fill("25");
    await page.getByLabel("Suits families").check();
    expect(await fits(page)).toBe(true);
    await shot(page, "events-form-360.png");
    await page.getByRole("button", { name: "Save" }).click();

    await page.getByText("Event saved.").waitFor();
    await page.getByRole("heading", { level: 1, name: "Winter soup evening" }).waitFor();
    await page.getByText("0 of 25 places booked").waitFor();
    expect(await fits(page)).toBe(true);
    await shot(page, "events-bookings-360.png");
    expect(
      await h.rows(
        "SELECT partner_id, title, starts_at, cost_minutes, capacity, family FROM events WHERE title LIKE '%soup%'",
      ),
    ).toEqual([
      {
        partner_id: "oasis",
        title: '{"en":"Winter soup evening","pl":"Wieczór z zupą"}',
        starts_at: "2026-12-02T18:30:00.000Z",
        cost_minutes: 90,
        capacity: 25,
        family: 1,
      },
    ]);

    await page.getByRole("link", { name: "Events & offers" }).click();
    const listed = page.locator('li[data-event="winter-soup-evening-2026-12-02"]');
    await listed.waitFor();
    const text = (await listed.textContent()) ?? "";
    expect(text).toContain("Winter soup evening");
    expect(text).toContain("2 Dec 2026, 18:30 · Oasis Community Centre");
    expect(await fits(page)).toBe(true);
    await shot(page, "events-list-360.png");

    for (const path of [
      "/admin/events/offer/new",
      "/admin/events/offer/cinema-ticket/edit",
      "/admin/events/bingo-dec",
      "/admin/events/bingo-dec/edit",
      "/admin/events?lang=pl",
      "/admin/events/new?lang=lv",
    ]) {
      await page.goto(path);
      expect(await fits(page), path).toBe(true);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the list and the form at desktop width", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "en-GB", baseURL: baseUrl });
    const page = await context.newPage();
    await logIn(page);
    await page.goto("/admin/events?lang=en");
    await page.locator('li[data-event="bingo-dec"]').waitFor();
    expect(await fits(page)).toBe(true);
    await shot(page, "events-list-1280.png");
    await page.goto("/admin/events/new");
    expect(await fits(page)).toBe(true);
    await shot(page, "events-form-1280.png");
    await context.close();
  });
});
