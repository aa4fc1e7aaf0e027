// The reports page in a real browser (Debian chromium through playwright-core): log in, open the
// reports, download the hours CSV through the page's own link and check its rows against the ledger,
// see the community-against-corporate spending chart drawn month by month and week by week, and check
// that nothing sticks out of a 360 px phone screen. Screenshots go to test-results/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCsv } from "../admin/csv.ts";
import { latestCode } from "../support/transcript.ts";
import { DESKTOP, dashboardForFile, overflow, PHONE, RESULTS, shot } from "./support.ts";

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
    // Spending to chart: a community event and corporate tickets in three months; a help payment on a
    // post; a poll with a long question (its label and table cell must still fit a phone).
    const anna = Number((await h.rows("SELECT id FROM members WHERE phone = '+447700900100'"))[0]?.id);
    await h.rows(
      `INSERT INTO events (id, partner_id, title, starts_at, cost_minutes, community, updated_at, min_places, decide_by, decided)
       VALUES ('picnic-sep', 'oasis', '{"en":"Picnic"}', '2026-09-12T11:00:00.000Z', 60, 1, '2026-09-01T10:00:00.000Z', 4, '2026-09-10T11:00:00.000Z', 'on')`,
    );
    let code = 8000;
    for (const [item, minutes, at] of [
      [{ event: "picnic-sep" }, 120, "2026-09-12T12:00:00.000Z"],
      [{ offer: "cinema-ticket" }, 60, "2026-09-20T12:00:00.000Z"],
      [{ offer: "cinema-ticket" }, 60, "2026-10-03T12:00:00.000Z"],
      [{ event: "picnic-sep" }, 60, "2026-11-02T12:00:00.000Z"],
    ] as const) {
      const booking = await h.rows(
        `INSERT INTO bookings (code, member_id, partner_id, event_id, offer_id, places, minutes, status, created_at, settled_at)
         VALUES (?, ?, 'oasis', ?, ?, 1, ?, 'redeemed', ?, ?) RETURNING id`,
        String(code++),
        sharon,
        "event" in item ? item.event : null,
        "offer" in item ? item.offer : null,
        minutes,
        at,
        at,
      );
      await h.rows(
        `INSERT INTO ledger_entries (member_id, kind, status, minutes, booking_id, created_at, settled_at)
         VALUES (?, 'spend', 'confirmed', ?, ?, ?, ?)`,
        sharon,
        -minutes,
        Number(booking[0]?.id),
        at,
        at,
      );
    }
    const post = await h.rows(
      `INSERT INTO posts (code, member_id, kind, body, status, created_at, approved_at, approved_by, expires_at)
       VALUES ('P201', ?, 'offer', 'gardening', 'open', '2026-10-01T10:00:00.000Z', '2026-10-01T11:00:00.000Z', 'Kim', '2026-12-31T10:00:00.000Z') RETURNING id`,
      sharon,
    );
    for (const [member, other, minutes] of [
      [anna, sharon, -90],
      [sharon, anna, 90],
    ] as const)
      await h.rows(
        `INSERT INTO ledger_entries (member_id, kind, status, minutes, counterpart_member_id, created_at, settled_at, post_id)
         VALUES (?, 'gift', 'confirmed', ?, ?, '2026-10-05T10:00:00.000Z', '2026-10-05T10:00:00.000Z', ?)`,
        member,
        minutes,
        other,
        Number(post[0]?.id),
      );
    const poll = await h.rows(
      `INSERT INTO polls (question, options, audience, created_by, created_at, closes_at)
       VALUES (?, '[]', '{}', 'coordinator:Kim', '2026-10-10T10:00:00.000Z', '2026-10-17T10:00:00.000Z') RETURNING id`,
      JSON.stringify({
        en: "Would you come to a Saturday picnic in Elmfield Park, with games for the children and a shared lunch?",
        pl: "Czy przyjdziesz na sobotni piknik w parku Elmfield, z grami dla dzieci i wspólnym obiadem?",
        lv: "Vai tu nāktu uz sestdienas pikniku Elmfīldas parkā ar spēlēm bērniem un kopīgām pusdienām?",
      }),
    );
    for (const member of [anna, sharon])
      await h.rows(
        "INSERT INTO poll_recipients (poll_id, member_id) VALUES (?, ?)",
        Number(poll[0]?.id),
        member,
      );
    await h.rows(
      "INSERT INTO poll_votes (poll_id, member_id, option, voted_at) VALUES (?, ?, 1, '2026-10-10T11:00:00.000Z')",
      Number(poll[0]?.id),
      anna,
    );
  },
});

/** The bars of a chart as drawn: how many have a width, and whether the whole figure fits the screen. */
async function drawnChart(page: import("playwright-core").Page, id: string) {
  const chart = page.locator(`figure[data-chart="${id}"]`);
  await chart.scrollIntoViewIfNeeded();
  const box = await chart.boundingBox();
  const widths = await chart
    .locator("svg[role=img] rect")
    .evaluateAll((rects) => rects.map((r) => (r as SVGRectElement).getBoundingClientRect().width));
  return {
    box,
    drawn: widths.filter((w) => w > 0).length,
    rects: widths.length,
    legend: (await chart.locator(".legend").textContent()) ?? "",
  };
}

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

  it("draws community against corporate spending over time, month by month and week by week", async () => {
    const { context, page, errors } = await dash.loggedInPage(PHONE);
    // Twelve months: September 2 community + 1 corporate, October 1 corporate, November 1 community.
    await page.goto("/admin/reports");
    await page.getByRole("heading", { level: 2, name: "Community against corporate spending" }).waitFor();
    const months = await drawnChart(page, "chart-spending");
    expect(months.rects).toBe(24); // two series for each of the twelve months
    expect(months.drawn).toBe(4);
    expect(months.legend).toMatch(/Community\s*Corporate/);
    expect(months.box?.width).toBeGreaterThan(200);
    expect((months.box?.x ?? 0) + (months.box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    const spending = page.locator('table[data-table="spending"]');
    expect(await spending.locator("tbody tr").count()).toBe(12);
    expect(await spending.locator("tfoot tr > *").allTextContents()).toEqual(["Total", "60%", "3", "2"]);
    await page.getByRole("img", { name: "Spending per month" }).waitFor();
    expect(await page.locator('[data-figure="help-summary"]').textContent()).toBe(
      "1 payment for help from one member to another.",
    );
    expect(await overflow(page)).toBe(0);
    await page
      .locator("#spending")
      .screenshot({ path: new URL("reports-spending-360.png", RESULTS).pathname });

    // Three months: week by week, thirteen weeks (the first from Tuesday 1 September, the last to Saturday 28 November).
    await page.goto("/admin/reports?from=2026-09-01&to=2026-11-28");
    await page.getByRole("img", { name: "Spending per week" }).waitFor();
    const weeks = await drawnChart(page, "chart-spending");
    expect(weeks.rects).toBe(26); // two series for each of the thirteen weeks
    expect(weeks.drawn).toBe(4);
    expect((weeks.box?.x ?? 0) + (weeks.box?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
    expect(await overflow(page)).toBe(0);
    for (const lang of ["pl", "lv"]) {
      await page.goto(`/admin/reports?from=2026-09-01&to=2026-11-28&lang=${lang}`);
      expect(await drawnChart(page, "chart-spending").then((c) => c.drawn), lang).toBe(4);
      expect(await overflow(page), lang).toBe(0);
    }
    await page
      .locator("#spending")
      .screenshot({ path: new URL("reports-spending-weeks-lv-360.png", RESULTS).pathname });
    await page.locator("#polls").screenshot({ path: new URL("reports-polls-lv-360.png", RESULTS).pathname });
    expect(errors).toEqual([]);
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
