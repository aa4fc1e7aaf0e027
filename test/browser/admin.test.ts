// The coordinator dashboard in a real browser (Debian chromium through playwright-core) on a phone-
// sized screen: log in through the form, answer a request, and check that no page is wider than
// the screen. Screenshots go to test-results/.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Client } from "@libsql/client";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { CHROMIUM_PATH } from "./support.ts";

const ADMIN_TOKEN = "browser-coordinator-token-0123456789";
const SHARON = "+447700900101";
const RESULTS = new URL("../../test-results/", import.meta.url);
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let h: Harness;
let browser: Browser;
let baseUrl: string;
let dir: string;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "admin-browser-"));
  h = await createHarness({ dbUrl: `file:${join(dir, "admin.db")}`, env: { ADMIN_TOKEN } });
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: h.app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  // Something to show: an earning waiting at The Staithe.
  await h.sms(SHARON, "LOG 2 staithe gardening");
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

/** How far the page sticks out past the right edge of the screen (0 when it fits). */
function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe("the dashboard on a 360 px phone screen", () => {
  it("logs in, fits every page on the screen, and confirms a request", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB", baseURL: baseUrl });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await logIn(page);
    const cookie = (await context.cookies()).find((c) => c.name === "tc_admin");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/admin" });

    mkdirSync(RESULTS, { recursive: true });
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: new URL("admin-overview-360.png", RESULTS).pathname, fullPage: true });

    const sharon = Number((await h.rows("SELECT id FROM members WHERE phone = ?", SHARON))[0]?.id);
    for (const path of [
      "/admin/members",
      `/admin/members/${sharon}`,
      "/admin/partners",
      "/admin/partners/new",
      "/admin/partners/staithe/edit",
      "/admin/audit",
      "/admin?lang=lv",
      "/admin/partners?lang=pl",
    ]) {
      await page.goto(path);
      expect(await overflow(page), path).toBe(0);
    }
    await page.goto("/admin/partners?lang=en");
    await page.screenshot({ path: new URL("admin-partners-360.png", RESULTS).pathname, fullPage: true });

    const code = await latestCode(h, "staithe")();
    const request = page.locator(`li[data-request="${code}"]`);
    await request.getByRole("button", { name: "Confirm on their behalf" }).click();
    await page.getByText(`Request ${code} confirmed; the member is being told.`).waitFor();
    expect(await h.rows("SELECT status, settled_by FROM ledger_entries WHERE code = ?", code)).toEqual([
      { status: "confirmed", settled_by: "coordinator" },
    ]);

    await page.goto(`/admin/members/${sharon}`);
    await page.getByLabel("Credits to add or take away (e.g. 2 or -1.5)").fill("-0.5");
    await page.getByLabel("Reason (the member may ask)").fill("Half an hour was a break");
    await page.getByRole("button", { name: "Add correction" }).click();
    await page.getByText("Correction added.").waitFor();
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: new URL("admin-member-360.png", RESULTS).pathname, fullPage: true });

    await page.getByRole("button", { name: "Log out" }).click();
    await page.getByRole("heading", { level: 1, name: "Coordinator login" }).waitFor();
    expect((await context.cookies()).find((c) => c.name === "tc_admin")).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("adds a partner with a contact, whose contact is then asked to confirm a member's hours", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB", baseURL: baseUrl });
    const page = await context.newPage();
    await logIn(page);
    await page.goto("/admin/partners/new");
    await page.getByLabel("Name", { exact: true }).first().fill("Fenland Food Bank");
    await page.getByLabel("Names in messages").fill("food bank, foodbank");
    await page.getByLabel("Activities").fill("sorting | Sorting food | Sortowanie | Šķirošana");
    await page.locator("#contact-0-name").fill("Beata");
    await page.locator("#contact-0-phone").fill("07700 900555");
    await page.locator("#contact-0-locale").selectOption("pl");
    expect(await overflow(page)).toBe(0);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Partner saved.").waitFor();
    expect(await overflow(page)).toBe(0);

    const partner = await h.rows("SELECT id, name FROM partners WHERE name = ?", "Fenland Food Bank");
    expect(partner).toHaveLength(1);
    const id = String(partner[0]?.id);
    expect(await h.rows("SELECT name, phone, locale FROM partner_contacts WHERE partner_id = ?", id)).toEqual(
      [{ name: "Beata", phone: "+447700900555", locale: "pl" }],
    );
    const audit = await h.rows(
      "SELECT actor FROM audit_log WHERE subject = ? ORDER BY id DESC LIMIT 1",
      `partner:${id}`,
    );
    expect(audit).toEqual([{ actor: "coordinator:Kim" }]);

    // The new partner works in the bot straight away: Sharon logs there and Beata is asked, in Polish.
    const reply = await h.sms(SHARON, "LOG 3 food bank sorting");
    expect(reply.messages.join(" ")).toMatch(/Fenland Food Bank/);
    const asked = await h.rows("SELECT body FROM outbox WHERE address = ? ORDER BY id", "+447700900555");
    expect(asked).toHaveLength(1);
    expect(String(asked[0]?.body)).toMatch(/Sharon/);
    expect(String(asked[0]?.body)).toMatch(/TAK|tak/);
    await context.close();
  });

  it("fits a desktop screen too", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "en-GB", baseURL: baseUrl });
    const page = await context.newPage();
    await logIn(page);
    mkdirSync(RESULTS, { recursive: true });
    for (const [path, name] of [
      ["/admin", "overview"],
      ["/admin/members", "members"],
      ["/admin/partners", "partners"],
      ["/admin/audit", "audit"],
    ] as const) {
      await page.goto(path);
      expect(await overflow(page), path).toBe(0);
      await page.screenshot({ path: new URL(`admin-${name}-1280.png`, RESULTS).pathname, fullPage: true });
    }
    await context.close();
  });
});
