import type { FleetTarget } from "../config/fleet-target.js";
import type { SchemaChange } from "../schema/schema-diff.js";
import type { FleetResult, TargetResult } from "./fleet-types.js";
import { prepareFleet } from "./prepare-fleet.js";
import type { ReadAllOptions } from "./read-all.js";
import { runFleet } from "./run-fleet.js";

/**
 * `checkAll`'s per-target result: `status` `current` when compared (see `clean`), `failed`
 * when the target could not be compared (not at head, unreachable, ...).
 */
export interface TargetCheckResult extends TargetResult {
  /** The database matches the schema module. Absent when the target `failed`. */
  readonly clean?: boolean;
  readonly changes?: readonly SchemaChange[];
}

/**
 * Compares every target with the project's schema module, as `mig check --all`; nothing is
 * written. Never throws per target. The comparator loads on first call.
 */
export async function checkAll(
  targets: readonly FleetTarget[] | undefined,
  options: ReadAllOptions = {},
): Promise<FleetResult<TargetCheckResult>> {
  const members = await prepareFleet(targets, options);
  const { compareProject } = await import("../command/compare-project.js");
  return runFleet<TargetCheckResult>(members, options, async ({ project }) => {
    const { diff, rows } = await compareProject(project);
    return {
      status: "current",
      from: rows,
      to: rows,
      steps: 0,
      clean: diff.changes.length === 0,
      changes: diff.changes,
    };
  });
}
