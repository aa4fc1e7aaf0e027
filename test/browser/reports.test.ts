// The reports page in a real browser (Debian chromium through playwright-core): log in, open the
// reports, download the hours CSV through the page's own link and check its rows against the ledger,
// and check that nothing sticks out of a 360 px phone screen. Screenshots go to test-results/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../admin/csv.ts";
import { latestCode } from "../support/transcript.ts";
import { DESKTOP, dashboardForFile, overflow, PHONE, shot } from "./support.ts";

const SHARON = "+447700900101";
const KATE = "+447700900001"; // contact, The Staithe
const SUE = "+447700900003"; // contact, Oasis

const dash = dashboardForFile({
  name: "reports",
  seed: async (h) => {
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
  },
});

describe("reports in the browser", () => {
  it("downloads the hours CSV from the page, and its rows are the ledger's", async () => {
    const { context, page, errors } = await dash.loggedInPage(PHONE);
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
    const file = join(dash.dir, "hours.csv");
    await download.saveAs(file);
    const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
    expect(header).toEqual(["month", "partner_id", "partner", "entries", "minutes", "credits"]);

    // The ledger, entry by entry: confirmed earnings given in the period, added up here by hand.
    const entries = await dash.h.rows(
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

    expect(await overflow(page)).toBe(0);
    await shot(page, "reports-360.png");
    for (const lang of ["pl", "lv"]) {
      await page.goto(`/admin/reports?lang=${lang}`);
      expect(await overflow(page), lang).toBe(0);
    }
    await shot(page, "reports-lv-360.png");

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
    const { context, page } = await dash.loggedInPage(DESKTOP);
    await page.goto("/admin/reports?from=2026-01-01&to=2026-11-28");
    await page.getByRole("heading", { level: 2, name: "Hours by partner and month" }).waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "reports-1280.png");
    await context.close();
  });
});
