import { getRevisions } from "../revision/resolve.js";
import { UnknownRevisionError } from "../revision/revision-errors.js";
import type { FleetMember } from "./fleet-members.js";

/** `-1`, `+2`, `ae10+1`, `head-1`, `branch@-1`: where they land depends on each database. */
const RELATIVE = /[+-]\d+$/;

/**
 * A goal no script defines is the command's mistake, not a target's: it fails once, before
 * any target runs, instead of once per target. Relative goals are each target's to resolve.
 */
export function assertGoalKnown(members: readonly FleetMember[], goal: string | undefined): void {
  if (goal === undefined || RELATIVE.test(goal)) return;
  const maps = new Set(members.map((m) => m.project.map));
  for (const map of maps) {
    try {
      getRevisions(map, goal);
    } catch (error) {
      // Only "no such revision" is certain without a database; the rest waits for one.
      if (error instanceof UnknownRevisionError) throw error;
    }
  }
}
