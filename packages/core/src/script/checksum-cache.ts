import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { defaultCacheDir } from "./cache-dir.js";
import { readCacheFile } from "./cache-use.js";
import { scriptFileChecksum } from "./script-checksum.js";
import { hash, RACY_MS } from "./script-index-layout.js";

/** What the cache keys a script on: the stat its header was read with. */
export interface ScriptStat {
  readonly path: string;
  readonly size: number;
  readonly changedMs: number;
}

/** size, changedMs, when it was hashed, checksum. */
type Entry = [number, number, number, string];

/**
 * Script checksums remembered across runs, so a no-op `mig up` compares applied scripts
 * without reading them all. An entry is trusted only for the same size and change time, and only
 * when that change time was outside the racy window when the file was hashed (an edit within the
 * same clock tick would not change it), as the script index does.
 */
export class ChecksumCache {
  readonly #file: string | undefined;
  // A Map, not the parsed object: a run looks a script up per step.
  #entries = new Map<string, Entry>();
  #dirty = false;

  constructor(locations: readonly string[], cacheDir = defaultCacheDir(locations[0] ?? ".")) {
    this.#file = cacheDir && join(cacheDir, `checksums-${hash(locations.join("\n"))}.json`);
    if (!this.#file) return;
    try {
      const read = JSON.parse(readCacheFile(this.#file, "utf8")) as unknown;
      if (read && typeof read === "object") {
        this.#entries = new Map(Object.entries(read as Record<string, Entry>));
      }
    } catch {
      // Missing or unreadable: start empty.
    }
  }

  checksum(script: ScriptStat): string {
    const entry = this.#entries.get(script.path);
    if (
      Array.isArray(entry) &&
      entry[0] === script.size &&
      entry[1] === script.changedMs &&
      script.changedMs < entry[2] - RACY_MS &&
      typeof entry[3] === "string"
    ) {
      return entry[3];
    }
    const hashedAt = Date.now();
    const sum = scriptFileChecksum(script.path);
    this.#entries.set(script.path, [script.size, script.changedMs, hashedAt, sum]);
    this.#dirty = true;
    return sum;
  }

  /** Writes what changed (a temporary file renamed over, so readers never see half of it). */
  save(): void {
    if (!this.#dirty || !this.#file) return;
    this.#dirty = false;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      const tmp = `${this.#file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(Object.fromEntries(this.#entries)));
      renameSync(tmp, this.#file);
    } catch {
      // A cache that cannot be written only costs the next run a re-read.
    }
  }
}
