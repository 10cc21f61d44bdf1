import { closeSync, fstatSync, futimesSync, openSync, readSync } from "node:fs";

/** How finely a cache file's last use is kept: its mtime moves at most once a day. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Records that the cache file open as `fd` (its mtime `mtimeMs`) was used at `now`: its mtime
 * is what the sweep (cache-sweep.ts) ages it by. Moved only when over a day old, so a run
 * that reads the cache writes nothing on all the other days. Best-effort.
 */
export function markUsed(fd: number, mtimeMs: number, now = Date.now()): void {
  if (mtimeMs >= now - DAY_MS) return;
  try {
    futimesSync(fd, now / 1000, now / 1000);
  } catch {
    // Someone else's file, or a read-only one: it only ages sooner.
  }
}

/**
 * A cache file's bytes (or text), marked used (`markUsed`): the same open, fstat, read and
 * close as `readFileSync`. Throws as `readFileSync` does when the file cannot be read.
 */
export function readCacheFile(file: string): Buffer;
export function readCacheFile(file: string, encoding: BufferEncoding): string;
export function readCacheFile(file: string, encoding?: BufferEncoding): Buffer | string {
  const fd = openSync(file, "r");
  try {
    const { size, mtimeMs } = fstatSync(fd);
    markUsed(fd, mtimeMs);
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break; // shrank meanwhile: what there was
      read += n;
    }
    const bytes = read === size ? buffer : buffer.subarray(0, read);
    return encoding === undefined ? bytes : bytes.toString(encoding);
  } finally {
    closeSync(fd);
  }
}
