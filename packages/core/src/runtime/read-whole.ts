import { closeSync, fstatSync, openSync, read } from "node:fs";
import { markUsed } from "../script/cache-use.js";

/**
 * A file's bytes read in one request off the main thread (undefined when it cannot be, or
 * came short): unlike `readFile`, which reads in pieces each waiting for the main thread.
 */
export function readWhole(file: string): Promise<Buffer | undefined> {
  let fd: number;
  let size: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return Promise.resolve(undefined);
  }
  try {
    const stat = fstatSync(fd);
    markUsed(fd, stat.mtimeMs);
    size = stat.size;
  } catch {
    closeSync(fd);
    return Promise.resolve(undefined);
  }
  const buffer = Buffer.allocUnsafe(size);
  return new Promise((resolve) => {
    read(fd, buffer, 0, size, 0, (error, bytes) => {
      closeSync(fd);
      resolve(error || bytes !== size ? undefined : buffer);
    });
  });
}

/** A run bundle's three files (bundle-store.ts), each being read off the main thread. */
export interface BundleFiles {
  readonly json: Promise<Buffer | undefined>;
  readonly js: Promise<Buffer | undefined>;
  readonly v8: Promise<Buffer | undefined>;
}

/** Starts reading the bundle at `base`: the main thread goes on while they are read. */
export function readBundleFiles(base: string): BundleFiles {
  return {
    json: readWhole(`${base}.json`),
    js: readWhole(`${base}.js`),
    v8: readWhole(`${base}.v8`),
  };
}
