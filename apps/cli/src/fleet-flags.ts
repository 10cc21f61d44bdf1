import { type Command, InvalidArgumentError } from "commander";

/** The fleet options `up`, `down`, `current`, `status` and `check` take, as commander parses them. */
export interface FleetFlags {
  readonly all?: boolean;
  /** `--target <name>`: repeatable, one name each. */
  readonly target?: readonly string[];
  /** `--targets a,b`: repeatable, comma-separated names. */
  readonly targets?: readonly string[];
  readonly concurrency?: number;
  readonly failFast?: boolean;
}

/** What a fleet run was asked for, once the flags are checked. */
export interface FleetSelection {
  /** Target names to run; undefined: every target (`--all`). */
  readonly select: readonly string[] | undefined;
  readonly concurrency: number | undefined;
  readonly failFast: boolean;
}

/** A usage error the CLI prints in one line with its fix, exit 2. */
export function usageError(message: string): Error {
  return Object.assign(new Error(message), { usage: true });
}

/** `--concurrency N`: an integer ≥ 1. */
export function parseConcurrency(value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(
      "--concurrency takes a whole number of targets ≥ 1, for example --concurrency 8.",
    );
  }
  return n;
}

/** `--target a --target b` collect; each one is a single name. */
function collectTarget(value: string, previous: readonly string[] | undefined): string[] {
  const name = value.trim();
  if (name === "" || name.includes(",")) {
    throw new InvalidArgumentError(
      "--target takes one target name; for several use --targets a,b.",
    );
  }
  return [...(previous ?? []), name];
}

/** `--targets a,b` (repeatable) collect into one list of names. */
function collectTargets(value: string, previous: readonly string[] | undefined): string[] {
  const names = value.split(",").map((s) => s.trim());
  if (names.some((s) => s === "")) {
    throw new InvalidArgumentError(
      "--targets takes target names separated by commas, for example --targets acme,globex.",
    );
  }
  return [...(previous ?? []), ...names];
}

/** Adds the fleet options to a command. */
export function addFleetOptions(c: Command, opts: { failFast?: boolean } = {}): Command {
  c.option("--all", "run every target of the config (a fleet run)")
    .option(
      "--target <name>",
      "run this target only (repeatable; implies a fleet run)",
      collectTarget,
    )
    .option(
      "--targets <a,b>",
      "run these targets (comma-separated; implies a fleet run)",
      collectTargets,
    )
    .option(
      "--concurrency <n>",
      "targets run at once in a fleet run (default 4)",
      parseConcurrency,
    );
  if (opts.failFast !== false)
    c.option("--fail-fast", "in a fleet run, start no new target after the first failure");
  return c;
}

/**
 * True when the flags ask for a fleet run (`--all`, `--target`, `--targets`); `--concurrency`
 * or `--fail-fast` without one is a usage error saying how to make it one.
 */
export function isFleetRun(flags: FleetFlags): boolean {
  if (flags.all === true || flags.target !== undefined || flags.targets !== undefined) return true;
  const stray =
    flags.concurrency !== undefined ? "--concurrency" : flags.failFast ? "--fail-fast" : undefined;
  if (stray) {
    throw usageError(
      `${stray} applies to a fleet run; add --all (or --target <name>, --targets a,b).`,
    );
  }
  return false;
}

/**
 * Checks the fleet flags against each other and the single-database ones; a mistake is a
 * usage error saying what to do instead.
 */
export function fleetSelection(
  flags: FleetFlags & { readonly sql?: boolean },
  globals: { readonly name?: string | undefined } = {},
): FleetSelection {
  const named = [...(flags.target ?? []), ...(flags.targets ?? [])];
  if (flags.all === true && named.length > 0) {
    throw usageError(
      "--all runs every target; drop it to run only the ones --target/--targets name.",
    );
  }
  if (flags.sql === true) {
    throw usageError(
      "--sql writes one database's SQL; it cannot be used with --all, --target or --targets. Drop --sql, or run mig up --sql --url <url> per database.",
    );
  }
  if (globals.name !== undefined) {
    throw usageError(
      "--name picks one database of the config; in a fleet run use --target <name> instead.",
    );
  }
  return {
    select: named.length > 0 ? [...new Set(named)] : undefined,
    concurrency: flags.concurrency,
    failFast: flags.failFast === true,
  };
}
