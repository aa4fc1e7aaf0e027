// The simulator page's script is src/channels/sim/client.ts (TypeScript, checked by tsc and Biome);
// the page carries it as the text scripts/sim-client.mjs bundles from it. That text must be current.
import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { clientScript, clientScriptSource } from "../../scripts/sim-client.mjs";
import { CLIENT_SCRIPT } from "../../src/channels/sim/client-script.ts";
import { simPage } from "../../src/channels/sim/page.ts";

test("src/channels/sim/client-script.ts is what scripts/sim-client.mjs makes of client.ts", () => {
  const file = readFileSync(new URL("../../src/channels/sim/client-script.ts", import.meta.url), "utf8");
  expect(file, "run `node scripts/sim-client.mjs` after changing src/channels/sim/client.ts").toBe(
    clientScriptSource(),
  );
  expect(CLIENT_SCRIPT).toBe(clientScript());
});

test("the page runs that script inline, strict, and nothing in it can end the <script> early", () => {
  const page = simPage((key) => key, "en");
  expect(page).toContain(`<script>${CLIENT_SCRIPT}</script>`);
  expect(CLIENT_SCRIPT.startsWith('"use strict";')).toBe(true);
  expect(CLIENT_SCRIPT).not.toMatch(/<\/script|<!--/i);
  // Parses as a classic script (it throws only when run without a page).
  expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
});
