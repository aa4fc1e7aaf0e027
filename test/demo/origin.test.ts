// Where a database's scheme came from: empty → demo (the demo loader) → real (any other import, the
// CLI's or the admin API's), and never back; a database that held a real scheme refuses the demo.

import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { loadDemo, NotADemoDatabaseError, readDemoScheme, schemeOrigin } from "../../src/demo/index.ts";
import { importScheme } from "../../src/scheme/import.ts";
import { createHarness, demoScheme } from "../support/harness.ts";
import { countOf, emptyDb, NOW } from "./support.ts";

const ADMIN_TOKEN = "demo-origin-coordinator-token-0123456789";
const opened: Array<{ close(): void }> = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
const fresh = async () => {
  const db = await emptyDb();
  opened.push(db);
  return db;
};

describe("the scheme's origin", () => {
  it("goes from empty to demo to real, and a real database never becomes a demo again", async () => {
    const db = await fresh();
    expect(await schemeOrigin(db)).toBe("empty");
    await loadDemo(db, { now: NOW, months: 1, members: 20 });
    expect(await schemeOrigin(db)).toBe("demo");
    await importScheme(db, readDemoScheme(), NOW);
    expect(await schemeOrigin(db)).toBe("real");
    await expect(db.execute("UPDATE scheme_origin SET origin = 'demo'")).rejects.toThrow(
      /never a demo again/,
    );
    await expect(db.execute("DELETE FROM scheme_origin")).rejects.toThrow(/never a demo again/);
    await expect(importScheme(db, readDemoScheme(), NOW, { demo: true })).rejects.toBeInstanceOf(
      NotADemoDatabaseError,
    );
    expect(await schemeOrigin(db)).toBe("real");
  });

  it("refuses the demo on a database that holds a real scheme, and writes nothing", async () => {
    const db = await fresh();
    await importScheme(db, readDemoScheme(), NOW);
    const members = await countOf(db, "SELECT COUNT(*) FROM members");
    const error = await loadDemo(db, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotADemoDatabaseError);
    expect((error as Error).message).toMatch(/holds a real scheme/);
    expect(await countOf(db, "SELECT COUNT(*) FROM members")).toBe(members);
    expect(await countOf(db, "SELECT COUNT(*) FROM ledger_entries")).toBe(0);
  });

  it("counts a database from before the marker, with partners but no marker, as real", async () => {
    const db = await fresh();
    await db.execute(
      "INSERT INTO partners (id, name, updated_at) VALUES ('hall', 'Village hall', '2026-01-01T00:00:00Z')",
    );
    expect(await schemeOrigin(db)).toBe("real");
    await expect(loadDemo(db, { now: NOW })).rejects.toBeInstanceOf(NotADemoDatabaseError);
    expect(await countOf(db, "SELECT COUNT(*) FROM members")).toBe(0);
  });

  it("is marked real by the admin API's scheme import (through HTTP)", async () => {
    const h = await createHarness({ env: { ADMIN_TOKEN } });
    const db = await fresh();
    await loadDemo(db, { now: NOW, months: 1, members: 20 });
    const app = createApp({ ...h.deps, db });
    const res = await app.request("/admin/api/scheme", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(demoScheme()),
    });
    expect(res.status).toBe(200);
    expect(await schemeOrigin(db)).toBe("real");
    await expect(loadDemo(db, { now: NOW })).rejects.toBeInstanceOf(NotADemoDatabaseError);
  });
});
