import { type Command, InvalidArgumentError } from "commander";

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
