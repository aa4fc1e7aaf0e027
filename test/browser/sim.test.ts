// The chat simulator in a real browser (Debian chromium through playwright-core), against the whole app
// served over HTTP on a file-backed libSQL database with the demo scheme.
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDue, queueMessage } from "../../src/jobs/outbox.ts";
import { type SimServer, startSim } from "./support.ts";

const ANNA = "+447700900100"; // a Polish-speaking member of the demo scheme
const MAREK = "+447700900002"; // a partner contact at The Staithe
const RESULTS = new URL("../../test-results/", import.meta.url);
const LV_TITLE = (
  JSON.parse(readFileSync(new URL("../../locales/lv/sim.json", import.meta.url), "utf8")) as { title: string }
).title;

let sim: SimServer;

beforeAll(async () => {
  sim = await startSim();
});

afterAll(async () => {
  await sim?.close();
});

/** Opens the page, collects script errors and CSP violations, and waits for the people list. */
async function openSim(viewport?: { width: number; height: number }, path = "/sim") {
  const page = await sim.newPage(viewport);
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto(path);
  // The first member's chip is there once /sim/api/people has answered.
  await page.locator("#pick-members button").first().waitFor();
  return { page, errors };
}

function botBubbles(page: Page) {
  return page.getByRole("log").locator("li.msg.bot");
}

/** Types a message, sends it with Enter, and waits for the bot's answer to be shown. */
async function say(page: Page, text: string): Promise<void> {
  const before = await botBubbles(page).count();
  const box = page.getByLabel("Message", { exact: true });
  await box.fill(text);
  await box.press("Enter");
  await expect.poll(() => botBubbles(page).count(), { timeout: 10_000 }).toBeGreaterThan(before);
  await expect.poll(() => page.getByRole("button", { name: "Send", exact: true }).isEnabled()).toBe(true);
}

describe("the chat simulator in a browser", () => {
  it("talks as a demo member picked from the quick buttons", async () => {
    const { page, errors } = await openSim();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.title()).toBe("Time Credits chat simulator");
    await page.getByRole("heading", { level: 1, name: "Time Credits chat simulator" }).waitFor();

    const anna = page.getByRole("button", { name: "Anna", exact: true });
    await anna.click();
    expect(await page.getByLabel("Your phone number").inputValue()).toBe(ANNA);
    expect(await anna.getAttribute("aria-pressed")).toBe("true");
    await page.getByText("Texting as: Anna (member, pl)").waitFor();

    const annaSaid = () =>
      sim.h.rows(
        `SELECT i.channel, i.body FROM inbound_messages i JOIN members m ON m.id = i.member_id
         WHERE m.phone = ? AND i.body = 'SALDO'`,
        ANNA,
      );
    const before = (await annaSaid()).length;
    await say(page, "SALDO");
    const reply = botBubbles(page).filter({ hasText: "Masz 0 kredytów." });
    await reply.waitFor();
    expect(await reply.locator(".note").textContent()).toMatch(/^\d+ SMS segments? \((GSM-7|UCS-2)\)$/);
    // What was sent is shown too, no longer pending.
    await page.getByRole("log").locator("li.msg.me", { hasText: "SALDO" }).waitFor();
    expect(await page.getByRole("log").locator("li.pending").count()).toBe(0);

    const inbound = await annaSaid();
    expect(inbound).toHaveLength(before + 1);
    expect(inbound.at(-1)).toEqual({ channel: "sms", body: "SALDO" });
    expect(errors).toEqual([]);
  });

  it("joins as a new number typed in national form and logs hours in one line", async () => {
    const { page, errors } = await openSim();
    await page.getByLabel("Your phone number").fill("07700 900555");
    await page.getByText("Texting as: a new number (not registered yet)").waitFor();

    await say(page, "GODZINY 2,5 staithe wczoraj");
    await say(page, "Kasia");
    await say(page, "TAK");
    await expect.poll(() => botBubbles(page).last().textContent()).toContain("Zapisano: 2,5 godz.");

    const ledger = await sim.h.rows(
      `SELECT l.minutes, l.partner_id FROM ledger_entries l JOIN members m ON m.id = l.member_id
       WHERE m.phone = ?`,
      "+447700900555",
    );
    expect(ledger).toEqual([{ minutes: 150, partner_id: "staithe" }]);
    expect(errors).toEqual([]);
  });

  it("shows messages sent to others, and replies as their receiver", async () => {
    const { page, errors } = await openSim();
    const body = "Browser test: Anna logged 2 h at The Staithe. Reply YES 482";
    await sim.h.db.batch([queueMessage({ channel: "sms", address: MAREK, body }, sim.h.deps.now())], "write");

    const panel = page.getByRole("complementary", { name: "Messages sent to others" });
    const row = panel.getByRole("listitem").filter({ hasText: body });
    await row.waitFor({ timeout: 10_000 }); // the page polls the outbox every 2 s
    expect(await row.textContent()).toContain("To: Marek — The Staithe (partner contact)");
    expect(await panel.getByText("Nothing has been sent to anyone else yet.").isHidden()).toBe(true);
    expect(await row.locator(".badge").textContent()).toBe("waiting");

    // The harness points Twilio at a closed port: the attempt fails and the row waits for a retry.
    // The page re-reads waiting rows at each poll; the retry must not be labelled "sent through Twilio".
    await deliverDue(sim.h.deps);
    expect(await sim.h.rows("SELECT status, transport FROM outbox WHERE body = ?", body)).toEqual([
      { status: "pending", transport: "twilio" },
    ]);
    const stale = await row.elementHandle();
    await expect.poll(() => stale?.evaluate((node) => node.isConnected), { timeout: 10_000 }).toBe(false);
    expect(await row.locator(".badge").textContent()).toBe("waiting");
    expect(await row.textContent()).not.toContain("sent through Twilio");

    await row.getByRole("button", { name: "Reply as this person" }).click();
    await expect.poll(() => page.getByLabel("Your phone number").inputValue()).toBe(MAREK);
    await page.getByText("Texting as: Marek — The Staithe (partner contact)").waitFor();
    // The message shows in the receiver's own thread, marked as sent by the bot.
    await page
      .getByRole("log")
      .locator("li.msg.received", { hasText: body })
      .filter({ hasText: "sent to this number by the bot" })
      .waitFor();
    expect(errors).toEqual([]);
  });

  it.each([
    [360, 740],
    [1280, 800],
  ])("nothing overflows sideways at %i×%i", async (width, height) => {
    const { page, errors } = await openSim({ width, height });
    await page.getByRole("button", { name: "Anna", exact: true }).click();
    await say(page, "SALDO");
    const sizes = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(sizes.innerWidth).toBe(width);
    expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.innerWidth);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: new URL(`sim-${width}.png`, RESULTS).pathname, fullPage: true });
    expect(errors).toEqual([]);
  });

  it("is in Latvian with ?lang=lv", async () => {
    const { page, errors } = await openSim(undefined, "/sim?lang=lv");
    expect(await page.locator("html").getAttribute("lang")).toBe("lv");
    expect(await page.title()).toBe(LV_TITLE);
    await page.getByRole("heading", { level: 1, name: LV_TITLE }).waitFor();
    expect(await page.getByRole("navigation").getByText("Latviešu").getAttribute("aria-current")).toBe(
      "true",
    );
    expect(errors).toEqual([]);
  });
});
