import { defineConfig } from "vitest/config";

// `npm run test:fast`: the pure tests only — the engine's step() table, the parsers and the
// understanding, the ledger rules, rendering, segments and the translations. No database, no HTTP
// server, no child process but one CLI check; it runs in seconds. `npm test` runs these too, with
// everything else (vitest.config.ts includes all of test/).
export default defineConfig({
  test: {
    include: [
      "test/unit/**/*.test.ts",
      "test/core/**/*.test.ts",
      "test/understand/**/*.test.ts",
      "test/ledger/rules.test.ts",
      "test/ledger/request-rules.test.ts",
      "test/lib/**/*.test.ts",
      "test/locales/**/*.test.ts",
      "test/channels/render-cut.test.ts",
      "test/channels/segments-budget.test.ts",
      "test/channels/sms/signature.test.ts",
      "test/channels/sms/twiml.test.ts",
      "test/channels/telegram/render.test.ts",
    ],
    environment: "node",
    // Pure modules, no state between files: evaluated once per worker rather than once per file,
    // which is most of the time on a busy 2-core machine (≈9 s instead of ≈33 s under load).
    isolate: false,
    setupFiles: ["test/setup-fast-check.ts"],
    testTimeout: 20_000,
  },
});
