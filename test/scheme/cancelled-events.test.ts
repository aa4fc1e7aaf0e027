// A cancelled event in the scheme file: `timecredits export` writes `"cancelled": true`, import reads
// it back, so moving a scheme to a new database (export → import) does not make a cancelled event
// bookable again; and no re-import ever un-cancels one.
import { createClient } from "@libsql/client";
import { describe, expect, test } from "vitest";
import { importScheme } from "../../src/scheme/import.ts";
import { parseScheme, type SchemeFile } from "../../src/scheme/schema.ts";
import { exportScheme } from "../../src/scheme/store.ts";
import { cancelEvent } from "../../src/services/cancel-event.ts";
import { type Db, migrate } from "../../src/store/db.ts";
import { createHarness, demoScheme } from "../support/harness.ts";

const SHARON = "+447700900101";
const DAVE = "+447700900006"; // Adventure Playground: his LOG for members is confirmed at once

async function freshDb(): Promise<Db> {
  const db = createClient({ url: ":memory:", intMode: "number" });
  await migrate(db);
  return db;
}

function parsed(file: unknown): SchemeFile {
  const result = parseScheme(JSON.parse(JSON.stringify(file)));
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.scheme;
}

const cancelledIds = async (db: Db) =>
  (await db.execute("SELECT id FROM events WHERE cancelled_at IS NOT NULL ORDER BY id")).rows.map(
    (r) => r.id,
  );

describe("cancelled events in the scheme file", () => {
  test("export → import into a new database keeps the event cancelled, and the bot does not offer it", async () => {
    const h = await createHarness();
    const cancelled = await cancelEvent(h.deps, "bingo-dec", "coordinator");
    expect(cancelled.ok).toBe(true);
    const exported = await exportScheme(h.db);
    const events = exported.events.map((e) => [e.id, e.cancelled]);
    expect(events).toEqual([
      ["bingo-dec", true],
      ["crafts-dec", undefined],
      ["lunch-dec", undefined],
      ["litter-pick-jan", undefined],
      ["quiz-jan", undefined],
    ]);
    // Not kept twice: the field is a column, not an extra.
    expect((await h.rows("SELECT extra FROM events WHERE id = 'bingo-dec'"))[0]?.extra).not.toContain(
      "cancelled",
    );

    const moved = await freshDb();
    await importScheme(moved, parsed(exported), new Date("2026-11-29T10:00:00Z"));
    expect(await cancelledIds(moved)).toEqual(["bingo-dec"]);
    // The round trip: exporting the new database gives the same file.
    expect(await exportScheme(moved)).toEqual(exported);

    // A bot on the moved scheme does not offer the cancelled bingo.
    const bot = await createHarness({ scheme: exported });
    await bot.sms(DAVE, "LOG 5 07700900101");
    const offered = (await bot.sms(SHARON, "EVENTS")).messages.join("\n");
    expect(offered).toContain("Christmas crafts");
    expect(offered).not.toContain("Family bingo");
  });

  test("re-importing never un-cancels, and keeps when it was cancelled", async () => {
    const h = await createHarness();
    await cancelEvent(h.deps, "bingo-dec", "coordinator");
    const [before] = await h.rows("SELECT cancelled_at FROM events WHERE id = 'bingo-dec'");
    // The original file (no `cancelled`) and an export (`cancelled: true`) both leave it as it was.
    await importScheme(h.db, parsed(demoScheme()), new Date("2026-11-30T10:00:00Z"));
    await importScheme(h.db, parsed(await exportScheme(h.db)), new Date("2026-12-01T10:00:00Z"));
    expect(await h.rows("SELECT cancelled_at FROM events WHERE id = 'bingo-dec'")).toEqual([before]);
    expect(await cancelledIds(h.db)).toEqual(["bingo-dec"]);
  });

  test("a hand-written `cancelled` must be true or false; false changes nothing", async () => {
    const file = demoScheme() as { events: Array<Record<string, unknown>> };
    const bad = structuredClone(file);
    (bad.events[1] as Record<string, unknown>).cancelled = "yes";
    const result = parseScheme(bad);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.path)).toContain("events.1.cancelled");

    const good = structuredClone(file);
    (good.events[0] as Record<string, unknown>).cancelled = false;
    (good.events[1] as Record<string, unknown>).cancelled = true;
    const db = await freshDb();
    await importScheme(db, parsed(good), new Date("2026-11-29T10:00:00Z"));
    expect(await cancelledIds(db)).toEqual(["crafts-dec"]);
  });
});
