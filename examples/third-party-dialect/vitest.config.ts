import { defineConfig } from "vitest/config";
import { migAliases } from "../../vitest.shared.js";

export default defineConfig({
  resolve: { alias: migAliases },
  test: {
    globalSetup: ["../../vitest.tmpdir.ts"],
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
