// The layers the architecture promises, checked on the source: the core imports nothing effectful,
// and every channel has its row in each of the three channel tables.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CHANNEL_ADAPTERS } from "../../src/channels/registry.ts";
import { CHANNEL_TRAITS } from "../../src/core/channels.ts";
import { IDENTITIES } from "../../src/store/identity.ts";

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith(".ts") ? [join(dir, d.name)] : [],
  );

describe("layers", () => {
  test("src/core imports no store, channels, jobs, admin, services, hono, grammy, twilio or libsql", () => {
    const core = files("src/core");
    expect(core.length).toBeGreaterThan(30);
    const bad = core.flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)]
        .map((m) => m[1] ?? "")
        .filter(
          (spec) =>
            /^(\.\.\/)+(store|channels|jobs|admin|services|scheme|demo|cli|deps|app|node|worker)\b|^(hono|grammy|twilio|@libsql|libsql)/.test(
              spec.replace(/^\.\.\/\.\.\/core\//, ""),
            ) && !/^\.\.\/channels\.ts$/.test(spec),
        )
        .map((spec) => `${file}: ${spec}`),
    );
    expect(bad).toEqual([]);
  });

  test("every channel has traits, an identity column and an adapter", () => {
    const channels = Object.keys(CHANNEL_TRAITS).sort();
    expect(Object.keys(IDENTITIES).sort()).toEqual(channels);
    expect(Object.keys(CHANNEL_ADAPTERS).sort()).toEqual(channels);
  });
});
