import { fileURLToPath } from "node:url";

/** Resolve `@mig/*` to source so tests never depend on a stale build. */
export const migAliases = {
  "@mig/core": fileURLToPath(new URL("./packages/core/src/index.ts", import.meta.url)),
  "@mig/sqlite": fileURLToPath(new URL("./packages/sqlite/src/index.ts", import.meta.url)),
  "@mig/dialect-tests": fileURLToPath(
    new URL("./packages/dialect-tests/src/index.ts", import.meta.url),
  ),
};
