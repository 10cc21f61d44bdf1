import { assertKnownOptions } from "../command/call-arguments.js";
import type { FleetTarget } from "../config/fleet-target.js";
import { loadConfig } from "../config/load-config.js";
import type { OptionKeys } from "../config/option-keys.js";
import { PROJECT_KEYS, type ProjectOptions } from "../config/project.js";
import { validateTargets } from "../config/validate-targets.js";
import { thrownMessage } from "../errors/first-line.js";
import { MigError } from "../errors/mig-error.js";

export interface ResolveTargetsOptions extends ProjectOptions {
  /** Only these targets, by name; an unknown name is a usage error listing the known ones. */
  readonly select?: readonly string[] | undefined;
}

/**
 * The fleet a config names: its `targets` (a list, or the hook called with `{ x }`), else one
 * target per entry of `databases`, then narrowed to `select`. Throws a usage error when the
 * config names no fleet, a target is malformed, or a selected name is unknown.
 */
export async function resolveTargets(
  options: ResolveTargetsOptions = {},
): Promise<readonly FleetTarget[]> {
  assertKnownOptions("resolveTargets", options, RESOLVE_KEYS, "resolveTargets()");
  return selectedTargets(options);
}

const RESOLVE_KEYS: OptionKeys<ResolveTargetsOptions> = { ...PROJECT_KEYS, select: true };

/** resolveTargets for a fleet call, whose own options it is given with the rest. */
export async function selectedTargets(
  options: ResolveTargetsOptions,
): Promise<readonly FleetTarget[]> {
  return selectTargets(await listTargets(options), options.select);
}

async function listTargets(options: ResolveTargetsOptions): Promise<readonly FleetTarget[]> {
  const loaded =
    options.targets === undefined
      ? await loadConfig(options.cwd ?? process.cwd(), options.configFile)
      : undefined;
  const file = loaded?.file ? loaded.file.replace(/^.*[\\/]/, "") : "the config";
  const setting = options.targets ?? loaded?.config.targets;
  if (typeof setting === "function") {
    let returned: unknown;
    try {
      returned = await setting({ x: options.x ?? {} });
    } catch (cause) {
      const message = thrownMessage(cause);
      throw new MigError(
        "targets_hook_failed",
        `The targets() hook in ${file} failed: ${message}`,
        // A failure, not a usage error: a tenants service that is down is like a database
        // that is down (exit 1), so a deploy script may retry it.
        {
          hint: "Fix the hook or what it reads; run with --verbose for its stack trace.",
          cause,
        },
      );
    }
    return validateTargets(returned, file, "the targets() hook's result");
  }
  if (setting !== undefined) return validateTargets(setting, file);
  const databases = Object.keys(options.databases ?? loaded?.config.databases ?? {});
  if (databases.length > 0) return databases.map((name) => ({ name, database: name }));
  throw new MigError("no_targets", `${file} names no targets to run.`, {
    usage: true,
    hint: 'Add `targets: [{ name: "a", url: "..." }, ...]` (or a targets() hook, or `databases`) to mig.config; see docs/fleets.md.',
  });
}

/** The targets named in `select`, in the fleet's order; unknown names are a usage error. */
export function selectTargets(
  targets: readonly FleetTarget[],
  select: readonly string[] | undefined,
): readonly FleetTarget[] {
  if (select === undefined) return targets;
  const known = new Set(targets.map((t) => t.name));
  const unknown = select.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const names = [...known];
    const list = names.length > 20 ? `${names.slice(0, 20).join(", ")}, ...` : names.join(", ");
    throw new MigError(
      "unknown_target",
      `No target named ${unknown.map((n) => `'${n}'`).join(", ")} in the fleet.`,
      { usage: true, hint: `Known targets: ${list || "none"}.` },
    );
  }
  const wanted = new Set(select);
  return targets.filter((t) => wanted.has(t.name));
}
