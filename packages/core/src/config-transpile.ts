import { tsConfigAsJs } from "./config/ts-config-file.js";
import { transformCached } from "./runtime/transform-cache.js";

// Its own entry point, loaded by URL from config/import-module.ts when the config is
// TypeScript, so that neither the transform cache nor node:crypto load for a JSON or
// JavaScript config; Sucrase loads only when the transform cache misses.

/** See ts-config-file.ts: a TypeScript config as an importable `.mjs` file, or undefined. */
export function configAsJs(path: string): Promise<string | undefined> {
  return tsConfigAsJs(path, (source, file) =>
    transformCached(source, file, async () => {
      return (await import("./runtime/script-transform.js")).transformScript;
    }),
  );
}
