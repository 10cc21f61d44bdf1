import { lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { DuplicateRevisionError } from "../revision/revision-errors.js";
import { HeaderCache } from "./header-cache.js";
import { listScriptFiles } from "./list-script-files.js";
import { readSqlHeader } from "./read-sql-header.js";
import { readTsHeader } from "./read-ts-header.js";
import { ScriptLocationError } from "./script-errors.js";
import type { Script, ScriptFormat, ScriptInfo } from "./script-info.js";

// A shared options object: Node 20 reads 10,000 files about a quarter faster this way than
// with the string "utf8", which it turns into a new options object on every call.
const UTF8 = { encoding: "utf8" } as const;

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
  const seenDirs = new Set<string>();
  // Real paths of the files loaded, to load a file reached twice (through a symlink) once.
  // Only a symlink can lead to a file twice, so the set is built at the first one.
  const reals: string[] = [];
  let seen: Set<string> | undefined;
  const owners = new Map<string, string>(); // revision -> file, to name both files of a duplicate
  for (const location of options.locations) {
    const dir = resolve(location);
    const dirStat = statSync(dir, { throwIfNoEntry: false });
    if (!dirStat?.isDirectory())
      throw new ScriptLocationError(displayPath(dir), dirStat ? "not_a_directory" : "missing");
    const realDir = realpathSync(dir);
    if (seenDirs.has(realDir)) continue;
    seenDirs.add(realDir);

    const cache = options.cache === false ? undefined : HeaderCache.open(realDir, options.cacheDir);
    const shownDir = displayPath(dir);
    try {
      for (const { fileName, format } of listScriptFiles(realDir)) {
        // Plain concatenation: path.join would renormalise 10,000 paths for nothing.
        let real = realDir + sep + fileName;
        let stat = lstatSync(real, { throwIfNoEntry: false });
        if (stat?.isSymbolicLink()) {
          real = realpathOrUndefined(real) ?? real;
          stat = statSync(real, { throwIfNoEntry: false });
          seen ??= new Set(reals);
        }
        if (!stat?.isFile() || seen?.has(real)) continue;
        reals.push(real);
        seen?.add(real);
        const shown = shownDir + sep + fileName;
        let info = cache?.get(fileName, stat.size, stat.mtimeMs);
        if (info === undefined) {
          info = readScriptInfo(readFileSync(real, UTF8), format, shown);
          cache?.set(fileName, stat.size, stat.mtimeMs, info);
        }
        const other = owners.get(info.header.revision);
        if (other !== undefined)
          throw new DuplicateRevisionError(info.header.revision, [other, shown]);
        owners.set(info.header.revision, shown);
        const transactional = info.transactional ?? true;
        scripts.push({
          header: info.header,
          path: dir + sep + fileName,
          fileName,
          format,
          transactional,
          size: stat.size,
          mtimeMs: stat.mtimeMs,
        });
      }
    } finally {
      // Even after a bad header, keep what was read so the next run does not read it again.
      cache?.save();
    }
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
