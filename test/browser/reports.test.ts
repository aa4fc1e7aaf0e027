// The reports page in a real browser (Debian chromium through playwright-core): log in, open the
// reports, download the hours CSV through the page's own link and check its rows against the ledger,
// and check that nothing sticks out of a 360 px phone screen. Screenshots go to test-results/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
const KATE = "+447700900001"; // contact, The Staithe
const SUE = "+447700900003"; // contact, Oasis
const RESULTS = new URL("../../test-results/", import.meta.url);
const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };

let h: Harness;
let browser: Browser;
let baseUrl: string;
let dir: string;
let server: ReturnType<typeof serve>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reports-browser-"));
  h = await createHarness({ dbUrl: `file:${join(dir, "reports.db")}`, env: { ADMIN_TOKEN } });
  server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: h.app.fetch, hostname: "127.0.0.1", port: 0 }, () => resolve(s));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  // Hours to report: two confirmed requests and a partner's own log today, one left waiting, and
  // earlier months written with fixed times (a partner name with a comma shows the CSV's quoting).
  await h.sms(SHARON, "LOG 2 staithe gardening");
  await h.sms(KATE, `YES ${await latestCode(h, "staithe")()}`);
  await h.sms(SHARON, "LOG 1.5 oasis");
  await h.sms(SUE, `YES ${await latestCode(h, "oasis")()}`);
  await h.sms(KATE, "LOG 3 07700900100");
  await h.sms(SHARON, "LOG 4 oasis");
  await h.rows("UPDATE partners SET name = 'Oasis, the \"Community\" Centre' WHERE id = 'oasis'");
  const sharon = Number((await h.rows("SELECT id FROM members WHERE phone = ?", SHARON))[0]?.id);
  for (const [partner, day, minutes] of [
    ["oasis", "2026-06-12", 150],
    ["oasis", "2026-06-19", 90],
    ["academy", "2026-02-03", 60],
    ["staithe", "2025-11-30", 600], // before the twelve months
  ] as const) {
    await h.rows(
      `INSERT INTO ledger_entries (member_id, kind, status, minutes, partner_id, day, created_at, settled_at)
       VALUES (?, 'earning', 'confirmed', ?, ?, ?, ?, ?)`,
      sharon,
      minutes,
      partner,
      day,
      `${day}T12:00:00.000Z`,
      `${day}T15:00:00.000Z`,
    );
  }
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

/** RFC 4180: quoted fields may hold commas, line breaks and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  return rows;
}

describe("reports in the browser", () => {
  it("downloads the hours CSV from the page, and its rows are the ledger's", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB", baseURL: baseUrl });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await logIn(page);
    await page
      .getByRole("navigation", { name: "Dashboard pages" })
      .getByRole("link", { name: "Reports" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    // The default period: the twelve calendar months up to today (28 November 2026).
    expect(await page.getByLabel("From").inputValue()).toBe("2025-12-01");
    expect(await page.getByLabel("To (inclusive)").inputValue()).toBe("2026-11-28");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download CSV · Hours by partner and month" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("hours-by-partner-and-month_2025-12-01_2026-11-28.csv");
    const file = join(dir, "hours.csv");
    await download.saveAs(file);
    const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
    expect(header).toEqual(["month", "partner_id", "partner", "entries", "minutes", "credits"]);

    // The ledger, entry by entry: confirmed earnings given in the period, added up here by hand.
    const entries = await h.rows(
      `SELECT l.day, l.partner_id, p.name, l.minutes FROM ledger_entries l JOIN partners p ON p.id = l.partner_id
       WHERE l.kind = 'earning' AND l.status = 'confirmed' AND l.day BETWEEN '2025-12-01' AND '2026-11-28'`,
    );
    const expected = new Map<string, string[]>();
    for (const e of entries) {
      const month = String(e.day).slice(0, 7);
      const key = `${month} ${e.name}`;
      const before = expected.get(key) ?? [month, String(e.partner_id), String(e.name), "0", "0", "0"];
      const count = Number(before[3]) + 1;
      const minutes = Number(before[4]) + Number(e.minutes);
      expected.set(key, [
        month,
        String(e.partner_id),
        String(e.name),
        String(count),
        String(minutes),
        String(minutes / 60),
      ]);
    }
    const sorted = [...expected.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
    expect(rows).toEqual(sorted);
    // And written out, so a change in the seed cannot make both sides wrong together.
    expect(rows).toEqual([
      ["2026-02", "academy", "Thomas Clarkson Academy", "1", "60", "1"],
      ["2026-06", "oasis", 'Oasis, the "Community" Centre', "2", "240", "4"],
      ["2026-11", "oasis", 'Oasis, the "Community" Centre', "1", "90", "1.5"],
      ["2026-11", "staithe", "The Staithe", "2", "300", "5"],
    ]);

    mkdirSync(RESULTS, { recursive: true });
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: new URL("reports-360.png", RESULTS).pathname, fullPage: true });
    for (const lang of ["pl", "lv"]) {
      await page.goto(`/admin/reports?lang=${lang}`);
      expect(await overflow(page), lang).toBe(0);
    }
    await page.screenshot({ path: new URL("reports-lv-360.png", RESULTS).pathname, fullPage: true });

    // A period typed backwards is answered with the form and its error, still on the screen.
    await page.goto("/admin/reports?lang=en");
    await page.getByLabel("From").fill("2026-11-01");
    await page.getByLabel("To (inclusive)").fill("2026-10-01");
    await page.getByRole("button", { name: "Show reports" }).click();
    await page.getByText("The end must not be before the start.").waitFor();
    expect(await overflow(page)).toBe(0);
    expect(errors.filter((e) => !/400 \(Bad Request\)/.test(e))).toEqual([]);
    await context.close();
  });

  it("fits a desktop screen too", async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: "en-GB", baseURL: baseUrl });
    const page = await context.newPage();
    await logIn(page);
    await page.goto("/admin/reports?from=2026-01-01&to=2026-11-28");
    await page.getByRole("heading", { level: 2, name: "Hours by partner and month" }).waitFor();
    expect(await overflow(page)).toBe(0);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: new URL("reports-1280.png", RESULTS).pathname, fullPage: true });
    await context.close();
  });
});
