import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { transformCached } from "./transform-cache.js";

// Module customization hooks (node:module register) that let `import()` load `.ts`/`.mts`
// files: built as their own entry, since Node runs them in a separate thread.

interface ResolveContext {
  readonly parentURL?: string | undefined;
}
interface Resolved {
  readonly url: string;
  readonly shortCircuit?: boolean;
  readonly format?: string | null | undefined;
}
interface Loaded {
  readonly format: string;
  readonly source?: string | ArrayBuffer | Uint8Array | null | undefined;
  readonly shortCircuit?: boolean;
}

const TS_FILE = /\.m?ts$/;
const isTsUrl = (url: string) => url.startsWith("file:") && TS_FILE.test(new URL(url).pathname);

/** `./util.js` (TypeScript's NodeNext style) or `./util` (bundler style) naming a `.ts` file. */
function tsCandidates(specifier: string): string[] {
  if (/\.m?js$/.test(specifier)) return [specifier.replace(/js$/, "ts")];
  if (/\.[cm]?[jt]s$|\.json$/.test(specifier)) return [];
  return [`${specifier}.ts`, `${specifier}.mts`, `${specifier}/index.ts`];
}

export async function resolve(
  specifier: string,
  context: ResolveContext,
  nextResolve: (specifier: string, context: ResolveContext) => Promise<Resolved>,
): Promise<Resolved> {
  const parent = context.parentURL;
  if (!parent || !isTsUrl(parent) || !/^\.{1,2}\//.test(specifier)) {
    return nextResolve(specifier, context);
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    for (const candidate of tsCandidates(specifier)) {
      const url = new URL(candidate, parent);
      if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
    }
    throw error;
  }
}

export async function load(
  url: string,
  context: object,
  nextLoad: (url: string, context: object) => Promise<Loaded>,
): Promise<Loaded> {
  if (!isTsUrl(url)) return nextLoad(url, context);
  const path = fileURLToPath(url);
  // Sucrase loads only when a file is not in the cache yet.
  const source = await transformCached(await readFile(path, "utf8"), path, async () => {
    return (await import("./script-transform.js")).transformScript;
  });
  return { format: "module", source, shortCircuit: true };
}
