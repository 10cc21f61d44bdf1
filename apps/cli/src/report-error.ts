import { exitCodeOf } from "./exit-code.js";
import { Output } from "./output.js";

/** Prints a command's failure (JSON with --json, a stack trace only with --verbose); the exit code. */
export function reportError(error: unknown, opts: { json: boolean; verbose: boolean }): number {
  new Output({ ...opts, quiet: false, color: process.stderr.isTTY === true }).error(error);
  return exitCodeOf(error);
}
