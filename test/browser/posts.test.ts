// The posts page in a real browser on a 360 px phone: reach it from the menu, approve one waiting post
// and refuse another with a reason, with nothing wider than the screen; screenshots into test-results/.
import { describe, expect, it } from "vitest";
import { insertPost } from "../support/posts.ts";
import { DESKTOP, dashboardForFile, overflow, PHONE, shot } from "./support.ts";

const dash = dashboardForFile({
  name: "posts",
  seed: async (h) => {
    await insertPost(h, {
      phone: "+447700900100",
      code: "P201",
      body: "Mogę podwieźć do Tesco w soboty, także z zakupami do domu",
      status: "waiting",
      expiresAt: "2026-12-26T09:00:00.000Z",
    });
    await insertPost(h, {
      phone: "+447700900101",
      code: "P202",
      kind: "ask",
      body: "Help with a council form about my housing benefit, please",
      status: "waiting",
      createdAt: "2026-11-21T10:00:00.000Z",
      expiresAt: "2026-12-27T09:00:00.000Z",
    });
    await insertPost(h, {
      phone: "+447700900102",
      code: "P300",
      body: "Varu palīdzēt ar dārza darbiem un zāliena pļaušanu",
      expiresAt: "2026-12-10T09:00:00.000Z",
    });
  },
});

describe("the posts page in the browser", () => {
  it("approves and refuses on a 360 px phone, and every state fits the screen", async () => {
    const { context, page, errors } = await dash.loggedInPage(PHONE);
    await page.getByRole("link", { name: "Posts" }).click();
    await page.getByRole("heading", { level: 1, name: "Members' offers and asks" }).waitFor();
    await page.getByRole("heading", { name: "Waiting for approval (2)" }).waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "posts-360.png");

    const anna = page.locator('[data-post="P201"]');
    await anna.getByRole("button", { name: "Approve" }).click();
    await page.getByText("P201 is up and its poster has been told.").waitFor();
    await page.getByRole("heading", { name: "Up now (2)" }).waitFor();
    expect(await overflow(page)).toBe(0);

    const sharon = page.locator('[data-post="P202"]');
    await sharon.getByLabel("Reason (kept in the audit log only)").fill("Needs a caseworker instead");
    await sharon.getByRole("button", { name: "Refuse" }).click();
    await page.getByText("P202 was refused and its poster has been told.").waitFor();
    await page.getByText("Nothing is waiting.").waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "posts-done-360.png");
    expect(await dash.h.rows("SELECT code, status FROM posts ORDER BY code")).toEqual([
      { code: "P201", status: "open" },
      { code: "P202", status: "refused" },
      { code: "P300", status: "open" },
    ]);
    await page.setViewportSize(DESKTOP);
    await shot(page, "posts-desktop.png");
    expect(errors).toEqual([]);
    await context.close();
  });
});
