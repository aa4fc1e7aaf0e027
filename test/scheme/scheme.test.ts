// The scheme file end to end on a real libSQL database: validation with paths, idempotent import,
// time zones, and export → parse → import giving back the same scheme.

import { readFileSync } from "node:fs";
import { type Client, createClient } from "@libsql/client";
import { beforeEach, describe, expect, test } from "vitest";
import { eventStartUtc, hasScheme, importScheme } from "../../src/scheme/import.ts";
import { parseScheme, type SchemeFile } from "../../src/scheme/schema.ts";
import { exportScheme, loadPartners } from "../../src/scheme/store.ts";
import { migrate } from "../../src/store/db.ts";

const NOW = new Date("2026-11-01T09:00:00.000Z");
const demoText = readFileSync(new URL("../../examples/demo-scheme.json", import.meta.url), "utf8");
// biome-ignore lint/suspicious/noExplicitAny: tests edit the raw file freely, valid or not
type RawFile = Record<string, any>;
const demoJson = () => JSON.parse(demoText) as RawFile;

function demo(change?: (file: RawFile) => void): SchemeFile {
  const file = demoJson();
  change?.(file);
  const parsed = parseScheme(file);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.scheme;
}

let db: Client;
beforeEach(async () => {
  db = createClient({ url: ":memory:", intMode: "number" });
  await migrate(db);
});

const count = async (table: string) =>
  Number((await db.execute(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
const counts = async () => ({
  partners: await count("partners"),
  contacts: await count("partner_contacts"),
  offers: await count("offers"),
  events: await count("events"),
  members: await count("members"),
});

describe("the demo scheme", () => {
  test("parses, with five earn partners, four spend partners and every title in three languages", () => {
    const scheme = demo();
    expect(scheme.scheme).toMatchObject({ name: "Wisbech Time Credits", timezone: "Europe/London" });
    expect(scheme.partners.filter((p) => p.earn && !p.spend)).toHaveLength(5);
    expect(scheme.partners.filter((p) => p.spend && !p.earn)).toHaveLength(4);
    const titles = [...scheme.offers, ...scheme.events].map((e) => e.title);
    for (const title of titles) expect(Object.keys(title).sort()).toEqual(["en", "lv", "pl"]);
    expect(scheme.members.find((m) => m.name === "Anna")).toEqual({
      name: "Anna",
      phone: "+447700900100",
      locale: "pl",
    });
  });
});

describe("importScheme", () => {
  test("is idempotent, and a second import updates what changed", async () => {
    expect(await hasScheme(db)).toBe(false);
    const first = await importScheme(db, demo(), NOW);
    expect(await hasScheme(db)).toBe(true);
    expect(await counts()).toEqual(first);
    expect(first).toEqual({ partners: 9, contacts: 12, offers: 5, events: 5, members: 3 });

    await importScheme(db, demo(), NOW);
    expect(await counts()).toEqual(first);

    await importScheme(
      db,
      demo((f) => {
        f.scheme.name = "Wisbech & District Time Credits";
        f.partners[0].name = "The Staithe Hostel";
      }),
      NOW,
    );
    expect(await counts()).toEqual(first);
    expect((await db.execute("SELECT name FROM scheme")).rows[0]?.name).toBe(
      "Wisbech & District Time Credits",
    );
    expect((await loadPartners(db))[0]?.name).toBe("The Staithe Hostel");
  });

  test("stores national-form phones in E.164", async () => {
    await importScheme(db, demo(), NOW);
    const marek = await db.execute("SELECT phone, locale FROM partner_contacts WHERE name = 'Marek'");
    expect(marek.rows[0]).toMatchObject({ phone: "+447700900002", locale: "pl" });
    const sharon = await db.execute("SELECT phone, source, consent_at FROM members WHERE name = 'Sharon'");
    expect(sharon.rows[0]).toMatchObject({
      phone: "+447700900101",
      source: "scheme",
      consent_at: NOW.toISOString(),
    });
  });

  test("reads event times without an offset in the scheme's timezone, winter and summer", async () => {
    expect(eventStartUtc("2026-12-04T18:00", "Europe/London")).toBe("2026-12-04T18:00:00.000Z");
    expect(eventStartUtc("2026-07-04T18:00", "Europe/London")).toBe("2026-07-04T17:00:00.000Z");
    expect(eventStartUtc("2026-07-04T18:00+02:00", "Europe/London")).toBe("2026-07-04T16:00:00.000Z");
    await importScheme(
      db,
      demo((f) => f.events.push({ ...f.events[0], id: "bingo-jul", startsAt: "2026-07-04T18:00" })),
      NOW,
    );
    const rows = (await db.execute("SELECT id, starts_at FROM events WHERE id LIKE 'bingo-%' ORDER BY id"))
      .rows;
    expect(rows.map((r) => [r.id, r.starts_at])).toEqual([
      ["bingo-dec", "2026-12-04T18:00:00.000Z"],
      ["bingo-jul", "2026-07-04T17:00:00.000Z"],
    ]);
  });

  test("normalises activities, converts credits to minutes and pounds to pence, keeps extra fields", async () => {
    await importScheme(
      db,
      demo((f) => {
        f.partners[0].address = "Wisbech";
        // An activity given as a plain string becomes an id and an English title.
        f.partners[0].activities.push("Night shelter");
      }),
      NOW,
    );
    const staithe = (await loadPartners(db))[0];
    expect(staithe?.aliases).toEqual(["staithe", "hostel", "schronisko", "noclegownia", "patversme"]);
    expect(staithe?.activities.at(-2)).toEqual({
      id: "decorating",
      title: { en: "Decorating", pl: "Odnawianie wnętrz", lv: "Telpu atjaunošana" },
    });
    expect(staithe?.activities.at(-1)).toEqual({ id: "night-shelter", title: { en: "Night shelter" } });
    const swim = (await db.execute("SELECT cost_minutes, value_pence FROM offers WHERE id = 'swim'")).rows[0];
    expect(swim).toMatchObject({ cost_minutes: 60, value_pence: 450 });
    const extra = (await db.execute("SELECT extra FROM partners WHERE id = 'staithe'")).rows[0]?.extra;
    expect(JSON.parse(String(extra))).toMatchObject({ address: "Wisbech" });
  });

  test("replaces a partner's contacts, and leaves members' opt-out and first consent alone", async () => {
    await importScheme(db, demo(), NOW);
    await db.execute("UPDATE members SET opted_out = 1 WHERE name = 'Anna'");
    await importScheme(
      db,
      demo((f) => {
        // Kate leaves; her Telegram id now belongs to Marek's entry.
        f.partners[0].contacts = [{ name: "Marek", phone: "07700900002", telegramId: 1001, locale: "pl" }];
        f.members[1].name = "Anna K.";
      }),
      new Date("2027-01-01T00:00:00.000Z"),
    );
    const staithe = await db.execute(
      "SELECT name, phone, telegram_id FROM partner_contacts WHERE partner_id = 'staithe'",
    );
    expect(staithe.rows.map((r) => ({ ...r }))).toEqual([
      { name: "Marek", phone: "+447700900002", telegram_id: 1001 },
    ]);
    const anna = (
      await db.execute("SELECT name, opted_out, consent_at FROM members WHERE phone = '+447700900100'")
    ).rows[0];
    expect(anna).toMatchObject({ name: "Anna K.", opted_out: 1, consent_at: NOW.toISOString() });
  });
});

describe("parseScheme", () => {
  test("rejects a file with several errors whole, naming every path", () => {
    const file = demoJson();
    file.scheme.timezone = "Europe/Wisbech";
    file.partners[2].contacts[0].phone = "0770 09";
    file.offers[0].partner = "odeon";
    file.events[1].id = "bingo-dec";
    delete file.events[3].title;
    file.partners[0].activities[0] = { id: "gardening" };
    const result = parseScheme(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path).sort()).toEqual([
      "events.1.id",
      "events.3.title",
      "offers.0.partner",
      "partners.0.activities.0.title",
      "partners.2.contacts.0.phone",
      "scheme.timezone",
    ]);
    expect(result.errors.find((e) => e.path === "offers.0.partner")?.message).toContain("odeon");
  });

  test("applies defaults and keeps unknown fields", () => {
    const result = parseScheme({
      scheme: { name: "Tiny", timezone: "Europe/Riga", note: "kept" },
      partners: [{ id: "hall", name: "Village hall", contacts: [{ name: "Ed", telegramId: 7 }] }],
    });
    expect(result.ok && result.scheme).toEqual({
      scheme: { name: "Tiny", timezone: "Europe/Riga", note: "kept", settings: {} },
      partners: [
        {
          id: "hall",
          name: "Village hall",
          earn: true,
          spend: false,
          aliases: [],
          activities: [],
          slots: [],
          contacts: [{ name: "Ed", telegramId: 7, locale: "en" }],
        },
      ],
      offers: [],
      events: [],
      members: [],
    });
  });
});

describe("exportScheme", () => {
  test("round-trips: the export parses, and importing it changes nothing", async () => {
    // 01:30 comes twice the night the clocks go back; a plain local time means the second one, so the
    // first keeps its offset.
    const late = { id: "late-disco", startsAt: "2026-10-25T01:30+01:00" };
    await importScheme(
      db,
      demo((f) => f.events.push({ ...f.events[0], ...late })),
      NOW,
    );
    const exported = await exportScheme(db);
    expect(exported.events.find((e) => e.id === "late-disco")?.startsAt).toBe(late.startsAt);
    const reparsed = parseScheme(JSON.parse(JSON.stringify(exported)));
    expect(reparsed.ok).toBe(true);
    if (!reparsed.ok) return;
    expect(exported.events.find((e) => e.id === "bingo-dec")?.startsAt).toBe("2026-12-04T18:00");
    expect(exported.offers.find((o) => o.id === "swim")).toMatchObject({ cost: 1, valueGBP: 4.5 });

    const again = createClient({ url: ":memory:", intMode: "number" });
    await migrate(again);
    await importScheme(again, reparsed.scheme, NOW);
    expect(await exportScheme(again)).toEqual(exported);
  });
});
