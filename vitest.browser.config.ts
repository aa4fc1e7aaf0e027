import { defineConfig } from "vitest/config";

// Browser tests drive Debian chromium through playwright-core; they run after the other suites.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
