import type { Row } from "../connection/connection.js";
import type { Dialect, Executor } from "../dialect/dialect.js";
import { firstLine } from "../errors/first-line.js";
import { MigError } from "../errors/mig-error.js";
import { Operations } from "../operations/operations.js";
import type { MigrationStep } from "../revision/plan.js";
import { sha256Hex } from "../script/script-checksum.js";
import { withScriptStack } from "./bundle-lines.js";
import type { RunExecutor, StatementRecord } from "./executor.js";
import { inlineParams } from "./inline-params.js";
import type { LogEntry } from "./log-row.js";
import type { ScriptLoader } from "./script-loader.js";
import type { MigrationFn, ScriptRef } from "./script-module.js";
import { stoppedRows } from "./stopped-steps.js";

/** A migration whose failed `up` left its first statements applied (DDL committed them). */
export interface HalfApplied {
  readonly revision: string;
  /** The failed row's id in the applied log. */
  readonly logId: number;
  /** Statements 1..done stayed applied. */
  readonly done: number;
  /** `statementsChecksum` of those statements. */
  readonly checksum: string;
  /**
   * When the latest row is unfinished: its start. The run stopped during the step (the
   * process was killed, or the connection lost) and how much it applied is unknown.
   */
  readonly stoppedAt?: string | undefined;
}

/**
 * The half-applied revisions `up --resume` and `--restart` deal with: the `up` steps of
 * stoppedRows (stopped-steps.ts), by revision.
 */
export function halfAppliedOf(entries: readonly LogEntry[]): Map<string, HalfApplied> {
  const found = new Map<string, HalfApplied>();
  for (const e of stoppedRows(entries)) {
    if (e.direction !== "up") continue;
    const unfinished = e.finishedAt === null;
    found.set(e.revision, {
      revision: e.revision,
      logId: e.id,
      done: unfinished ? 0 : (e.statementsDone ?? 0),
      checksum: unfinished ? "" : (e.statementsChecksum ?? ""),
      ...(unfinished ? { stoppedAt: e.startedAt } : {}),
    });
  }
  return found;
}

/**
 * SHA-256 (hex) of the first `count` statements, each as SQL text with its parameters
 * inlined, joined with a NUL character: what `up --resume` compares.
 */
export function statementsChecksum(
  dialect: Dialect,
  record: StatementRecord,
  count: number,
): string {
  const texts = record.statements.slice(0, count).map((sql, i) => {
    const params = record.params[i];
    if (!params || params.length === 0) return sql;
    return dialect.inlineParams?.(sql, params) ?? inlineParams(dialect, sql, params);
  });
  return sha256Hex(texts.join("\0"));
}

const ENOUGH = Symbol("enough statements");

/**
 * Runs the script only as far as its first `count` statements, sending none of them
 * (reads still run), so `up --resume` can compare them with what the failed run applied.
 */
async function firstStatements(
  exec: RunExecutor,
  fn: MigrationFn,
  count: number,
): Promise<StatementRecord> {
  const record = { statements: [] as string[], params: [] as (readonly unknown[] | undefined)[] };
  const note = (sql: string, params: readonly unknown[] | undefined) => {
    if (record.statements.length >= count) throw ENOUGH;
    record.statements.push(sql);
    record.params.push(params);
  };
  const dry: Executor = {
    offline: false,
    dialect: exec.dialect,
    execute: async (sql, params) => {
      note(sql, params);
      return 0;
    },
    query: async <R extends Row = Row>(sql: string, params?: readonly unknown[]) => {
      note(sql, params);
      return exec.query<R>(sql, params);
    },
    begin: async () => undefined,
    commit: async () => undefined,
    rollback: async () => undefined,
    comment: () => undefined,
  };
  const op = new Operations(dry);
  try {
    await fn(op);
    await op.flush();
  } catch (error) {
    if (error !== ENOUGH) throw error;
  } finally {
    await op.settle();
  }
  return { ...record, failed: undefined };
}

/**
 * Refuses (nothing run) unless the script's first `done` statements are the ones the failed
 * run applied: the fix may change the failing statement and those after it, not before.
 */
export async function verifyResume(
  exec: RunExecutor,
  fn: MigrationFn,
  point: HalfApplied,
): Promise<void> {
  let record: StatementRecord;
  try {
    record = await firstStatements(exec, fn, point.done);
  } catch (error) {
    throw new ResumeMismatchError(point, withScriptStack(error));
  }
  const same =
    record.statements.length === point.done &&
    statementsChecksum(exec.dialect, record, point.done) === point.checksum;
  if (!same) throw new ResumeMismatchError(point);
}

/**
 * The planned `up` steps to resume, by revision, each checked against its script; without
 * `resume` a half-applied step in the plan is refused. Runs before any step.
 */
export async function resumePoints(
  exec: RunExecutor,
  steps: readonly MigrationStep[],
  halfApplied: ReadonlyMap<string, HalfApplied> | undefined,
  resume: boolean | undefined,
  loader: ScriptLoader,
  scripts: ReadonlyMap<string, ScriptRef>,
): Promise<Map<string, HalfApplied>> {
  const points = new Map<string, HalfApplied>();
  if (!halfApplied || halfApplied.size === 0) return points;
  for (const step of steps) {
    if (step.kind !== "revision" || step.direction !== "up") continue;
    const point = halfApplied.get(step.revision);
    const script = scripts.get(step.revision);
    if (!point || !script) continue;
    if (point.stoppedAt !== undefined) throw new StoppedStepError(point, resume === true);
    if (!resume) throw new HalfAppliedError(point);
    await verifyResume(exec, (await loader.load(script)).upgrade, point);
    points.set(step.revision, point);
  }
  return points;
}

const plural = (n: number) => (n === 1 ? "statement" : "statements");

/** `mig up` met a half-applied migration and was not told to resume it. */
export class HalfAppliedError extends MigError {
  constructor(point: HalfApplied) {
    super(
      "half_applied",
      `Migration ${point.revision} failed part way: its first ${point.done} ${plural(point.done)} stayed applied. Nothing was run.`,
      {
        hint: "Fix the failing statement in the script and run `mig up --resume` to run the rest; or undo those statements by hand (or make them re-runnable) and run `mig up --restart`.",
      },
    );
    this.name = "HalfAppliedError";
  }
}

/** `mig up` met a migration whose earlier run stopped during it, having applied who knows what. */
export class StoppedStepError extends MigError {
  constructor(point: HalfApplied, resume: boolean) {
    const at = point.stoppedAt ? ` (started ${point.stoppedAt})` : "";
    super(
      "half_applied",
      `An earlier run of migration ${point.revision} stopped before it finished${at}: its connection was lost or the process ended, and some of its statements may be applied. Nothing was run.`,
      {
        hint: `${resume ? "`--resume` cannot tell where it stopped. " : ""}Check the database: undo what the migration applied (or make it re-runnable), then run \`mig up --restart\`.`,
      },
    );
    this.name = "StoppedStepError";
  }
}

/** `mig up --resume`: the statements already applied are not the script's first ones any more. */
export class ResumeMismatchError extends MigError {
  constructor(point: HalfApplied, cause?: unknown) {
    const why = cause instanceof Error ? ` (the script failed: ${firstLine(cause)})` : "";
    super(
      "resume_mismatch",
      `Cannot resume ${point.revision}: the script's first ${point.done} ${plural(point.done)} changed since they were applied${why}. Nothing was run.`,
      {
        hint: "Change only the failing statement and those after it; or undo the applied statements by hand (or make them re-runnable) and run `mig up --restart`.",
        ...(cause === undefined ? {} : { cause }),
      },
    );
    this.name = "ResumeMismatchError";
  }
}
