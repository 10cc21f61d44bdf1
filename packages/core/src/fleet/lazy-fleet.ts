import type { FleetTarget } from "../config/fleet-target.js";
import type { TargetCheckResult } from "./check-all.js";
import type { FleetResult } from "./fleet-types.js";
import type { ReadAllOptions, TargetCurrentResult, TargetStatusResult } from "./read-all.js";
import type { ResolveTargetsOptions } from "./resolve-targets.js";
import type { DowngradeAllOptions, UpgradeAllOptions } from "./upgrade-all.js";

// The fleet behind `import()`, as command/lazy-commands.ts: `import "@mig/core"` in an app
// that migrates one database at start-up loads none of it. Each wrapper has its module's
// signature; see the module for the docs.

type Targets = readonly FleetTarget[] | undefined;

/** See upgrade-all.ts: upgrades every target; never throws for one target's failure. */
export async function upgradeAll(
  targets: Targets,
  options: UpgradeAllOptions = {},
): Promise<FleetResult> {
  return (await import("./upgrade-all.js")).upgradeAll(targets, options);
}

/** See upgrade-all.ts: downgrades every target to `options.target`. */
export async function downgradeAll(
  targets: Targets,
  options: DowngradeAllOptions,
): Promise<FleetResult> {
  return (await import("./upgrade-all.js")).downgradeAll(targets, options);
}

/** See read-all.ts: every target's version rows. */
export async function currentAll(
  targets: Targets,
  options: ReadAllOptions = {},
): Promise<FleetResult<TargetCurrentResult>> {
  return (await import("./read-all.js")).currentAll(targets, options);
}

/** See read-all.ts: every target's rows and pending migrations. */
export async function statusAll(
  targets: Targets,
  options: ReadAllOptions = {},
): Promise<FleetResult<TargetStatusResult>> {
  return (await import("./read-all.js")).statusAll(targets, options);
}

/** See check-all.ts: every target against the schema module. */
export async function checkAll(
  targets: Targets,
  options: ReadAllOptions = {},
): Promise<FleetResult<TargetCheckResult>> {
  return (await import("./check-all.js")).checkAll(targets, options);
}

/** See resolve-targets.ts: the config's targets, after `select`. */
export async function resolveTargets(
  options: ResolveTargetsOptions = {},
): Promise<readonly FleetTarget[]> {
  return (await import("./resolve-targets.js")).resolveTargets(options);
}
