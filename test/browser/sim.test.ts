// The chat simulator in a real browser (Debian chromium through playwright-core), against the whole app
// served over HTTP on a file-backed libSQL database with the demo scheme.
import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverDue } from "../../src/jobs/outbox.ts";
import { queueMessage } from "../../src/store/outbox.ts";
import { type SimServer, startSim } from "./support.ts";

const ANNA = "+447700900100"; // a Polish-speaking member of the demo scheme
const MAREK = "+447700900002"; // a partner contact at The Staithe
const JANIS_TELEGRAM = "2002"; // a Latvian-speaking member of the demo scheme, on Telegram
const KATE_TELEGRAM = "1001"; // a partner contact at The Staithe, on Telegram
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

/** Switches the page to Telegram and picks a quick-pick person by their chip's name. */
async function talkOnTelegram(page: Page, name: string): Promise<void> {
  await page.getByRole("radio", { name: "Telegram" }).check();
  await page.getByLabel("Your Telegram user ID").waitFor();
  expect(await page.getByLabel("Your phone number").isHidden()).toBe(true);
  await page.getByRole("button", { name, exact: true }).click();
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

  it("talks as a Telegram user: sends MENU and presses one of the bot's buttons", async () => {
    const { page, errors } = await openSim();
    await talkOnTelegram(page, "Jānis");
    expect(await page.getByLabel("Your Telegram user ID").inputValue()).toBe(JANIS_TELEGRAM);
    expect(await page.getByLabel("App language (for newcomers)").inputValue()).toBe("lv");
    await page.getByText("Writing on Telegram as: Jānis (member, lv)").waitFor();

    await say(page, "MENU");
    const menu = botBubbles(page).last();
    const buttons = menu.getByRole("group", { name: "Buttons" }).getByRole("button");
    expect(await buttons.count()).toBeGreaterThanOrEqual(3);
    // Telegram messages have no SMS segments.
    expect(
      await page
        .getByRole("log")
        .getByText(/SMS segment/)
        .count(),
    ).toBe(0);

    const before = await botBubbles(page).count();
    await menu.getByRole("button", { name: "Atlikums" }).click();
    await expect.poll(() => botBubbles(page).count(), { timeout: 10_000 }).toBe(before + 1);
    expect(await botBubbles(page).last().textContent()).toMatch(/kredīt/);
    await page
      .getByRole("log")
      .locator("li.msg.me", { hasText: "Atlikums" })
      .filter({ hasText: "pressed a button" })
      .waitFor();
    expect(await page.getByRole("log").locator("li.pending").count()).toBe(0);

    const inbound = await sim.h.rows(
      `SELECT i.channel, i.body FROM inbound_messages i JOIN members m ON m.id = i.member_id
       WHERE m.telegram_id = ? ORDER BY i.id DESC LIMIT 2`,
      Number(JANIS_TELEGRAM),
    );
    expect(inbound).toEqual([
      { channel: "telegram", body: "1" },
      { channel: "telegram", body: "MENU" },
    ]);

    // Threads are kept per channel: back on SMS, Jānis's phone thread does not show the Telegram talk.
    await page.getByRole("radio", { name: "SMS" }).check();
    await page.getByRole("button", { name: "Jānis", exact: true }).click();
    await page.getByText("Texting as: Jānis (member, lv)").waitFor();
    expect(await page.getByRole("log").getByText("Atlikums").count()).toBe(0);
    await page.getByRole("radio", { name: "Telegram" }).check();
    await page.getByRole("log").locator("li.msg.me", { hasText: "Atlikums" }).waitFor();
    expect(errors).toEqual([]);
  });

  it("joins as a new Telegram user in Polish and shares a phone number with the button", async () => {
    const { page, errors } = await openSim();
    await page.getByRole("radio", { name: "Telegram" }).check();
    await page.getByRole("button", { name: "+ New person" }).click();
    const id = await page.getByLabel("Your Telegram user ID").inputValue();
    expect(id).toMatch(/^\d{6}$/);
    await page.getByText("Writing on Telegram as: a new Telegram user (not registered yet)").waitFor();
    await page.getByLabel("App language (for newcomers)").selectOption("pl");
    await page.getByLabel("First name in the Telegram profile").fill("Ola");

    await say(page, "cześć");
    expect(await botBubbles(page).last().textContent()).toContain("Jak masz na imię?");
    await say(page, "Ola");
    await say(page, "TAK");
    // The welcome carries the share button; "Have you volunteered before?" follows it with Tak/Nie.
    await expect.poll(() => botBubbles(page).last().textContent()).toContain("doświadczenie w wolontariacie");
    const share = page.getByRole("button", { name: "📱 Udostępnij mój numer" });
    await share.click();
    const number = page.getByLabel("Phone number to share");
    expect(await number.inputValue()).toBe("");
    await number.fill("07700 900666");
    const before = await botBubbles(page).count();
    await page.getByRole("button", { name: "Share", exact: true }).click();
    await expect.poll(() => botBubbles(page).count(), { timeout: 10_000 }).toBe(before + 1);
    expect(await botBubbles(page).last().textContent()).toContain("Połączono!");
    // The share button is gone once used; the shared number shows as the user's message.
    expect(await page.getByRole("button", { name: "📱 Udostępnij mój numer" }).count()).toBe(0);
    await page.getByRole("log").locator("li.msg.me", { hasText: "07700 900666" }).waitFor();
    expect(await sim.h.rows("SELECT name, phone FROM members WHERE telegram_id = ?", Number(id))).toEqual([
      { name: "Ola", phone: "+447700900666" },
    ]);
    // Now a member: the quick picks know her on Telegram.
    await page.getByText("Writing on Telegram as: Ola (member, pl)").waitFor();
    expect(errors).toEqual([]);
  });

  it("shows a Telegram message to a partner with its buttons, and presses one as the partner", async () => {
    const { page, errors } = await openSim();
    const body = "Browser test: Jānis logged 2 h at The Staithe. Press YES or NO.";
    const buttons = [
      [
        { text: "✅ YES", callback_data: "c:9876:y" },
        { text: "❌ NO", callback_data: "c:9876:n" },
      ],
    ];
    await sim.h.db.batch(
      [
        queueMessage(
          {
            channel: "telegram",
            address: KATE_TELEGRAM,
            body,
            payload: { kind: "send", reply_markup: { inline_keyboard: buttons } },
          },
          sim.h.deps.now(),
        ),
      ],
      "write",
    );
    // With no Telegram settings the message is delivered to the simulator.
    await deliverDue(sim.h.deps);

    const panel = page.getByRole("complementary", { name: "Messages sent to others" });
    const row = panel.getByRole("listitem").filter({ hasText: body });
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator("strong").textContent()).toBe("To: Kate — The Staithe (partner contact)");
    expect(await row.getByRole("list", { name: "Buttons" }).getByRole("listitem").allTextContents()).toEqual([
      "✅ YES",
      "❌ NO",
    ]);
    await expect
      .poll(() => row.textContent(), { timeout: 10_000 })
      .toContain("simulated, no real Telegram message");
    expect(await row.textContent()).not.toContain("SMS segment");

    await row.getByRole("button", { name: "Reply as this person" }).click();
    expect(await page.getByRole("radio", { name: "Telegram" }).isChecked()).toBe(true);
    await expect.poll(() => page.getByLabel("Your Telegram user ID").inputValue()).toBe(KATE_TELEGRAM);
    const received = page
      .getByRole("log")
      .locator("li.msg.received", { hasText: body })
      .filter({ hasText: "sent to this chat by the bot" });
    await received.waitFor();
    const before = await botBubbles(page).count();
    await received.getByRole("button", { name: "❌ NO" }).click();
    await expect.poll(() => botBubbles(page).count(), { timeout: 10_000 }).toBe(before + 1);
    expect(await botBubbles(page).last().textContent()).toContain("9876");
    expect(errors).toEqual([]);
  });

  it("keeps Telegram's buttons inside a 360 px screen", async () => {
    const { page, errors } = await openSim({ width: 360, height: 740 });
    await talkOnTelegram(page, "Jānis");
    expect(await page.getByLabel("Your Telegram user ID").inputValue()).toBe(JANIS_TELEGRAM);
    await say(page, "MENU");
    await botBubbles(page).last().getByRole("group", { name: "Buttons" }).waitFor();
    const sizes = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      keys: [...document.querySelectorAll(".msg .key")].map((k) => k.getBoundingClientRect().right),
    }));
    expect(sizes.innerWidth).toBe(360);
    expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.innerWidth);
    expect(Math.max(...sizes.keys)).toBeLessThanOrEqual(360);
    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: new URL("sim-telegram-360.png", RESULTS).pathname, fullPage: true });
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
