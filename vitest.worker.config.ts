// The HTTP transcript suites again, inside workerd (the Cloudflare Workers runtime) through the Worker
// entry (src/worker.ts, wrangler.toml), against a real libSQL database served over HTTP on 127.0.0.1 by
// test/support/hrana-server.ts (started in test/worker/global-setup.ts).
import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  FAKE_TWILIO_URL,
  PUBLIC_URL,
  SCHEME_NUMBER,
  TEMPLATE_DB,
} from "./test/worker/constants.ts";

let files = 0;

export default defineConfig({
  plugins: [
    // Called once per test file (each file runs in its own workerd): every file gets its own fresh copy
    // of the migrated, seeded template database as its DATABASE_URL.
    cloudflareTest(async ({ inject }) => {
      const hrana = inject<string>("hranaUrl");
      const name = `file-${process.pid}-${++files}-${Date.now().toString(36)}`;
      const res = await fetch(`${hrana}/_test/db/${name}?from=${TEMPLATE_DB}`, { method: "PUT" });
      if (!res.ok) throw new Error(`could not create test database: HTTP ${res.status} ${await res.text()}`);
      const { url } = (await res.json()) as { url: string };
      return {
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            DATABASE_URL: url,
            PUBLIC_URL,
            TWILIO_ACCOUNT_SID: ACCOUNT_SID,
            TWILIO_AUTH_TOKEN: AUTH_TOKEN,
            TWILIO_FROM: SCHEME_NUMBER,
            TWILIO_API_URL: FAKE_TWILIO_URL,
            TWILIO_WHATSAPP_FROM: "whatsapp:+447700900998",
          },
        },
      };
    }),
  ],
  test: {
    include: ["test/worker/**/*.test.ts"],
    globalSetup: ["test/worker/global-setup.ts"],
    setupFiles: ["test/worker/setup.ts"],
    // The Worker logs each request with console (JSON lines); show them only for a failing test.
    silent: "passed-only",
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
