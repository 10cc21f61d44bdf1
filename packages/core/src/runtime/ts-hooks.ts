import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { notUtf8At, SAVE_AS_UTF8 } from "../script/utf8-script.js";
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
  if (!isTsUrl(url)) {
    const loaded = await nextLoad(url, context);
    // The project's own JavaScript (a schema module's helpers), not a package's.
    if (
      url.startsWith("file:") &&
      !url.includes("/node_modules/") &&
      loaded.source instanceof Uint8Array
    )
      refuseNotUtf8Bytes(loaded.source, url);
    return loaded;
  }
  const path = fileURLToPath(url);
  const bytes = await readFile(path);
  refuseNotUtf8Bytes(bytes, url);
  // Sucrase loads only when a file is not in the cache yet.
  const source = await transformCached(bytes.toString("utf8"), path, async () => {
    return (await import("./script-transform.js")).transformScript;
  });
  return { format: "module", source, shortCircuit: true };
}

/**
 * Node reads a module as UTF-8 whatever it is: a Latin-1 'café' in a file the schema module
 * imports would declare 'caf\uFFFD'. Such a file fails its import, naming its line.
 */
function refuseNotUtf8Bytes(bytes: Uint8Array, url: string): void {
  const bad = notUtf8At(bytes);
  if (!bad) return;
  const shown = relative(process.cwd(), fileURLToPath(url));
  throw new Error(
    `${shown}:${bad.line} is not UTF-8 (byte 0x${bad.byte}); mig reads it as UTF-8. ${SAVE_AS_UTF8}`,
  );
}
