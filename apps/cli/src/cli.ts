import { BARE_GLOBALS, bareCommand } from "./bare-command.js";
import { makeContext } from "./context.js";
import { reportError } from "./report-error.js";

/**
 * Runs the CLI and returns its exit code: 0 ok, 1 failure, 2 usage error. A command given
 * alone runs as is; anything else is parsed by commander (program.ts), loaded only then.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const bare = bareCommand(argv);
  if (bare === undefined) return (await import("./program.js")).runProgram(argv, false);
  try {
    return await bare(makeContext(BARE_GLOBALS));
  } catch (error) {
    return reportError(error, { json: false, verbose: false });
  }
}
