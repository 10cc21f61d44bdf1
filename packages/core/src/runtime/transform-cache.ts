import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { defaultCacheDir } from "../script/cache-dir.js";
import { readCacheFile } from "../script/cache-use.js";

// Part of the key: bump when the transform's options or Sucrase's version change output.
const TRANSFORM_VERSION = "sucrase-3.35.1-typescript-1";

/**
 * TypeScript already transpiled, by content: the cache file is named after a hash of the
 * source (and the transform's version), so an edited file can never be served stale, and
 * a hit skips loading the transpiler at all. A 200-table schema module costs some 500 ms
 * to transpile in a cold process; read from here it costs a file read. Same place as the
 * header cache (`node_modules/.cache/mig/`, else a private per-user temp directory).
 * `variant` names another transform of the same source (a run bundle's function bodies).
 */
export async function transformCached(
  source: string,
  path: string,
  transform: () => Promise<(source: string, path: string) => string>,
  variant = "",
): Promise<string> {
  const dir = cacheDir(path);
  // Imported on use: a command that transpiles nothing should not pay for node:crypto.
  const { createHash } = await import("node:crypto");
  const file =
    dir &&
    join(
      dir,
      "ts",
      `${createHash("sha256").update(TRANSFORM_VERSION).update(variant).update("\0").update(source).digest("hex")}.js`,
    );
  if (file) {
    try {
      return readCacheFile(file, "utf8");
    } catch {}
  }
  const code = (await transform())(source, path);
  if (file) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      // Written whole then renamed: a reader never sees half a file.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, code);
      renameSync(temp, file);
    } catch {
      // No cache is only slower.
    }
  }
  return code;
}

const dirs = new Map<string, string | undefined>();

function cacheDir(path: string): string | undefined {
  const from = dirname(path);
  if (!dirs.has(from)) dirs.set(from, defaultCacheDir(from));
  return dirs.get(from);
}
