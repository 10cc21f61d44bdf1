import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    globalSetup: ["../../vitest.tmpdir.ts"],
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
