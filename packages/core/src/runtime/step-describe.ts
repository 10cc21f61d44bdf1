import type { MigrationStep } from "../revision/plan.js";
import type { StepInfo } from "./run-events.js";
import type { ScriptRef } from "./script-module.js";

/** What events and results say of a step. */
export function describeStep(
  step: MigrationStep,
  script: ScriptRef | undefined,
  index: number,
  total: number,
): StepInfo {
  // A stamp names where it leaves the version table: `base` when it empties it.
  const message = script?.header.message ?? "";
  const { direction, kind } = step;
  // Literals of one shape each, not a spread: a run describes every step.
  if (kind === "revision")
    return { revision: step.revision, direction, kind, message, index, total };
  const revision = step.to.join(", ") || "base";
  return { revision, from: step.from, direction, kind, message, index, total };
}
