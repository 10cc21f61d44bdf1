import { assertKnownOptions } from "../command/call-arguments.js";
import { type RevisionSummary, readRows, statusOf } from "../command/current.js";
import type { FleetTarget } from "../config/fleet-target.js";
import type { OptionKeys } from "../config/option-keys.js";
import { PROJECT_KEYS, type ProjectOptions } from "../config/project.js";
import type { ChecksumMismatch } from "../runtime/checksum-mismatch.js";
import type { RunEvents } from "../runtime/run-events.js";
import type { StoppedStep } from "../runtime/stopped-steps.js";
import {
  FLEET_KEYS,
  type FleetOptions,
  type FleetResult,
  type TargetResult,
} from "./fleet-types.js";
import { prepareFleet } from "./prepare-fleet.js";
import { runFleet } from "./run-fleet.js";

/** A fleet read's options: the config's keys and the fleet's. */
export type ReadAllOptions = ProjectOptions & FleetOptions;

export const READ_ALL_KEYS: OptionKeys<ReadAllOptions> = { ...PROJECT_KEYS, ...FLEET_KEYS };

/**
 * `currentAll`'s per-target result: `status` is `current` (read, nothing ran) or `failed`;
 * `from` and `to` are both the version table's rows.
 */
export type TargetCurrentResult = TargetResult;

/**
 * `statusAll`'s per-target result: as `currentAll`'s (`from` = `to` = the rows), plus what
 * `status()` reports for the target. Absent when the target `failed`.
 */
export interface TargetStatusResult extends TargetResult {
  /** What `mig up` would apply, in order. */
  readonly pending?: readonly RevisionSummary[];
  readonly upToDate?: boolean;
  /** Applied revisions whose script was edited or removed since it ran. */
  readonly mismatches?: readonly ChecksumMismatch[];
  /** Migrations that stopped part way with statements left applied. */
  readonly stopped?: readonly StoppedStep[];
}

/** Every target's version-table rows, as `mig current --all` shows them. Never throws per target. */
export async function currentAll(
  targets: readonly FleetTarget[] | undefined,
  options: ReadAllOptions = {},
): Promise<FleetResult<TargetCurrentResult>> {
  assertKnownOptions("currentAll", options, READ_ALL_KEYS, "currentAll()");
  const members = await prepareFleet(targets, options);
  return runFleet<TargetCurrentResult>(members, options, async ({ project }) => {
    const seen = noteOf();
    const rows = await readRows(project, seen.events);
    return { status: "current", from: rows, to: rows, steps: 0, ...seen.note() };
  });
}

/** Every target's rows and pending migrations, as `mig status --all`. Never throws per target. */
export async function statusAll(
  targets: readonly FleetTarget[] | undefined,
  options: ReadAllOptions = {},
): Promise<FleetResult<TargetStatusResult>> {
  assertKnownOptions("statusAll", options, READ_ALL_KEYS, "statusAll()");
  const members = await prepareFleet(targets, options);
  return runFleet<TargetStatusResult>(members, options, async ({ project }) => {
    const seen = noteOf();
    const s = await statusOf(project, seen.events);
    return {
      ...seen.note(),
      status: "current",
      from: s.rows,
      to: s.rows,
      steps: 0,
      pending: s.pending,
      upToDate: s.upToDate,
      mismatches: s.mismatches,
      stopped: s.stopped,
    };
  });
}

/** The dialect's note on a target's URL (a missing SQLite file read as empty), caught from its session. */
function noteOf(): { events: RunEvents; note(): { note?: string } } {
  let said: string | undefined;
  return {
    events: {
      onDatabase(info) {
        said = info.note;
      },
    },
    note: () => (said === undefined ? {} : { note: said }),
  };
}
