import { defineConfig } from "tsup";

export default defineConfig({
  // ts-hooks runs in Node's hooks thread (node:module register), so it is its own file.
  // dialect-api is `@mig/core/dialect`, the surface for dialect packages; schema-api is
  // `@mig/core/schema` (comparator, renderers). internal/* are the CLI's entry points:
  // with code splitting, each command loads only the chunks it uses (docs/architecture.md).
  entry: {
    index: "src/index.ts",
    "dialect-api": "src/dialect-api.ts",
    "schema-api": "src/schema-api.ts",
    "ts-hooks": "src/runtime/ts-hooks.ts",
    // Loaded by URL for a TypeScript config (config/import-module.ts).
    "config-transpile": "src/config-transpile.ts",
    "internal/cli": "src/internal/cli.ts",
    "internal/graph": "src/internal/graph.ts",
    "internal/run": "src/internal/run.ts",
  },
  format: ["esm"],
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
