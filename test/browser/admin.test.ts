// The coordinator dashboard in a real browser (Debian chromium through playwright-core) on a phone-
// sized screen: log in through the form, answer a request, and check that no page is wider than
// the screen. Screenshots go to test-results/.
import { describe, expect, it } from "vitest";
import { latestCode } from "../support/transcript.ts";
import { DESKTOP, dashboardForFile, overflow, PHONE, shot } from "./support.ts";

const SHARON = "+447700900101";

const dash = dashboardForFile({
  name: "admin",
  // Something to show: an earning waiting at The Staithe.
  seed: async (h) => {
    await h.sms(SHARON, "LOG 2 staithe gardening");
  },
});

describe("the dashboard on a 360 px phone screen", () => {
  it("logs in, fits every page on the screen, and confirms a request", async () => {
    const { context, page, errors } = await dash.loggedInPage(PHONE);
    const cookie = (await context.cookies()).find((c) => c.name === "tc_admin");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/admin" });

    expect(await overflow(page)).toBe(0);
    await shot(page, "admin-overview-360.png");

    const sharon = Number((await dash.h.rows("SELECT id FROM members WHERE phone = ?", SHARON))[0]?.id);
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
    await shot(page, "admin-partners-360.png");

    const code = await latestCode(dash.h, "staithe")();
    const request = page.locator(`li[data-request="${code}"]`);
    await request.getByRole("button", { name: "Confirm on their behalf" }).click();
    await page.getByText(`Request ${code} confirmed; the member is being told.`).waitFor();
    expect(await dash.h.rows("SELECT status, settled_by FROM ledger_entries WHERE code = ?", code)).toEqual([
      { status: "confirmed", settled_by: "coordinator" },
    ]);

    await page.goto(`/admin/members/${sharon}`);
    await page.getByLabel("Credits to add or take away (e.g. 2 or -1.5)").fill("-0.5");
    await page.getByLabel("Reason (the member may ask)").fill("Half an hour was a break");
    await page.getByRole("button", { name: "Add correction" }).click();
    await page.getByText("Correction added.").waitFor();
    expect(await overflow(page)).toBe(0);
    await shot(page, "admin-member-360.png");

    await page.getByRole("button", { name: "Log out", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Coordinator login" }).waitFor();
    expect((await context.cookies()).find((c) => c.name === "tc_admin")).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("adds a partner with a contact, whose contact is then asked to confirm a member's hours", async () => {
    const { context, page } = await dash.loggedInPage(PHONE);
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

    const partner = await dash.h.rows("SELECT id, name FROM partners WHERE name = ?", "Fenland Food Bank");
    expect(partner).toHaveLength(1);
    const id = String(partner[0]?.id);
    expect(
      await dash.h.rows("SELECT name, phone, locale FROM partner_contacts WHERE partner_id = ?", id),
    ).toEqual([{ name: "Beata", phone: "+447700900555", locale: "pl" }]);
    const audit = await dash.h.rows(
      "SELECT actor FROM audit_log WHERE subject = ? ORDER BY id DESC LIMIT 1",
      `partner:${id}`,
    );
    expect(audit).toEqual([{ actor: "coordinator:Kim" }]);

    // The new partner works in the bot straight away: Sharon logs there and Beata is asked, in Polish.
    const reply = await dash.h.sms(SHARON, "LOG 3 food bank sorting");
    expect(reply.messages.join(" ")).toMatch(/Fenland Food Bank/);
    const asked = await dash.h.rows("SELECT body FROM outbox WHERE address = ? ORDER BY id", "+447700900555");
    expect(asked).toHaveLength(1);
    expect(String(asked[0]?.body)).toMatch(/Sharon/);
    expect(String(asked[0]?.body)).toMatch(/TAK|tak/);
    await context.close();
  });

  it("fits a desktop screen too", async () => {
    const { context, page } = await dash.loggedInPage(DESKTOP);
    for (const [path, name] of [
      ["/admin", "overview"],
      ["/admin/members", "members"],
      ["/admin/partners", "partners"],
      ["/admin/audit", "audit"],
    ] as const) {
      await page.goto(path);
      expect(await overflow(page), path).toBe(0);
      await shot(page, `admin-${name}-1280.png`);
    }
    await context.close();
  });
});
