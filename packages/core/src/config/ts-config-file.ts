import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { defaultCacheDir } from "../script/cache-dir.js";

/** TypeScript to JavaScript (from the transform cache when it has the file). */
export type Transpile = (source: string, path: string) => Promise<string>;

/**
 * A TypeScript config as a plain `.mjs` file in the project's cache, to import without
 * registering the TypeScript hooks: once registered, they run every later import of the
 * process through a second thread, which costs a migrating app or a graph command more
 * than the rest of its start-up. Only for a config that imports nothing but packages
 * (bare specifiers resolve the same from `node_modules/.cache/` as from the config's
 * directory); undefined otherwise, and the caller uses the hooks.
 */
export async function tsConfigAsJs(
  path: string,
  transpile: Transpile,
): Promise<string | undefined> {
  const cache = defaultCacheDir(dirname(path));
  if (!cache?.includes(`${sep}node_modules${sep}`)) return undefined;
  const code = await transpile(readFileSync(path, "utf8"), path);
  if (!importsOnlyPackages(code)) return undefined;
  const text = `${code}\n//# sourceURL=${pathToFileURL(path).href}\n`;
  const file = join(cache, "config", `${createHash("sha256").update(text).digest("hex")}.mjs`);
  try {
    readFileSync(file);
    return file;
  } catch {}
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Written whole then renamed: a reader never sees half a file.
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, file);
    return file;
  } catch {
    return undefined;
  }
}

/**
 * True when every import is a package name: no relative or absolute path, no `#` import,
 * no dynamic `import()`, `require` or `import.meta` (they would resolve from the cache).
 * A false "no" (the words in a string) only means the hooks are used.
 */
export function importsOnlyPackages(code: string): boolean {
  if (/\bimport\s*(\.\s*meta\b|\()|\brequire\s*\(/.test(code)) return false;
  for (const m of code.matchAll(/\b(?:from|import)\s*(["'])(.*?)\1/g)) {
    if (/^[./#]|^[a-z]+:/i.test(m[2]!) && !m[2]!.startsWith("node:")) return false;
  }
  return true;
}
