import { existsSync, statSync } from "node:fs";
import { register } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

let registered = false;

/**
 * Imports a JavaScript or TypeScript module by path. TypeScript goes through hooks that
 * transpile it with Sucrase, registered on first use so graph-only commands never pay for
 * them. `fresh` adds the file's mtime to the URL: an edited script loads afresh in a
 * long-lived process.
 */
export async function importModule(path: string, fresh = false): Promise<Record<string, unknown>> {
  if (!registered && /\.m?ts$/.test(path)) {
    registered = true;
    const hooks = new URL("./ts-hooks.js", import.meta.url);
    // Only the built package has it; under the test runner, the runner compiles TypeScript.
    if (existsSync(fileURLToPath(hooks))) register(hooks.href);
  }
  const url = pathToFileURL(path).href;
  return (await import(fresh ? `${url}?v=${statSync(path).mtimeMs}` : url)) as Record<
    string,
    unknown
  >;
}
