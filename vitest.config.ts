import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Browser tests and the workerd project have their own configs.
    exclude: ["test/browser/**", "test/worker/**", "node_modules/**"],
    environment: "node",
    setupFiles: ["test/setup-fast-check.ts"],
    testTimeout: 20_000,
  },
});
