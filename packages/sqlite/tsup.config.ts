import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig } from "tsup";

// The copy of better-sqlite3 carries its licence, as the MIT licence asks of copies.
const driverLicense = readFileSync(
  createRequire(import.meta.url).resolve("better-sqlite3/LICENSE"),
  "utf8",
);

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  // better-sqlite3's JavaScript is copied into index.js (its addon stays where it is
  // installed): sqlite-bundled-driver.ts, imported with import(), runs on the first
  // connection only. `bindings` is for the case sqlite-native.ts leaves to the package.
  noExternal: ["better-sqlite3"],
  external: ["bindings"],
  splitting: false,
  footer: {
    js: `/*! better-sqlite3 (bundled above), its licence:\n${driverLicense.replaceAll("*/", "* /")}*/`,
  },
  // The copied CommonJS code calls require() for Node's built-ins.
  banner: {
    js: 'import { createRequire as __migCreateRequire } from "node:module";\nconst require = __migCreateRequire(import.meta.url);',
  },
  dts: true,
  clean: true,
  sourcemap: true,
  target: "node20",
});
