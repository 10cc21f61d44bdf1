// What a fleet run was asked for, from flags commander parsed (fleet-flags.ts adds them).
// Free of commander: a bare `mig up` checks these without loading the parser.

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
