import { PGlite, types } from "@electric-sql/pglite";
import { DatabaseConnectionError } from "@mig/core/dialect";
import { DataDirLock, lockFilePath } from "./pglite-lock.js";

/** Values as pg returns them, so @mig/postgres's introspector reads them the same way. */
const PARSERS = {
  [types.INT8]: (text: string) => text,
  [types.NUMERIC]: (text: string) => text,
};

/** One open data directory: its instance, its lock file, and who in this process uses it. */
export interface OpenDataDir {
  readonly db: PGlite;
  /** Whether a migration run of this process holds the migration lock on it. */
  runLocked: boolean;
  refs: number;
  timer: NodeJS.Timeout | undefined;
  readonly close: () => Promise<void>;
}

// Starting PGlite takes a second or more, and a directory may be open only once anyway:
// sources of one process on one directory share its instance, even across two copies of
// this package (built and source, or two versions), hence the global registry.
const REGISTRY = Symbol.for("mig-dialect-pglite.open-data-dirs");
const holder = globalThis as { [REGISTRY]?: Map<string, Promise<OpenDataDir>> };
holder[REGISTRY] ??= new Map();
const open = holder[REGISTRY];

/** Opens a data directory (or memory, unshared) unless another process holds it: then who. */
export async function tryOpenDataDir(dataDir: string | undefined): Promise<OpenDataDir | string> {
  if (dataDir === undefined) return start(undefined, undefined);
  const shared = open.get(dataDir);
  if (shared) {
    const dir = await shared;
    dir.refs++;
    clearTimeout(dir.timer);
    dir.timer = undefined;
    return dir;
  }
  const lock = DataDirLock.try(lockFilePath(dataDir));
  if (typeof lock === "string") return lock;
  const opening = start(dataDir, lock);
  open.set(dataDir, opening);
  opening.catch(() => open.delete(dataDir));
  return opening;
}

/** Drops one user; the last closes the instance and frees the lock file, after `keepOpenMs`. */
export function leaveDataDir(dir: OpenDataDir, keepOpenMs: number): Promise<void> {
  if (--dir.refs > 0) return Promise.resolve();
  if (keepOpenMs <= 0) return dir.close();
  dir.timer = setTimeout(() => void dir.close().catch(() => undefined), keepOpenMs);
  dir.timer.unref();
  return Promise.resolve();
}

async function start(
  dataDir: string | undefined,
  lock: DataDirLock | undefined,
): Promise<OpenDataDir> {
  try {
    const db = new PGlite({ dataDir, parsers: PARSERS });
    await db.waitReady;
    return {
      db,
      runLocked: false,
      refs: 1,
      timer: undefined,
      close: async () => {
        if (dataDir !== undefined) open.delete(dataDir);
        try {
          await db.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (cause) {
    lock?.release();
    throw new DatabaseConnectionError(
      `Cannot open the PGlite database ${dataDir ?? ":memory:"}: ${causeText(cause)}.`,
      "Check that the directory is a PGlite data directory (or missing) and this user can write to it.",
      cause,
    );
  }
}

/** PGlite may reject with something other than an Error (an Emscripten status, a string). */
function causeText(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : undefined;
  return (message || String(cause)).replace(/\.$/, "");
}
