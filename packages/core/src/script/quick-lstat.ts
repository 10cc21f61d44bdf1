import { lstatSync } from "node:fs";
import { toNamespacedPath } from "node:path";
import { changeStamp } from "./change-stamp.js";
import type { FileStat } from "./index-view.js";

/**
 * An lstat of `path`: its mode, size and change time (change-stamp.ts) in an object the
 * next call reuses, or undefined when nothing is there. Read the fields before the next call.
 */
export type QuickLstat = (path: string) => FileStat | undefined;

interface FsBinding {
  lstat(
    path: string,
    bigint: false,
    req: undefined,
    throwIfNoEntry: false,
  ): Float64Array | undefined;
}

// Where Node's stat array keeps what FileStat needs (src/node_file.h, FsStatsOffset).
const MODE = 1;
const SIZE = 8;
const MTIME_SEC = 12;
const MTIME_NSEC = 13;
const CTIME_SEC = 14;
const CTIME_NSEC = 15;
const NO_THROW = { throwIfNoEntry: false } as const;

let chosen: QuickLstat | undefined;

/**
 * The cheapest lstat this Node offers, for the 10,000 lstats every graph command makes to
 * see edits. `fs.lstatSync` builds a Stats object with four Dates per call, a third of the
 * loop's time; Node's own fs binding, the one `lstatSync` calls, fills one shared array
 * instead. It is used only where `lstatSync` is seen calling it with the arguments given
 * here, no deprecation warning can print, no permission model applies, and its first answer
 * equals `lstatSync`'s; everywhere else this is `lstatSync`.
 */
export function quickLstat(): QuickLstat {
  chosen ??= bindingLstat() ?? publicLstat;
  return chosen;
}

/** Which lstat quickLstat gives in this process: Node's fs binding, or `lstatSync`. */
export function quickLstatSource(): "binding" | "lstatSync" {
  return quickLstat() === publicLstat ? "lstatSync" : "binding";
}

function publicLstat(path: string): FileStat | undefined {
  const stat = lstatSync(path, NO_THROW);
  return stat && { mode: stat.mode, size: stat.size, changedMs: changeStamp(stat) };
}

function bindingLstat(): QuickLstat | undefined {
  const binding = fsBinding();
  if (binding === undefined) return undefined;
  const found = { mode: 0, size: 0, changedMs: 0 };
  // As lstatSync passes it (Windows: the \\?\ form, for paths past 260 characters).
  const native = process.platform === "win32" ? toNamespacedPath : (path: string) => path;
  const stat: QuickLstat = (path) => {
    const values = binding.lstat(native(path), false, undefined, false);
    if (values === undefined) return undefined;
    found.mode = values[MODE]!;
    found.size = values[SIZE]!;
    // As Node computes Stats.mtimeMs and ctimeMs, so the figures compare equal to what an
    // index stored (change-stamp.ts).
    const mtimeMs = values[MTIME_SEC]! * 1e3 + values[MTIME_NSEC]! / 1e6;
    const ctimeMs = values[CTIME_SEC]! * 1e3 + values[CTIME_NSEC]! / 1e6;
    found.changedMs = Math.max(mtimeMs, ctimeMs);
    return found;
  };
  return agrees(stat) ? stat : undefined;
}

/** What of `process` this reads: `binding` is deprecated, so Node's types leave it out. */
interface NodeProcess {
  readonly binding?: (name: string) => unknown;
  readonly permission?: unknown;
}

function fsBinding(): FsBinding | undefined {
  const proc = process as NodeProcess;
  const options = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
  if (
    typeof proc.binding !== "function" ||
    proc.permission !== undefined ||
    /--(pending|throw)-deprecation|--trace-deprecation/.test(options) ||
    process.env.NODE_PENDING_DEPRECATION === "1" ||
    !CALLS_BINDING.test(lstatSync.toString())
  )
    return undefined;
  try {
    const binding = proc.binding("fs") as Partial<FsBinding>;
    return typeof binding.lstat === "function" ? (binding as FsBinding) : undefined;
  } catch {
    return undefined;
  }
}

// lstatSync's own call as Node 20 makes it (seen on 20.20); any other shape: lstatSync.
const CALLS_BINDING =
  /binding\.lstat\(\s*pathModule\.toNamespacedPath\(path\),\s*options\.bigint,\s*undefined,\s*options\.throwIfNoEntry,?\s*\)/;

/** Whether `stat` and lstatSync see the same of Node's executable and of a path not there. */
function agrees(stat: QuickLstat): boolean {
  try {
    const path = process.execPath;
    const expected = lstatSync(path);
    const got = stat(path);
    return (
      got !== undefined &&
      got.mode === expected.mode &&
      got.size === expected.size &&
      got.changedMs === changeStamp(expected) &&
      stat(`${path}.mig-missing`) === undefined
    );
  } catch {
    return false;
  }
}
