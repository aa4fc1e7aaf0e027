// The polls pages in a real browser (Debian chromium through playwright-core) on a 360 px phone: write
// a poll through the form, preview it and send it, members answer by SMS, and the results page draws
// one bar per option whose lengths follow the counts, with the same figures as text; in Polish too;
// nothing wider than the screen. Screenshots into test-results/.
import { describe, expect, it } from "vitest";
import { DESKTOP, dashboardForFile, overflow, PHONE, shot } from "./support.ts";

const dash = dashboardForFile({ name: "polls" });

describe("polls in the browser", () => {
  it("sends a poll from a 360 px phone and shows its results as bars, in English and in Polish", async () => {
    const { context, page, errors } = await dash.loggedInPage(PHONE);
    await page.getByRole("link", { name: "Polls", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Polls" }).waitFor();
    expect(await overflow(page)).toBe(0);

    await page.getByRole("link", { name: "New poll" }).click();
    await page.getByRole("heading", { level: 1, name: "New poll" }).waitFor();
    const question = page.getByRole("group", { name: "Question" });
    await question.getByLabel("In English").fill("What shall we do in January?");
    await question.getByLabel("In Polish").fill("Co robimy w styczniu?");
    const option = (n: number) => page.getByRole("group", { name: `Option ${n}`, exact: true });
    for (const [n, en, pl] of [
      [1, "Bowling", "Kręgle"],
      [2, "Cinema", "Kino"],
      [3, "A picnic in the park by the river", "Piknik w parku nad rzeką"],
    ] as const) {
      await option(n).getByLabel("In English").fill(en);
      await option(n).getByLabel("In Polish").fill(pl);
    }
    expect(await overflow(page)).toBe(0);
    await shot(page, "polls-form-360.png");
    await page.getByRole("button", { name: "Preview" }).click();

    await page.getByRole("heading", { name: "Preview of the poll" }).waitFor();
    await page.getByText("This message will reach 3 members.").waitFor();
    await page.getByText(/In all about £\d+\.\d\d/).waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "polls-preview-360.png");
    await page.getByRole("button", { name: "Send to 3 members" }).click();

    await page.getByText("The poll is on its way.").waitFor();
    await page.getByRole("heading", { level: 1, name: "What shall we do in January?" }).waitFor();
    const url = page.url();
    await dash.h.sms("+447700900100", "2");
    await dash.h.sms("+447700900101", "cinema");
    await dash.h.sms("+447700900102", "1");
    await page.goto(url.replace(/\?.*$/, ""));

    await page.getByText("3 of 3 members answered (100%).").waitFor();
    const bars = page.locator('[data-chart="chart-poll"] rect');
    expect(await bars.count()).toBe(3);
    const widths = await bars.evaluateAll((rects) => rects.map((r) => r.getBoundingClientRect().width));
    expect(widths[1]).toBeGreaterThan(0);
    expect(widths[0]).toBeCloseTo((widths[1] as number) / 2, 0);
    expect(widths[2]).toBe(0);
    const chart = page.getByRole("img", { name: "Answers per option" });
    await expect(chart.textContent()).resolves.toContain("2 · 67%");
    /** One option's row of the figures table, as its cells read. */
    const row = (n: number) =>
      page.locator(`[data-table="results"] tr[data-option="${n}"]`).locator("th, td").allTextContents();
    expect(await row(1)).toEqual(["1 Bowling", "1 vote", "33%"]);
    expect(await row(2)).toEqual(["2 Cinema", "2 votes", "67%"]);
    expect(await row(3)).toEqual(["3 A picnic in the park by the river", "0 votes", "0%"]);
    await page.getByRole("heading", { name: "Make this an event" }).waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "polls-results-360.png");

    await page.getByRole("link", { name: "Polski" }).click();
    await page.getByRole("heading", { level: 1, name: "Co robimy w styczniu?" }).waitFor();
    await page.getByText("Odpowiedzi: 3 z 3 uczestników (100%).").waitFor();
    expect(await row(2)).toEqual(["2 Kino", "2 głosy", "67%"]);
    expect(await row(1)).toEqual(["1 Kręgle", "1 głos", "33%"]);
    expect(await row(3)).toEqual(["3 Piknik w parku nad rzeką", "0 głosów", "0%"]);
    await page.getByRole("heading", { name: "Zrób z tego wydarzenie" }).waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "polls-results-pl-360.png");
    await page.getByRole("link", { name: "Wszystkie ankiety" }).click();
    await page.locator('[data-list="polls"] [data-figures="3/3"]').waitFor();
    expect(await overflow(page)).toBe(0);
    await page.setViewportSize(DESKTOP);
    await shot(page, "polls-results-desktop.png");
    expect(errors).toEqual([]);
    await context.close();
  });
});
