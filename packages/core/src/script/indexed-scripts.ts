import { realpathSync, statSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { DuplicateRevisionError } from "../revision/revision-errors.js";
import { changeStamp } from "./change-stamp.js";
import type { IndexView } from "./index-view.js";
import { SQL } from "./list-script-files.js";
import { quickLstat } from "./quick-lstat.js";
import type { IndexedHeaders, ScriptDirectory } from "./script-directory.js";
import { ScriptIndex } from "./script-index.js";
import type { Script } from "./script-info.js";

const NO_THROW = { throwIfNoEntry: false } as const;

/** The scripts of a project in load order, each made only when asked for. */
export interface ScriptCatalog {
  readonly count: number;
  /** The script at load order `i`. */
  script(i: number): Script;
  /** Its revision id (cheaper than its whole script). */
  revision(i: number): string;
  /** The load order of the script whose revision id is `id`, or -1. */
  indexOf(id: string): number;
}

/** The catalog of scripts already loaded. */
export function catalogOf(directory: ScriptDirectory): ScriptCatalog {
  const { scripts, byId } = directory;
  return {
    count: scripts.length,
    script: (i) => scripts[i]!,
    revision: (i) => scripts[i]!.header.revision,
    indexOf(id) {
      const script = byId.get(id);
      return script === undefined ? -1 : scripts.indexOf(script);
    },
  };
}

interface Part {
  readonly view: IndexView;
  readonly dirPrefix: string;
  /** The load order of its first script. */
  readonly from: number;
}

/**
 * A project's scripts read from their locations' indexes alone: made by `openIndexed` when
 * every location's index still holds (the same listing, and every file a regular file of
 * the size and change time its stored header was read at), so what loadScriptDirectory would
 * return, but without reading or decoding a header until a script is asked for.
 */
export class IndexedScripts implements ScriptCatalog {
  readonly count: number;
  readonly indexed: IndexedHeaders;
  readonly #parts: readonly Part[];
  readonly #made: Array<Script | undefined>;

  constructor(parts: readonly Part[], indexed: IndexedHeaders) {
    const last = parts[parts.length - 1];
    this.count = last === undefined ? 0 : last.from + last.view.count;
    this.indexed = indexed;
    this.#parts = parts;
    this.#made = new Array(this.count);
  }

  #part(i: number): Part {
    const parts = this.#parts;
    let p = parts.length - 1;
    while (parts[p]!.from > i) p--;
    return parts[p]!;
  }

  script(i: number): Script {
    const made = this.#made[i];
    if (made !== undefined) return made;
    const { view, dirPrefix, from } = this.#part(i);
    const k = i - from;
    const info = view.info(k);
    const fileName = view.name(k);
    const script: Script = {
      header: info.header,
      path: dirPrefix + fileName,
      fileName,
      format: view.flags(k) & SQL ? "sql" : "ts",
      transactional: info.transactional ?? true,
      size: view.size(k),
      changedMs: view.changedMs(k),
    };
    this.#made[i] = script;
    return script;
  }

  revision(i: number): string {
    const { view, from } = this.#part(i);
    return view.revision(i - from);
  }

  indexOf(id: string): number {
    // Compared in place: a command asks for one or two ids, not worth 10,000 strings.
    for (const { view, from } of this.#parts)
      for (let k = 0; k < view.count; k++) if (view.hasRevision(k, id)) return from + k;
    return -1;
  }

  /** Every script, as loadScriptDirectory returns them. */
  directory(): ScriptDirectory {
    const scripts: Script[] = new Array(this.count);
    const byId = new Map<string, Script>();
    for (let i = 0; i < this.count; i++) {
      const script = this.script(i);
      const first = byId.get(script.header.revision);
      if (first !== undefined)
        throw new DuplicateRevisionError(script.header.revision, [first.path, script.path]);
      byId.set(script.header.revision, script);
      scripts[i] = script;
    }
    return { scripts, byId, indexed: this.indexed };
  }
}

/**
 * The scripts of `locations` from their indexes, or undefined when any location has no
 * index, or an index no longer holds (then loadScriptDirectory reads what changed). Costs
 * one lstat per script and no header decoding.
 */
export function openIndexed(locations: readonly string[]): IndexedScripts | undefined {
  const parts: Part[] = [];
  const seenDirs = new Set<string>();
  let key = "";
  let dirs = "";
  let cacheDir: string | undefined;
  let from = 0;
  for (const location of locations) {
    const dir = resolve(location);
    const dirStat = statSync(dir, NO_THROW);
    if (!dirStat?.isDirectory()) return undefined;
    const realDir = realpathSync(dir);
    if (seenDirs.has(realDir)) continue;
    seenDirs.add(realDir);
    const index = ScriptIndex.open(realDir);
    const view = index?.view;
    if (view?.generation === undefined || view.dirChangedMs !== changeStamp(dirStat))
      return undefined;
    if (!view.holds(statPrefix(realDir), quickLstat())) return undefined;
    parts.push({ view, dirPrefix: (dir === realDir ? realDir : dir) + sep, from });
    from += view.count;
    key += `${view.generation} `;
    dirs += `${realDir}\n`;
    cacheDir ??= index!.cacheDir;
  }
  if (cacheDir === undefined) return undefined;
  return new IndexedScripts(parts, { dirs, key, cacheDir });
}

// The directory as the shortest path to it: the kernel resolves fewer components per file.
function statPrefix(realDir: string): string {
  let rel: string;
  try {
    rel = relative(process.cwd(), realDir);
  } catch {
    return realDir + sep; // the working directory is gone
  }
  if (rel === "") return "";
  return rel.startsWith("..") || isAbsolute(rel) ? realDir + sep : rel + sep;
}
