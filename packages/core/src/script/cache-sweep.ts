import { readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { DAY_MS } from "./cache-use.js";

/** A cache file not used for this long is removed (its mtime, see cache-use.ts). */
export const MAX_AGE_MS = 30 * DAY_MS;
/** The per-user directory in the system temp dir is kept below this, least recently used first. */
export const MAX_TEMP_DIR_BYTES = 512 * 1024 * 1024;
// A temporary file this old was left by a writer that died before renaming it.
const TEMP_AGE_MS = 60 * 60 * 1000;

/** Its mtime says when the directory was last swept. */
export const SWEEP_MARKER = ".mig-last-sweep";

// Only names mig writes, in the directory and in ts/: the directory may be shared with
// other tools (node_modules/.cache). config/ and import-for-scripts.mjs are imported by
// path, so removing one under a running import would fail it: they are never removed.
const FILE =
  /^(?:index-[0-9a-f]+\.bin|graph-[0-9a-f]+(?:\.(?:values|summary))?\.json|checksums-[0-9a-f]+\.json|clean-check-[0-9a-f]+\.txt|bundle-[0-9a-f]+(?:-up|-down)?(?:-few)?\.(?:js|json|v8))(\.\d+(?:\.[0-9a-z]+)?\.tmp)?$/;
const TS_FILE = /^[0-9a-f]{64}\.js(\.\d+\.tmp)?$/;

interface CacheFile {
  readonly path: string;
  readonly temp: boolean;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * Removes mig's cache files in `dir` that no run used for `MAX_AGE_MS` (and temporary files a
 * dead writer left), then, over `maxBytes`, the least recently used of those older than a day.
 * Called only by a run that writes the cache anyway, and does its work at most once a day per
 * directory (`SWEEP_MARKER`'s mtime): a run that only reads the cache never lists it. Safe
 * beside running processes: every reader takes a missing file for a cache miss. Returns
 * whether it swept; errors leave files in place.
 */
export function sweepCache(
  dir: string,
  now = Date.now(),
  maxBytes = dir.includes(`${sep}node_modules${sep}`) ? Infinity : MAX_TEMP_DIR_BYTES,
): boolean {
  const marker = join(dir, SWEEP_MARKER);
  try {
    const last = statSync(marker, { throwIfNoEntry: false })?.mtimeMs;
    // A marker ahead of the clock (set back since) counts as no marker.
    if (last !== undefined && last > now - DAY_MS && last <= now + DAY_MS) return false;
    writeFileSync(
      marker,
      "mig removes its cache files unused for 30 days; this file's mtime says when it last looked.\n",
    );
    utimesSync(marker, now / 1000, now / 1000);
  } catch {
    return false;
  }
  const kept: CacheFile[] = [];
  for (const file of [...cacheFiles(dir, FILE), ...cacheFiles(join(dir, "ts"), TS_FILE)]) {
    const age = now - file.mtimeMs;
    if (age > (file.temp ? TEMP_AGE_MS : MAX_AGE_MS)) remove(file.path);
    else kept.push(file);
  }
  let total = kept.reduce((sum, file) => sum + file.size, 0);
  if (total <= maxBytes) return true;
  kept.sort((a, b) => a.mtimeMs - b.mtimeMs);
  for (const file of kept) {
    if (total <= maxBytes || file.mtimeMs > now - DAY_MS) break;
    remove(file.path);
    total -= file.size;
  }
  return true;
}

function cacheFiles(dir: string, names: RegExp): CacheFile[] {
  let listed: string[];
  try {
    listed = readdirSync(dir);
  } catch {
    return [];
  }
  const files: CacheFile[] = [];
  for (const name of listed) {
    const match = names.exec(name);
    if (match === null) continue;
    const path = join(dir, name);
    try {
      const stat = statSync(path, { throwIfNoEntry: false });
      if (stat?.isFile())
        files.push({ path, temp: match[1] !== undefined, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch {}
  }
  return files;
}

function remove(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Another process's, or removed meanwhile: left for next time.
  }
}
