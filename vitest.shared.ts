import { fileURLToPath } from "node:url";

const src = (pkg: string) =>
  fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

/** Resolve `@mig/*` to source so tests never depend on a stale build. */
export const migAliases = {
  "@mig/core": src("core"),
  "@mig/sqlite": src("sqlite"),
  "@mig/postgres": src("postgres"),
  "@mig/mysql": src("mysql"),
  "@mig/dialect-tests": src("dialect-tests"),
};
