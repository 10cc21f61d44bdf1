import type { MigrationStep } from "../revision/plan.js";
import type { StatementRecord } from "./executor.js";
import { MigrationFailedError } from "./migration-errors.js";
import type { StepInfo } from "./run-events.js";

/** The error a failed step throws: what ran, what stayed, where the version table is. */
export function failure(
  offline: boolean,
  record: StatementRecord,
  step: MigrationStep,
  info: StepInfo,
  error: unknown,
  committed: readonly string[],
  rolledBack: boolean,
  location: string | undefined,
  recording = false,
): MigrationFailedError {
  const statement = record.failed;
  const ran = [...record.statements];
  const kept = rolledBack ? [] : statement ? ran.slice(0, ran.lastIndexOf(statement)) : ran;
  const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
  return new MigrationFailedError({
    revision: info.revision,
    direction: step.direction,
    message,
    location: recording ? undefined : location,
    recording,
    statement,
    keptStatements: kept,
    rows: committed,
    rolledBack,
    offline,
    cause: error,
  });
}
