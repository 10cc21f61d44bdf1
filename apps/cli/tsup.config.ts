import { defineConfig, type Options } from "tsup";
import { mergeChunks } from "../../scripts/merge-chunks.mjs";

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

// commander is bundled (below); its `require("node:child_process")` runs only for
// executable subcommands, which mig has none of, so it loads on first use.
const lazyChildProcess: Plugin = {
  name: "lazy-child-process",
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes("commander")
        ? { path: "child_process", namespace: "lazy" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: `module.exports = { spawn: (...a) => require("node:child_process").spawn(...a) };`,
      loader: "js",
    }));
  },
};

export default defineConfig({
  // Commands are imported lazily by cli.ts; splitting gives each its own chunk.
  entry: ["src/cli.ts"],
  splitting: true,
  format: ["esm"],
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
  // commander and picocolors go into the CLI's own code: loading a CommonJS package costs
  // every command a package lookup, the CommonJS loader and its export scan (~15 ms here).
  noExternal: ["commander", "picocolors"],
  // Keep `node:` in imports: tsup's own plugin would strip it and mark the module external
  // before lazyChildProcess sees commander's `require("node:child_process")`.
  removeNodeProtocol: false,
  esbuildPlugins: [lazyChildProcess],
  // The bundled CommonJS code calls require() for Node's built-ins.
  banner: {
    js: 'import { createRequire as __migCreateRequire } from "node:module";\nconst require = __migCreateRequire(import.meta.url);',
  },
  // cli.js carries everything every command needs, and `mig up`'s command one more file
  // (scripts/merge-chunks.mjs), instead of esbuild's ten chunks on that path.
  onSuccess: () =>
    mergeChunks({
      dir: "dist",
      entries: { cli: "cli.js" },
      groups: [{ name: "run", from: (file) => /^run-[A-Z0-9]{8}\.js$/.test(file) }],
    }),
});
