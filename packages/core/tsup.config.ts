import { defineConfig } from "tsup";

export default defineConfig({
  // ts-hooks runs in Node's hooks thread (node:module register), so it is its own file.
  entry: { index: "src/index.ts", "ts-hooks": "src/runtime/ts-hooks.ts" },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
