// The events pages in a real browser (Debian chromium through playwright-core): log in, add an event
// through the form on a 360 px phone screen, see it listed and on its bookings page, check nothing is
// wider than the screen, and take screenshots at phone and desktop widths into test-results/.
import { describe, expect, it } from "vitest";
import { DESKTOP, dashboardForFile, overflow, PHONE, shot } from "./support.ts";

const dash = dashboardForFile({ name: "events" });

describe("events and offers in the browser", () => {
  it("adds an event on a 360 px phone, sees it listed and booked nowhere yet, and every page fits", async () => {
    const { context, page, errors } = await dash.loggedInPage(PHONE);
    await page.getByRole("link", { name: "Events & offers" }).click();
    await page.getByRole("heading", { level: 1, name: "Events and offers" }).waitFor();
    expect(await overflow(page)).toBe(0);

    await page.getByRole("link", { name: "Add an event" }).click();
    await page.getByRole("heading", { level: 1, name: "Add an event" }).waitFor();
    expect(await overflow(page)).toBe(0);
    // Sent empty first: the browser's own checks are bypassed so the server's errors show.
    await page.locator("form.panel").evaluate((f) => f.setAttribute("novalidate", ""));
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Please correct the fields marked below. Nothing was saved.").waitFor();
    await page.getByText("Choose a partner.").waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "events-form-errors-360.png");
    errors.length = 0; // the browser logs the refused form's 400 as a console error: that one was meant

    await page.getByLabel("Partner").selectOption({ label: "Oasis Community Centre" });
    await page.getByLabel("English").fill("Winter soup evening");
    await page.getByLabel("Polish (optional)").fill("Wieczór z zupą");
    await page.getByLabel("Starts").fill("2026-12-02T18:30");
    await page.getByLabel("Cost in credits").fill("1.5");
    await page.getByLabel("Places (optional)").fill("25");
    await page.getByLabel("Suits families").check();
    expect(await overflow(page)).toBe(0);
    await shot(page, "events-form-360.png");
    await page.getByRole("button", { name: "Save" }).click();

    await page.getByText("Event saved.").waitFor();
    await page.getByRole("heading", { level: 1, name: "Winter soup evening" }).waitFor();
    await page.getByText("0 of 25 places booked").waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "events-bookings-360.png");
    expect(
      await dash.h.rows(
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
    expect(await overflow(page)).toBe(0);
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
      expect(await overflow(page), path).toBe(0);
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows the list and the form at desktop width", async () => {
    const { context, page } = await dash.loggedInPage(DESKTOP);
    await page.goto("/admin/events?lang=en");
    await page.locator('li[data-event="bingo-dec"]').waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "events-list-1280.png");
    await page.goto("/admin/events/new");
    expect(await overflow(page)).toBe(0);
    await shot(page, "events-form-1280.png");
    await context.close();
  });
});
