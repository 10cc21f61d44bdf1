import { fileURLToPath } from "node:url";

/** `path:line:column` at the end of a stack frame, with or without `file://` and a query. */
const FRAME = /(?:\(|\s)((?:file:\/\/)?\/?[^\s()]*?)(?:\?[^\s():]*)?:(\d+):\d+\)?$/;

/**
 * The first of `thrown`'s stack frames that `pick` answers for: `pick` gets each frame's file
 * (a path or a `file://` URL, its query removed) and line, and returns a line number to report
 * or undefined to look further down the stack.
 */
export function pickFrame(
  thrown: unknown,
  pick: (file: string, line: number) => number | undefined,
): number | undefined {
  const stack = thrown instanceof Error ? thrown.stack : undefined;
  for (const line of stack?.split("\n") ?? []) {
    const match = FRAME.exec(line.trim());
    if (!match) continue;
    const picked = pick(match[1]!, Number(match[2]));
    if (picked !== undefined) return picked;
  }
  return undefined;
}

/** The line of `path` where `thrown` was thrown (or passed through), from its stack. */
export function lineIn(thrown: unknown, path: string): number | undefined {
  return pickFrame(thrown, (file, line) => (sameFile(file, path) ? line : undefined));
}

/** Whether a stack frame's file (a path or a `file://` URL) is `path`. */
export function sameFile(frameFile: string, path: string): boolean {
  if (frameFile.startsWith("file://")) {
    try {
      return fileURLToPath(frameFile) === path;
    } catch {
      return false;
    }
  }
  return frameFile === path;
}
