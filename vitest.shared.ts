import { fileURLToPath } from "node:url";

const src = (pkg: string, file = "index.ts") =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url));

/**
 * Resolve `@mig/*` to source so tests never depend on a stale build. Exact matches: an
 * alias key also matches `key/...`, so `@mig/core` would swallow `@mig/core/dialect`.
 */
export const migAliases = [
  { find: /^@mig\/core\/dialect$/, replacement: src("core", "dialect-api.ts") },
  { find: /^@mig\/core\/schema$/, replacement: src("core", "schema-api.ts") },
  { find: /^@mig\/core\/internal\/(cli|graph|run)$/, replacement: src("core", "internal/$1.ts") },
  { find: /^@mig\/core$/, replacement: src("core") },
  { find: /^@mig\/sqlite$/, replacement: src("sqlite") },
  { find: /^@mig\/postgres$/, replacement: src("postgres") },
  { find: /^@mig\/mysql$/, replacement: src("mysql") },
  { find: /^@mig\/dialect-tests$/, replacement: src("dialect-tests") },
];
