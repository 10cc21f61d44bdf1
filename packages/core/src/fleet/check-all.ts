import { assertKnownOptions } from "../command/call-arguments.js";
import type { FleetTarget } from "../config/fleet-target.js";
import { loadSchemaModule } from "../config/load-schema-module.js";
import type { SchemaChange } from "../schema/schema-diff.js";
import type { FleetResult, TargetResult } from "./fleet-types.js";
import { prepareFleet } from "./prepare-fleet.js";
import { READ_ALL_KEYS, type ReadAllOptions } from "./read-all.js";
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
  assertKnownOptions("checkAll", options, READ_ALL_KEYS, "checkAll()");
  const members = await prepareFleet(targets, options);
  // The schema module is the fleet's, not a target's: a missing or broken one fails once,
  // before any target is read, not as one failure per target.
  const configs = new Set<string | undefined>();
  for (const member of members) {
    if (configs.has(member.target.database)) continue;
    configs.add(member.target.database);
    await loadSchemaModule(member.project);
  }
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
