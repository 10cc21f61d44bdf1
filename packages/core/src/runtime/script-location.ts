import { isAbsolute, relative } from "node:path";
import { pickFrame, sameFile } from "../errors/stack-frames.js";
import { bundleLine } from "./bundle-lines.js";

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
    const line = pickFrame(candidate, (file, line) => {
      // A frame in a run's script bundle stands for a line of one of its scripts.
      const mapped = bundleLine(file, line);
      if (mapped) return mapped.path === scriptPath ? mapped.line : undefined;
      return sameFile(file, scriptPath) ? line : undefined;
    });
    if (line !== undefined) return `${shown}:${line}`;
  }
  return shown;
}

/** `path` relative to the working directory when inside it, else as it is. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}
