import { type Command, InvalidArgumentError, Option } from "commander";
import type { GlobalOptions } from "./context.js";

/** `-x key=value`, repeatable (Alembic's `-x`); a value without `=` is a usage error. */
function collectX(value: string, previous: readonly string[] | undefined): string[] {
  if (value.indexOf("=") <= 0) {
    throw new InvalidArgumentError(`-x takes key=value (for example -x tenant=acme).`);
  }
  return [...(previous ?? []), value];
}

/** Seconds ≥ 0 for `--lock-timeout`. */
export function parseLockTimeout(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError("--lock-timeout takes a number of seconds ≥ 0.");
  }
  return n;
}

/**
 * Options every command takes, before its name (`mig --json up`) or after it (`mig up
 * --json`). Commands that list revisions keep `-v, --verbose` for their details, so theirs
 * omit the stack-trace `--verbose` (put it before the command: `mig --verbose history`).
 */
export function addGlobalOptions(
  c: Command,
  opts: { traces?: boolean; nameShort?: boolean } = {},
): Command {
  const group = c.parent ? "Global options:" : "Options:";
  const options = [
    new Option(
      "-c, --config <file>",
      "config file (default: mig.config.* in the current directory)",
    ),
    new Option("--url <url>", "database URL (overrides the config, DATABASE_URL and .env)"),
    // `mig log -n 20` counts rows: there `--name` has no short form (or give -n before `log`).
    new Option(
      opts.nameShort === false ? "--name <name>" : "-n, --name <name>",
      "which database of a multi-database config",
    ),
    new Option("-x <key=value>", "argument for config hooks; repeat for more").argParser(collectX),
    new Option("--json", "machine-readable output, errors included"),
    new Option("-q, --quiet", "print only errors"),
    new Option("--no-color", "no colours"),
    new Option("--log-sql", "print each SQL statement as it runs, with its time (stderr)"),
  ];
  if (opts.traces !== false) {
    options.push(new Option("--verbose", "stack traces and more detail on errors"));
  }
  for (const option of options) c.addOption(option.helpGroup(group));
  return c;
}

/**
 * The program's and the command's global options, merged: a value given after the command
 * wins, `-x` pairs from both places add up, and stack traces follow either `--verbose`.
 */
export function globalsOf(program: Command, command: Command): GlobalOptions {
  const before = program.opts() as GlobalOptions;
  const after = command.opts() as GlobalOptions;
  const given = (key: string) => {
    const source = command.getOptionValueSource(key);
    return source !== undefined && source !== "default";
  };
  const pick = <K extends keyof GlobalOptions>(key: K): GlobalOptions[K] =>
    given(key) ? after[key] : before[key];
  const ownVerbose = command.options.some((o) => o.long === "--verbose" && o.short === "-v");
  return {
    config: pick("config"),
    url: pick("url"),
    name: pick("name"),
    json: pick("json"),
    quiet: pick("quiet"),
    color: pick("color"),
    logSql: pick("logSql"),
    x: [...(before.x ?? []), ...(after.x ?? [])],
    verbose: before.verbose === true || (!ownVerbose && after.verbose === true),
  };
}
