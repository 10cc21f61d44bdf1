import { defineConfig } from "tsup";

export default defineConfig({
  // ts-hooks runs in Node's hooks thread (node:module register), so it is its own file.
  // dialect-api is `@mig/core/dialect`, the surface for dialect packages.
  entry: {
    index: "src/index.ts",
    "dialect-api": "src/dialect-api.ts",
    "ts-hooks": "src/runtime/ts-hooks.ts",
  },
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
