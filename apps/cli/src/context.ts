import type { ProjectOptions } from "@mig/core";
import { Output } from "./output.js";
import { closeProgressLine } from "./progress-line.js";

/** Options every command accepts, parsed by commander. */
export interface GlobalOptions {
  readonly config?: string;
  readonly url?: string;
  readonly name?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly color?: boolean;
  readonly verbose?: boolean;
  readonly x?: readonly string[];
  readonly logSql?: boolean;
}

/** `--log-sql` lines go to stderr, like progress, so stdout stays the command's output. */
const stderrLogger = {
  info(message: string): void {
    closeProgressLine();
    process.stderr.write(`${message}\n`);
  },
};

export interface CommandContext {
  readonly out: Output;
  readonly project: ProjectOptions;
}

export function makeContext(opts: GlobalOptions): CommandContext {
  const color = opts.color !== false && !process.env.NO_COLOR && process.stdout.isTTY === true;
  const out = new Output({
    json: opts.json === true,
    quiet: opts.quiet === true,
    color,
    verbose: opts.verbose === true,
  });
  const x: Record<string, string> = {};
  for (const pair of opts.x ?? []) {
    const eq = pair.indexOf("=");
    if (eq < 0) x[pair] = "";
    else x[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return {
    out,
    project: {
      ...(opts.config === undefined ? {} : { configFile: opts.config }),
      ...(opts.url === undefined ? {} : { url: opts.url }),
      ...(opts.name === undefined ? {} : { name: opts.name }),
      ...(opts.logSql ? { logSql: true, logger: stderrLogger } : {}),
      x,
    },
  };
}
