import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleLine } from "./bundle-lines.js";

/** `path:line(:column)` at the end of a stack frame, with or without `file://` and a query. */
const FRAME = /(?:\(|\s)((?:file:\/\/)?\/?[^\s()]*?)(?:\?[^\s():]*)?:(\d+):\d+\)?$/;

/**
 * Where in a migration script an error was thrown, for the failure message:
 * `migrations/0002_add.ts:14` (relative to the working directory when inside it), or just
 * the file when no stack frame points into it.
 */
export function scriptLocation(
  error: unknown,
  scriptPath: string,
  callSite?: Error | undefined,
): string {
  const shown = displayPath(scriptPath);
  // The error's own stack first; then where the script called the `op` method that failed.
  for (const candidate of [error, callSite]) {
    const stack = candidate instanceof Error ? candidate.stack : undefined;
    for (const line of stack?.split("\n") ?? []) {
      const match = FRAME.exec(line.trim());
      if (!match) continue;
      // A frame in a run's script bundle stands for a line of one of its scripts.
      const mapped = bundleLine(match[1]!, Number(match[2]));
      if (mapped ? mapped.path === scriptPath : sameFile(match[1]!, scriptPath))
        return `${shown}:${mapped ? mapped.line : match[2]}`;
    }
  }
  return shown;
}

function sameFile(frameFile: string, scriptPath: string): boolean {
  if (frameFile.startsWith("file://")) {
    try {
      return fileURLToPath(frameFile) === scriptPath;
    } catch {
      return false;
    }
  }
  return frameFile === scriptPath;
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
