import { batchCompletedOf } from "../dialect/batch-position.js";
import { firstLine } from "../errors/first-line.js";
import { isMigError } from "../errors/mig-error.js";
import { builderTypoHint } from "../operations/column-type.js";
import type { MigrationStep } from "../revision/plan.js";
import type { StatementRecord } from "./executor.js";
import { MigrationFailedError } from "./migration-errors.js";
import type { StepInfo } from "./run-events.js";
import { ABORTED, MigrationInterruptedError } from "./run-interrupt.js";
import { scriptLocation } from "./script-location.js";
import type { ScriptRef } from "./script-module.js";

/** A step that failed, as the runner knows it once its transaction is taken back. */
export interface FailedStep {
  readonly offline: boolean;
  readonly record: StatementRecord;
  readonly step: MigrationStep;
  readonly info: StepInfo;
  readonly script: ScriptRef | undefined;
  /** The version rows as of the last commit. */
  readonly committed: readonly string[];
  readonly rolledBack: boolean;
  /** Where the script made the `op` call that led to the error (call-sites.ts). */
  readonly site: Error | undefined;
  /** The script had run; its version change and log row were being written. */
  readonly recording: boolean;
  /** The dialect's fix for the error (`Dialect.fixFor`), when it names one. */
  readonly fix?: string | undefined;
}

/**
 * What a failed step throws: an interruption (Ctrl-C), a run error of a stamp as it is, or
 * the step's failure (what ran, what stayed, where the version table is).
 */
export function stepError(error: unknown, failed: FailedStep): unknown {
  const { step, info, script, committed, rolledBack } = failed;
  if (error === ABORTED) {
    return new MigrationInterruptedError({
      revision: info.revision,
      direction: step.direction,
      rows: committed,
      rolledBack,
      outsideTransaction: script?.transactional === false,
    });
  }
  if (isMigError(error) && error.code !== "migration_failed" && !script) return error;
  const statement = failed.record.failed;
  const ran = [...failed.record.statements];
  const kept = rolledBack ? [] : statement ? ran.slice(0, ran.lastIndexOf(statement)) : ran;
  const first = firstLine(error);
  const message = first + builderTypoHint(first);
  const location =
    script && !failed.recording ? scriptLocation(error, script.path, failed.site) : undefined;
  return new MigrationFailedError({
    revision: info.revision,
    direction: step.direction,
    message,
    location,
    recording: failed.recording,
    statement,
    keptStatements: kept,
    batchKept: statement === undefined ? 0 : batchCompletedOf(error),
    rows: committed,
    rolledBack,
    outsideTransaction: script?.transactional === false,
    offline: failed.offline,
    fix: failed.fix,
    cause: error,
  });
}
