import { defineConfig } from "tsup";

export default defineConfig({
  // Commands are imported lazily by cli.ts; splitting gives each its own chunk.
  entry: ["src/cli.ts"],
  splitting: true,
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
