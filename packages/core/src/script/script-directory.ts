import { lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { HeaderCache } from "./header-cache.js";
import { listScriptFiles } from "./list-script-files.js";
import { readSqlHeader } from "./read-sql-header.js";
import { readTsHeader } from "./read-ts-header.js";
import { ScriptLocationError } from "./script-errors.js";
import type { Script, ScriptFormat, ScriptInfo } from "./script-info.js";

export interface LoadScriptsOptions {
  /** Directories holding migrations (`versionLocations`, or just `scriptLocation`). */
  readonly locations: readonly string[];
  /** Reuse headers read by earlier runs while a file's size and mtime are unchanged. Default true. */
  readonly cache?: boolean;
  /** Where to keep the header cache; default next to the project's `node_modules` (see HeaderCache). */
  readonly cacheDir?: string;
}

/**
 * Reads the header of every migration in the given locations, without running any.
 *
 * Load order is Alembic's (`ScriptDirectory._load_revisions` and `Script._list_py_dir` in
 * alembic/script/base.py, 1.10 and later): location by location in the order given, and
 * within a location by file name in code point order (`sorted(files)`; before 1.10 it was
 * `os.listdir` order). It is not one merged sort across locations. The graph uses this order
 * to break ties. A location or file reached twice (the same real path) loads once, as
 * Alembic warns and skips. Unlike Alembic, which skips a missing version location
 * silently, a missing location here is an error: it is almost always a wrong path.
 */
export function loadScripts(options: LoadScriptsOptions): Script[] {
  const scripts: Script[] = [];
  const seen = new Set<string>();
  for (const location of options.locations) {
    const dir = resolve(location);
    const stat = statSync(dir, { throwIfNoEntry: false });
    if (!stat?.isDirectory())
      throw new ScriptLocationError(displayPath(dir), stat ? "not_a_directory" : "missing");
    const realDir = realpathSync(dir);
    if (seen.has(realDir)) continue;
    seen.add(realDir);

    const cache = options.cache === false ? undefined : HeaderCache.open(realDir, options.cacheDir);
    const shownDir = displayPath(dir);
    for (const { fileName, format } of listScriptFiles(realDir)) {
      // Plain concatenation: path.join would renormalise 10,000 paths for nothing.
      let real = realDir + sep + fileName;
      let stat = lstatSync(real, { throwIfNoEntry: false });
      if (stat?.isSymbolicLink()) {
        real = realpathOrUndefined(real) ?? real;
        stat = statSync(real, { throwIfNoEntry: false });
      }
      if (!stat?.isFile() || seen.has(real)) continue;
      seen.add(real);
      let info = cache?.get(fileName, stat.size, stat.mtimeMs);
      if (info === undefined) {
        info = readScriptInfo(readFileSync(real, "utf8"), format, shownDir + sep + fileName);
        cache?.set(fileName, stat.size, stat.mtimeMs, info);
      }
      const transactional = info.transactional ?? true;
      scripts.push({
        header: info.header,
        path: dir + sep + fileName,
        fileName,
        format,
        transactional,
      });
    }
    cache?.save();
  }
  return scripts;
}

/** Reads a script's header from its text; `file` names it in error messages. */
export function readScriptInfo(text: string, format: ScriptFormat, file: string): ScriptInfo {
  return format === "sql" ? readSqlHeader(text, file) : readTsHeader(text, file);
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined; // a dangling link, skipped by the stat that follows
  }
}

/** Relative to the working directory when inside it, for shorter messages. */
function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === "" || rel.startsWith("..") || isAbsolute(rel) ? path : rel;
}
