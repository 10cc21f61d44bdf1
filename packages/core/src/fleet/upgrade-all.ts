import { assertKnownOptions } from "../command/call-arguments.js";
import { readRows } from "../command/current.js";
import {
  assertUpgradeOptions,
  DOWNGRADE_KEYS,
  type DowngradeOptions,
  downgradeProject,
  UPGRADE_KEYS,
  type UpgradeOptions,
  upgradeProject,
} from "../command/upgrade.js";
import type { FleetTarget } from "../config/fleet-target.js";
import type { OptionKeys } from "../config/option-keys.js";
import type { RunResult } from "../runtime/run-migrations.js";
import { assertGoalKnown } from "./assert-goal.js";
import {
  FLEET_KEYS,
  type FleetOptions,
  type FleetResult,
  type TargetResult,
} from "./fleet-types.js";
import { prepareFleet } from "./prepare-fleet.js";
import { runFleet, type TaskOutcome } from "./run-fleet.js";

/** `upgradeAll`'s options: `upgrade`'s (target, strict, ...) and the fleet's. */
export type UpgradeAllOptions = Omit<UpgradeOptions, "events" | "signal"> & FleetOptions;
/** `downgradeAll`'s options: `downgrade`'s (a target is required) and the fleet's. */
export type DowngradeAllOptions = Omit<DowngradeOptions, "events" | "signal"> & FleetOptions;

const UPGRADE_ALL_KEYS: OptionKeys<UpgradeAllOptions> = { ...UPGRADE_KEYS, ...FLEET_KEYS };
const DOWNGRADE_ALL_KEYS: OptionKeys<DowngradeAllOptions> = { ...DOWNGRADE_KEYS, ...FLEET_KEYS };

/**
 * Upgrades every target (undefined: the config's `targets`, else its `databases`), as
 * `mig up --all` does. Never throws for one target's failure: that target is `failed` with
 * its error and left at its last good revision. Throws only for a whole-fleet usage error,
 * before anything runs.
 */
export async function upgradeAll(
  targets: readonly FleetTarget[] | undefined,
  options: UpgradeAllOptions = {},
): Promise<FleetResult> {
  assertKnownOptions(
    "upgradeAll",
    options,
    UPGRADE_ALL_KEYS,
    'upgradeAll(undefined, { target: "head" })',
  );
  assertUpgradeOptions(options);
  const members = await prepareFleet(targets, options);
  assertGoalKnown(members, options.target);
  return runFleet<TargetResult>(
    members,
    options,
    async ({ project, events, signal }) =>
      outcome(await upgradeProject(project, { ...options, events, signal })),
    (project) => readRows(project),
  );
}

/** Downgrades every target to `options.target`, as `mig down --all` does; see upgradeAll. */
export async function downgradeAll(
  targets: readonly FleetTarget[] | undefined,
  options: DowngradeAllOptions,
): Promise<FleetResult> {
  assertKnownOptions(
    "downgradeAll",
    options,
    DOWNGRADE_ALL_KEYS,
    'downgradeAll(undefined, { target: "-1" })',
  );
  const members = await prepareFleet(targets, options);
  assertGoalKnown(members, options.target);
  return runFleet<TargetResult>(
    members,
    options,
    async ({ project, events, signal }) =>
      outcome(await downgradeProject(project, { ...options, events, signal })),
    (project) => readRows(project),
  );
}

function outcome(result: RunResult): TaskOutcome<TargetResult> {
  return {
    status: result.steps.length > 0 ? "applied" : "current",
    from: result.from,
    to: result.rows,
    steps: result.steps.length,
  };
}
