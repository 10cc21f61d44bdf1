/**
 * Where each script's code sits in a compiled run bundle, so a stack frame pointing into the
 * bundle names the script's own file and line. Entries keep their lines (Sucrase keeps them)
 * and start on a line of their own, so a script's line is an offset from its entry's start.
 */
interface LineMap {
  /** The bundle line holding line 1 of each entry, ascending. */
  readonly starts: readonly number[];
  /** How many lines each entry's code has. */
  readonly counts: readonly number[];
  readonly paths: readonly string[];
}

// A map may be given as a function making it: it is only needed when a stack is mapped.
const maps = new Map<string, LineMap | (() => LineMap)>();
let framePattern: RegExp | undefined;

export function registerBundleLines(file: string, map: LineMap | (() => LineMap)): void {
  maps.set(file, map);
  framePattern = undefined;
}

function lineMap(file: string): LineMap | undefined {
  const map = maps.get(file);
  if (typeof map !== "function") return map;
  const made = map();
  maps.set(file, made);
  return made;
}

/** The script and line that `file:line` stands for, when `file` is a run bundle. */
export function bundleLine(file: string, line: number): { path: string; line: number } | undefined {
  const map = lineMap(file);
  if (!map) return undefined;
  let lo = 0;
  let hi = map.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map.starts[mid]! <= line) lo = mid;
    else hi = mid - 1;
  }
  const start = map.starts[lo];
  if (start === undefined || line < start || line >= start + map.counts[lo]!) return undefined;
  return { path: map.paths[lo]!, line: line - start + 1 };
}

/** A stack with every frame in a run bundle rewritten to the script's own `path:line:column`. */
export function mapBundleStack(stack: string): string {
  if (maps.size === 0) return stack;
  framePattern ??= new RegExp(
    `(${[...maps.keys()].map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")}):(\\d+)(:\\d+)?`,
    "g",
  );
  return stack.replace(framePattern, (whole, file: string, line: string, column = "") => {
    const at = bundleLine(file, Number(line));
    return at ? `${at.path}:${at.line}${column}` : whole;
  });
}

/** The error, its stack's frames in a run bundle naming the scripts' own lines (in place). */
export function withScriptStack<T>(error: T): T {
  if (error instanceof Error && typeof error.stack === "string") {
    try {
      error.stack = mapBundleStack(error.stack);
    } catch {}
  }
  return error;
}
