// A booking and the event's cancellation in the dashboard at the same instant: whichever write lands
// second sees the other. A booking written after the cancellation is refused by its own guard (the
// member is told nothing was booked, no credits are held); a booking that lands between the
// cancellation's read and its write stops the cancellation, which the coordinator simply repeats.
import { describe, expect, test } from "vitest";
import { setOfferWithdrawn } from "../../src/admin/events/offer-withdraw.ts";
import type { Deps } from "../../src/deps.ts";
import { cancelEvent } from "../../src/services/cancel-event.ts";
import type { Db } from "../../src/store/db.ts";
import { createHarness, type Harness } from "../support/harness.ts";

const SHARON = "+447700900101"; // member, English
const DAVE = "+447700900006"; // Adventure Playground: his LOG for members is confirmed at once

/** Sharon has 5 credits and has been asked to confirm 2 places at the family bingo. */
async function askedToConfirm(): Promise<Harness> {
  const h = await createHarness();
  await h.sms(DAVE, "LOG 5 07700900101");
  await h.sms(SHARON, "EVENTS");
  await h.sms(SHARON, "1");
  expect((await h.sms(SHARON, "2")).messages).toEqual([
    "Book Family bingo, places: 2, for 2 credits? Reply YES or NO.",
  ]);
  return h;
}

/** A db whose next batch of `mode` waits, once it has run, until `open` is called. */
function gated(db: Db, mode: "read" | "write"): { db: Db; reached: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  let reach: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  const reached = new Promise<void>((resolve) => {
    reach = resolve;
  });
  let armed = true;
  return {
    reached,
    open,
    db: {
      execute: db.execute.bind(db),
      executeMultiple: db.executeMultiple.bind(db),
      batch: async (statements, m) => {
        if (m !== mode || !armed) return db.batch(statements, m);
        armed = false;
        // A read waits after it ran (the member decides on what it saw); a write waits before it runs.
        if (m === "read") {
          const result = await db.batch(statements, m);
          reach();
          await gate;
          return result;
        }
        reach();
        await gate;
        return db.batch(statements, m);
      },
    },
  };
}

const held = (h: Harness) => h.rows("SELECT status, minutes FROM ledger_entries WHERE status = 'held'");

describe("booking versus cancelling the event", () => {
  test("the cancellation lands between the member's read and their booking: nothing is booked", async () => {
    const h = await askedToConfirm();
    const member = gated(h.db, "read");
    h.deps.db = member.db;
    const yes = h.sms(SHARON, "YES");
    await member.reached;
    // The member's read saw the event open; now the coordinator cancels it.
    const cancelled = await cancelEvent({ ...h.deps, db: h.db }, "bingo-dec", "coordinator");
    expect(cancelled.ok).toBe(true);
    member.open();
    expect((await yes).messages).toEqual(["OK, nothing booked."]);
    expect(await h.rows("SELECT * FROM bookings")).toEqual([]);
    expect(await held(h)).toEqual([]);
    h.deps.db = h.db;
    expect((await h.sms(SHARON, "BALANCE")).messages).toEqual(["You have 5 credits."]);
  });

  test("the booking lands between the cancellation's read and its write: the cancellation stops, and a retry releases it", async () => {
    const h = await askedToConfirm();
    const coordinator = gated(h.db, "write");
    const deps: Deps = { ...h.deps, db: coordinator.db };
    const cancelling = cancelEvent(deps, "bingo-dec", "coordinator");
    await coordinator.reached;
    // The cancellation has read the (no) held bookings; Sharon's booking is written now.
    const booked = await h.sms(SHARON, "YES");
    expect(booked.messages[0]).toMatch(/^Booked Family bingo/);
    coordinator.open();
    const first = await cancelling;
    expect(first.ok).toBe(false);
    expect(await h.rows("SELECT cancelled_at FROM events WHERE id = 'bingo-dec'")).toEqual([
      { cancelled_at: null },
    ]);
    expect(await held(h)).toEqual([{ status: "held", minutes: -120 }]);

    const again = await cancelEvent(h.deps, "bingo-dec", "coordinator");
    expect(again.ok && again.record.released).toBe(1);
    expect(await h.rows("SELECT status FROM bookings")).toEqual([{ status: "cancelled" }]);
    expect(await held(h)).toEqual([]);
    expect((await h.sms(SHARON, "BALANCE")).messages).toEqual(["You have 5 credits."]);
  });
});

describe("getting a code for an offer versus withdrawing it", () => {
  test("the offer is withdrawn between the member's read and their YES: no code, no credits held", async () => {
    const h = await createHarness();
    await h.sms(DAVE, "LOG 5 07700900101");
    const asked = await h.sms(SHARON, "SPEND cinema");
    expect(asked.messages.join(" ")).toMatch(/Reply YES or NO/);
    const member = gated(h.db, "read");
    h.deps.db = member.db;
    const yes = h.sms(SHARON, "YES");
    await member.reached;
    const withdrawn = await setOfferWithdrawn({ ...h.deps, db: h.db }, "cinema-ticket", true, "coordinator");
    expect(withdrawn.ok).toBe(true);
    member.open();
    expect((await yes).messages).toEqual(["OK, nothing booked."]);
    expect(await h.rows("SELECT * FROM bookings")).toEqual([]);
    expect(await held(h)).toEqual([]);
    h.deps.db = h.db;
    expect((await h.sms(SHARON, "BALANCE")).messages).toEqual(["You have 5 credits."]);
  });
});
