import { defineConfig } from "tsup";
import { mergeChunks } from "../../scripts/merge-chunks.mjs";

const entry = {
  index: "src/index.ts",
  "dialect-api": "src/dialect-api.ts",
  "schema-api": "src/schema-api.ts",
  "ts-hooks": "src/runtime/ts-hooks.ts",
  // Loaded by URL for a TypeScript config (config/import-module.ts).
  "config-transpile": "src/config-transpile.ts",
  "internal/cli": "src/internal/cli.ts",
  "internal/graph": "src/internal/graph.ts",
  "internal/run": "src/internal/run.ts",
  "internal/fleet": "src/internal/fleet.ts",
};

export default defineConfig({
  // ts-hooks runs in Node's hooks thread (node:module register), so it is its own file.
  // dialect-api is `@mig/core/dialect`, the surface for dialect packages; schema-api is
  // `@mig/core/schema` (comparator, renderers). internal/* are the CLI's entry points:
  // with code splitting, each command loads only the chunks it uses (docs/architecture.md).
  entry,
  format: ["esm"],
  splitting: true,
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // The graph commands load one file, `mig up` and `import "@mig/core"` one more, instead
  // of esbuild's ~30 chunks; what core imports lazily (schema commands, fleets, the script
  // bundle and transpiler) keeps its own chunks. The hooks thread loads only its own code.
  onSuccess: () =>
    mergeChunks({
      dir: "dist",
      entries: Object.fromEntries(Object.keys(entry).map((name) => [name, `${name}.js`])),
      groups: [
        {
          name: "graph",
          from: (file) => file === "internal/graph.js" || file === "internal/cli.js",
        },
        {
          name: "core",
          from: (file) => ["index.js", "dialect-api.js", "internal/run.js"].includes(file),
        },
      ],
      isolate: ["ts-hooks", "config-transpile"],
    }),
});
