import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Project } from "../config/project.js";
import type { QualifiedName } from "../connection/qualified-name.js";
import { defaultCacheDir } from "../script/cache-dir.js";
import { readCacheFile } from "../script/cache-use.js";
import { migVersion } from "../script/mig-version.js";
import { hash, RACY_MS } from "../script/script-index-layout.js";
import type { LogEntry } from "./log-row.js";

/** What a checksum check's answer depends on, as `cleanCheckKey` reads it. */
export interface CleanCheckInput {
  /** The database, password masked, and the directory a relative SQLite path starts from. */
  readonly database: string;
  readonly logTable: QualifiedName;
  /** The version table's rows the check ran against. */
  readonly rows: readonly string[];
  /** The log's newest row. */
  readonly newest: LogEntry;
}

/**
 * The text a clean checksum check is remembered by: the database and its log's newest row
 * (mig only appends to the log, under the run lock), the version rows, and every script's
 * path, size and change time. Undefined when a script changed within the racy window (2 s): an
 * edit in the same clock tick would keep its change time, so that state is never remembered.
 */
export function cleanCheckKey(
  project: Project,
  input: CleanCheckInput,
  now = Date.now(),
): string | undefined {
  const parts = [
    `mig ${migVersion()}`,
    input.database,
    `${input.logTable.schema ?? ""}.${input.logTable.name}`,
    [...input.rows].sort().join(","),
    JSON.stringify(input.newest),
  ];
  for (const s of project.scripts) {
    if (!(s.changedMs <= now - RACY_MS)) return undefined;
    parts.push(`${s.path}\t${s.size}\t${s.changedMs}`);
  }
  return `${parts.join("\n")}\n`;
}

/**
 * The last checksum check of `mig up` that found nothing, kept in the script cache
 * directory, so a no-op run at head reads neither the log's applied rows nor the scripts'
 * checksums when nothing they depend on changed. Any difference in the key: a full check.
 * One file per scripts' locations and database, so the targets of a fleet keep one each.
 */
export class CleanCheck {
  readonly #file: string | undefined;

  constructor(
    locations: readonly string[],
    database: string,
    cacheDir = defaultCacheDir(locations[0] ?? "."),
  ) {
    const name = hash(`${locations.join("\n")}\n${database}`);
    this.#file = cacheDir && join(cacheDir, `clean-check-${name}.txt`);
  }

  /** Whether the last clean check had this key. */
  matches(key: string): boolean {
    if (!this.#file) return false;
    try {
      return readCacheFile(this.#file, "utf8") === key;
    } catch {
      return false;
    }
  }

  /** Remembers a check that found nothing (a temporary file renamed over). */
  remember(key: string): void {
    if (!this.#file) return;
    try {
      mkdirSync(dirname(this.#file), { recursive: true });
      const tmp = `${this.#file}.${process.pid}.tmp`;
      writeFileSync(tmp, key);
      renameSync(tmp, this.#file);
    } catch {
      // A summary that cannot be written only costs the next run a full check.
    }
  }
}
