import { existsSync, statSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { changeStamp } from "../script/change-stamp.js";

let registered = false;

/**
 * Imports a JavaScript or TypeScript module by path. TypeScript goes through hooks that
 * transpile it with Sucrase, registered on first use so graph-only commands never pay for
 * them. `fresh` adds the file's change time (change-stamp.ts) to the URL: an edited script
 * loads afresh in a long-lived process.
 */
export async function importModule(path: string, fresh = false): Promise<Record<string, unknown>> {
  if (!registered && /\.m?ts$/.test(path)) {
    registered = true;
    const hooks = new URL("./ts-hooks.js", import.meta.url);
    // Only the built package has it; under the test runner, the runner compiles TypeScript.
    if (existsSync(fileURLToPath(hooks))) register(hooks.href);
  }
  const url = pathToFileURL(path).href;
  return (await import(fresh ? `${url}?v=${changeStamp(statSync(path))}` : url)) as Record<
    string,
    unknown
  >;
}

/**
 * Imports `mig.config.*`. A TypeScript config that imports only packages loads as cached
 * JavaScript (config-transpile.ts), without the hooks: they would put every later import
 * of the process through the hooks thread. Any other config goes through importModule.
 */
export async function importConfigModule(path: string): Promise<Record<string, unknown>> {
  if (!registered && /\.m?ts$/.test(path)) {
    const entry = new URL("./config-transpile.js", import.meta.url);
    // Only the built package has it; under the test runner, the runner compiles TypeScript.
    if (existsSync(fileURLToPath(entry))) {
      const { configAsJs } = (await import(entry.href)) as {
        configAsJs: (path: string) => Promise<string | undefined>;
      };
      const file = await configAsJs(path);
      if (file) return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    }
  }
  return importModule(path);
}
