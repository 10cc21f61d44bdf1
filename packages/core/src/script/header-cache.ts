import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ScriptInfo } from "./script-info.js";

// Bump when the header readers change what they return, so old caches are ignored.
const FORMAT = 1;
// A file changed this recently may change again within the file system's timestamp
// granularity (1-2 s on FAT, HFS+, some network mounts) keeping its size, and the cache
// could not tell; such files are read again next time instead of being cached (as git
// does with "racily clean" index entries).
const RACY_MS = 2000;

type Entry = [size: number, mtimeMs: number, revision: string, down: string[], labels: string[], deps: string[], message: string, transactional: boolean | null];

/**
 * Headers already read from one script location, keyed by file name and valid while the
 * file's size and mtime are unchanged. A cache that is missing, corrupt, or from another
 * format is ignored; saving is best-effort and atomic (temp file + rename).
 *
 * Where: `node_modules/.cache/mig/` of the nearest `node_modules` above the location (the
 * convention of babel, eslint and friends; `git clean -X`/a fresh install clears it), else
 * a per-user directory in `os.tmpdir()`; one file per location, named by a hash of its
 * real path.
 */
export class HeaderCache {
  readonly #file: string;
  readonly #location: string;
  readonly #old: Readonly<Record<string, unknown>>;
  readonly #next: Record<string, Entry> = {};
  #changed = false;

  /** The cache for a location (its real path), or undefined when no safe place for it exists. */
  static open(location: string, cacheDir: string | undefined = defaultCacheDir(location)): HeaderCache | undefined {
    return cacheDir === undefined ? undefined : new HeaderCache(location, cacheDir);
  }

  private constructor(location: string, cacheDir: string) {
    this.#location = location;
    const hash = createHash("sha1").update(location).digest("hex").slice(0, 16);
    this.#file = join(cacheDir, `headers-${hash}.json`);
    this.#old = readCache(this.#file, location);
  }

  get(fileName: string, size: number, mtimeMs: number): ScriptInfo | undefined {
    const e = Object.hasOwn(this.#old, fileName) ? this.#old[fileName] : undefined;
    if (!Array.isArray(e) || e.length !== 8 || e[0] !== size || e[1] !== mtimeMs) return undefined;
    const [, , revision, down, labels, deps, message, transactional] = e as unknown[];
    if (typeof revision !== "string" || typeof message !== "string" || !isList(down) || !isList(labels) || !isList(deps)) {
      return undefined;
    }
    this.#next[fileName] = e as Entry;
    const header = { revision, downRevisions: down, branchLabels: labels, dependsOn: deps, message };
    return typeof transactional === "boolean" ? { header, transactional } : { header };
  }

  set(fileName: string, size: number, mtimeMs: number, info: ScriptInfo): void {
    this.#changed = true;
    if (mtimeMs > Date.now() - RACY_MS) return;
    const h = info.header;
    this.#next[fileName] = [size, mtimeMs, h.revision, [...h.downRevisions], [...h.branchLabels], [...h.dependsOn], h.message, info.transactional ?? null];
  }

  /** Writes the cache if anything was added, changed or removed since it was read. */
  save(): void {
    if (!this.#changed && Object.keys(this.#next).length === Object.keys(this.#old).length) return;
    const temp = `${this.#file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      writeFileSync(temp, JSON.stringify({ format: FORMAT, location: this.#location, entries: this.#next }));
      renameSync(temp, this.#file);
    } catch {
      rmSync(temp, { force: true });
    }
  }
}

const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

function readCache(file: string, location: string): Readonly<Record<string, unknown>> {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as { format?: unknown; location?: unknown; entries?: unknown };
    if (data.format === FORMAT && data.location === location && typeof data.entries === "object" && data.entries !== null) {
      return data.entries as Record<string, unknown>;
    }
  } catch {}
  return {};
}

export function defaultCacheDir(location: string): string | undefined {
  for (let dir = location; ; dir = dirname(dir)) {
    const modules = join(dir, "node_modules");
    if (statSync(modules, { throwIfNoEntry: false })?.isDirectory()) return join(modules, ".cache", "mig");
    if (dirname(dir) === dir) break;
  }
  // Per user and private, so no one else can plant headers for us to trust.
  const uid = process.getuid?.();
  const dir = join(tmpdir(), `mig-cache-${uid ?? "user"}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return uid === undefined || statSync(dir).uid === uid ? dir : undefined;
  } catch {
    return undefined;
  }
}
