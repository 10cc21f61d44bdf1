import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { ScriptInfo } from "./script-info.js";

// Bump when the header readers change what they return, so old caches are ignored.
const FORMAT = 2;
// A file changed this recently may change again within the file system's timestamp
// granularity (1-2 s on FAT, HFS+, some network mounts) keeping its size, and the cache
// could not tell; such files are read again next time instead of being cached (as git
// does with "racily clean" index entries).
const RACY_MS = 2000;

// One entry is FIELDS consecutive values of a flat array (much faster to JSON.parse than
// nested arrays): name, size, mtimeMs, revision, down, labels, deps, message, transactional.
// A list is stored as 0 when empty, a string when it has one item, else an array.
const FIELDS = 9;
type List = 0 | string | string[];

/**
 * Headers already read from one script location, keyed by file name and valid while the
 * file's size and mtime are unchanged. A cache that is missing, corrupt, or from another
 * format is ignored; saving is best-effort and atomic (temp file + rename).
 *
 * Where: `node_modules/.cache/mig/` of the nearest `node_modules` above the location (the
 * convention of babel, eslint and friends; a fresh install clears it), else a private
 * per-user directory in `os.tmpdir()`; one file per location, named by a hash of its real path.
 */
export class HeaderCache {
  readonly #file: string;
  readonly #location: string;
  readonly #old: readonly unknown[];
  #index: Map<string, number> | undefined;
  #cursor = 0;
  readonly #next: unknown[] = [];
  #changed = false;

  /** The cache for a location (its real path), or undefined when no safe place for it exists. */
  static open(
    location: string,
    cacheDir: string | undefined = defaultCacheDir(location),
  ): HeaderCache | undefined {
    return cacheDir === undefined ? undefined : new HeaderCache(location, cacheDir);
  }

  private constructor(location: string, cacheDir: string) {
    this.#location = location;
    const hash = createHash("sha1").update(location).digest("hex").slice(0, 16);
    this.#file = join(cacheDir, `headers-${hash}.json`);
    this.#old = readCache(this.#file, location);
  }

  // Files are looked up in the order they were written, so the next entry is usually the one.
  #find(fileName: string): number | undefined {
    if (this.#old[this.#cursor] === fileName) return this.#cursor;
    if (this.#index === undefined) {
      this.#index = new Map();
      for (let i = 0; i + FIELDS <= this.#old.length; i += FIELDS)
        this.#index.set(this.#old[i] as string, i);
    }
    return this.#index.get(fileName);
  }

  get(fileName: string, size: number, mtimeMs: number): ScriptInfo | undefined {
    const i = this.#find(fileName);
    if (i === undefined) return undefined;
    this.#cursor = i + FIELDS;
    const e = this.#old;
    if (e[i + 1] !== size || e[i + 2] !== mtimeMs) return undefined;
    const revision = e[i + 3];
    const message = e[i + 7];
    const down = list(e[i + 4]);
    const labels = list(e[i + 5]);
    const deps = list(e[i + 6]);
    if (typeof revision !== "string" || typeof message !== "string" || !down || !labels || !deps)
      return undefined;
    const transactional = e[i + 8];
    for (let k = i; k < i + FIELDS; k++) this.#next.push(e[k]);
    const header = {
      revision,
      downRevisions: down,
      branchLabels: labels,
      dependsOn: deps,
      message,
    };
    return typeof transactional === "boolean" ? { header, transactional } : { header };
  }

  set(fileName: string, size: number, mtimeMs: number, info: ScriptInfo): void {
    this.#changed = true;
    if (mtimeMs > Date.now() - RACY_MS) return;
    const h = info.header;
    const packed = (l: readonly string[]): List =>
      l.length === 0 ? 0 : l.length === 1 ? l[0]! : [...l];
    this.#next.push(
      fileName,
      size,
      mtimeMs,
      h.revision,
      packed(h.downRevisions),
      packed(h.branchLabels),
      packed(h.dependsOn),
      h.message,
      info.transactional ?? 0,
    );
  }

  /** Writes the cache if anything was added, changed or removed since it was read. */
  save(): void {
    if (!this.#changed && this.#next.length === this.#old.length) return;
    const temp = `${this.#file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      writeFileSync(
        temp,
        JSON.stringify({ format: FORMAT, location: this.#location, entries: this.#next }),
      );
      renameSync(temp, this.#file);
    } catch {
      rmSync(temp, { force: true });
    }
  }
}

const EMPTY: readonly string[] = Object.freeze([]);

function list(value: unknown): readonly string[] | undefined {
  if (value === 0) return EMPTY;
  if (typeof value === "string") return [value];
  return Array.isArray(value) && value.every((s) => typeof s === "string") ? value : undefined;
}

function readCache(file: string, location: string): readonly unknown[] {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as {
      format?: unknown;
      location?: unknown;
      entries?: unknown;
    };
    if (data.format === FORMAT && data.location === location && Array.isArray(data.entries))
      return data.entries;
  } catch {}
  return [];
}

export function defaultCacheDir(location: string): string | undefined {
  for (let dir = location; ; dir = dirname(dir)) {
    const modules = join(dir, "node_modules");
    if (statSync(modules, { throwIfNoEntry: false })?.isDirectory())
      return join(modules, ".cache", "mig");
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
