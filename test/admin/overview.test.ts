// The overview's figures on a scheme seeded through the real flows (SMS to the webhook), checked
// against values worked out by hand below.
import { beforeAll, describe, expect, test } from "vitest";
import type { Harness } from "../support/harness.ts";
import { latestCode } from "../support/transcript.ts";
import { ADMIN_TOKEN, Coordinator, loggedIn, textOf } from "./support.ts";

const ANNA = "+447700900100"; // member, Polish
const SHARON = "+447700900101"; // member, English
const KATE = "+447700900001"; // contact, The Staithe
const SUE = "+447700900003"; // contact, Oasis
const DAVE = "+447700900006"; // contact, Adventure Playground
const TOM = "+447700900010"; // contact, the cinema

let h: Harness;
let coordinator: Coordinator;

/**
 * October: Dave logs 5 h for Jānis (confirmed at once; last month, and more than 30 days ago).
 * 25 Nov: Sharon logs 4 h at The Staithe, never answered (waiting more than 48 h by the 28th).
 * 28 Nov: Kate logs 3 h for Anna (confirmed at once); Sharon logs 2 h at Oasis and Sue confirms;
 * Anna logs 1.5 h at The Staithe (waiting); Anna takes a cinema code (2 credits) which Tom redeems;
 * Sharon takes a swimming code (1 credit), not used yet.
 */
beforeAll(async () => {
  ({ h, coordinator } = await loggedIn({ now: "2026-10-20T10:00:00Z" }));
  const ok = async (from: string, text: string) => {
    const res = await h.sms(from, text);
    expect(res.status).toBe(200);
    return res.messages.join("\n");
  };
  await ok(DAVE, "LOG 5 07700900102");
  h.setNow("2026-11-25T10:00:00Z");
  await ok(SHARON, "LOG 4 staithe");
  h.setNow("2026-11-28T12:00:00Z");
  await ok(KATE, "LOG 3 07700900100");
  await ok(SHARON, "LOG 2 oasis");
  await ok(SUE, `YES ${await latestCode(h, "oasis")()}`);
  await ok(ANNA, "LOG 1.5 staithe");
  await ok(ANNA, "SPEND cinema");
  const code = /\b(\d{4})\b/.exec(await ok(ANNA, "TAK"))?.[1];
  expect(code).toBeDefined();
  expect(await ok(TOM, `REDEEM ${code}`)).toMatch(/Anna/);
  await ok(SHARON, "SPEND swim");
  expect(await ok(SHARON, "YES")).toMatch(/\b\d{4}\b/);
  // The session from October has long expired: log in again today.
  coordinator = new Coordinator(h);
  await coordinator.login();
});

describe("the overview", () => {
  test("the ledger says what the seed did", async () => {
    const rows = await h.rows(
      `SELECT m.name, l.kind, l.status, l.minutes FROM ledger_entries l JOIN members m ON m.id = l.member_id ORDER BY l.id`,
    );
    expect(rows).toEqual([
      { name: "Jānis", kind: "earning", status: "confirmed", minutes: 300 },
      { name: "Sharon", kind: "earning", status: "pending", minutes: 240 },
      { name: "Anna", kind: "earning", status: "confirmed", minutes: 180 },
      { name: "Sharon", kind: "earning", status: "confirmed", minutes: 120 },
      { name: "Anna", kind: "earning", status: "pending", minutes: 90 },
      { name: "Anna", kind: "spend", status: "confirmed", minutes: -120 },
      { name: "Sharon", kind: "spend", status: "held", minutes: -60 },
    ]);
  });

  test("figures match the hand count", async () => {
    const api = await h.app.request("/admin/api/overview", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(await api.json()).toEqual({
      members: 3, // Sharon, Anna, Jānis
      active30: 2, // Sharon and Anna; Jānis's only entry is from October
      minutesThisMonth: 300, // Anna 3 h + Sharon 2 h, confirmed, given in November
      issued: 600, // 5 + 3 + 2 h confirmed
      spent: 120, // the cinema ticket
      outstanding: 480, // 600 − 120
      held: 60, // the swimming code
      pendingRequests: 2, // Sharon's 4 h, Anna's 1.5 h
      pendingOlderThan48h: 1, // Sharon's, from the 25th
    });
  });

  test("the page shows them", async () => {
    const page = await coordinator.get("/admin");
    expect(page.status).toBe(200);
    const figure = (id: string) =>
      new RegExp(`data-figure="${id}"><span class="figure">([^<]*)<`).exec(page.html)?.[1];
    expect({
      members: figure("members"),
      active30: figure("active30"),
      hoursThisMonth: figure("hoursThisMonth"),
      issued: figure("issued"),
      spent: figure("spent"),
      outstanding: figure("outstanding"),
      held: figure("held"),
      pending: figure("pending"),
      stale: figure("stale"),
    }).toEqual({
      members: "3",
      active30: "2",
      hoursThisMonth: "5",
      issued: "10",
      spent: "2",
      outstanding: "8",
      held: "1",
      pending: "2",
      stale: "1",
    });
    expect(textOf(page.html)).toContain("waiting more than 48 hours");
  });
});
