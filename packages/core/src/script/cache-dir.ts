import { mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { nodeBuiltin } from "./node-builtin.js";

/**
 * Where mig keeps its caches for files under `location`: `node_modules/.cache/mig/` of the
 * nearest `node_modules` above it (the convention of babel, eslint and friends; a fresh
 * install clears it), else a private per-user directory in `os.tmpdir()`; undefined when
 * no safe place exists.
 */
export function defaultCacheDir(location: string): string | undefined {
  for (let dir = location; ; dir = dirname(dir)) {
    const modules = join(dir, "node_modules");
    if (statSync(modules, { throwIfNoEntry: false })?.isDirectory())
      return join(modules, ".cache", "mig");
    if (dirname(dir) === dir) break;
  }
  // Per user and private, so no one else can plant headers for us to trust.
  const uid = process.getuid?.();
  const tmp = nodeBuiltin<typeof import("node:os")>("node:os").tmpdir();
  const dir = join(tmp, `mig-cache-${uid ?? "user"}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return uid === undefined || statSync(dir).uid === uid ? dir : undefined;
  } catch {
    return undefined;
  }
}
