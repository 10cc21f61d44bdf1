import type {
  BoundRow,
  LogRowStatements,
  LogStepValues,
  LogTime,
} from "../dialect/log-table-sql.js";
import type { RunExecutor } from "./executor.js";
import { errorCodeOf, errorMessageOf } from "./log-row.js";

/** What every row of a run shares. */
export interface LogRunInfo {
  readonly tag?: string | undefined;
  /** Takes the URL's password out of error messages before they are stored. */
  readonly mask?: ((text: string) => string) | undefined;
}

/** The step a row is about. */
export interface LogStep {
  readonly revision: string;
  readonly direction: "up" | "down" | "stamp";
  readonly checksum: string | null;
  /** `up --resume`: the statements an earlier failed run had applied. */
  readonly resumedFrom?: number | undefined;
  /** With `resumedFrom`: the checksum of those statements, still true if this run rolls back. */
  readonly resumedChecksum?: string | undefined;
}

/** One step's row, from its start to its result. */
export class StepLog {
  readonly #exec: RunExecutor;
  readonly #rows: LogRowStatements;
  readonly #step: LogStep;
  readonly #run: LogRunInfo;
  #started: LogTime;
  #clock = 0;
  #opened = false;
  /** The start the row was inserted with, when it was sent ahead of the step (`opening`). */
  #openedAt: LogTime | undefined;

  /** The insert with its values bound, where the connection reuses prepared statements. */
  readonly #bound: BoundRow | undefined;

  constructor(
    exec: RunExecutor,
    rows: LogRowStatements,
    step: LogStep,
    run: LogRunInfo,
    bound?: BoundRow,
  ) {
    this.#exec = exec;
    this.#rows = rows;
    this.#bound = bound;
    this.#step = step;
    this.#run = run;
    // Offline SQL runs later, elsewhere: the database's clock says when, and no duration is
    // kept (no clock read for each of thousands of rows).
    if (exec.offline) {
      this.#started = "now";
    } else {
      this.#started = new Date();
      this.#clock = performance.now();
    }
  }

  // One plain object of one shape per row: no spreads (a run writes thousands).
  #row(finished: boolean, success: boolean, statementsDone: number | null): LogStepValues {
    const step = this.#step;
    const offline = this.#exec.offline;
    return {
      revision: step.revision,
      direction: step.direction,
      checksum: step.checksum,
      startedAt: this.#started,
      finishedAt: !finished ? null : offline ? "now" : new Date(),
      durationMs: !finished || offline ? null : performance.now() - this.#clock,
      success,
      errorCode: null,
      errorMessage: null,
      statementsDone,
      statementsChecksum: null,
      resumedFrom: step.resumedFrom ?? null,
      openedAt: this.#openedAt,
    };
  }

  /**
   * The unfinished row `open` inserts, for a caller that sends it ahead of the step (with
   * the previous step's commit); `opened` then records that it ran, and `start` at the
   * step's real start moves `started_at` there when the row is finished.
   */
  opening(): string {
    return this.#rows.insert(this.#row(false, false, null));
  }

  /** The row `opening` rendered is in the database (uncommitted, in the step's transaction). */
  opened(): void {
    this.#opened = true;
    this.#openedAt = this.#started;
  }

  /** Whether the unfinished row is written already. */
  get isOpen(): boolean {
    return this.#opened;
  }

  /** The step starts now (it was made ahead for `opening`): the clock runs from here. */
  start(): void {
    if (this.#exec.offline) return;
    this.#started = new Date();
    this.#clock = performance.now();
  }

  /** Before a step that cannot roll back: an unfinished row, so a half-applied step shows. */
  async open(): Promise<void> {
    if (this.#exec.offline) return;
    await this.#exec.execute(this.#rows.insert(this.#row(false, false, null)));
    this.#opened = true;
  }

  /** After the step's version-table change, in its transaction where there is one. */
  async succeed(statementsDone: number): Promise<void> {
    const bound = this.#opened ? undefined : this.#bound;
    if (bound) {
      await this.#exec.execute(bound.sql, bound.params(this.#row(true, true, statementsDone)));
      return;
    }
    await this.#exec.execute(this.succeeded(statementsDone));
  }

  /** `succeed` in the caller's turn where the executor writes so (offline); false where it must be awaited. */
  succeedNow(statementsDone: number): boolean {
    const exec = this.#exec;
    const now = exec.executeOwnNow ?? exec.executeNow;
    if (!now || this.#bound) return false;
    now.call(exec, this.succeeded(statementsDone));
    return true;
  }

  /** The statement `succeed` runs, for a caller that sends it with the commit instead. */
  succeeded(statementsDone: number): string {
    const step = this.#step;
    // Offline: the row every step writes, from its own values (no row object per step).
    if (this.#started === "now" && !this.#opened && step.resumedFrom == null) {
      const done = this.#rows.insertDone;
      if (done) return done(step.revision, step.direction, step.checksum, statementsDone);
    }
    const row = this.#row(true, true, statementsDone);
    return this.#opened ? this.#rows.finish(row) : this.#rows.insert(row);
  }

  /**
   * After the failed step was rolled back (or not): the failure in its own short
   * transaction, since the step's own writes are gone. Never throws: the step's error wins.
   * `kept` is the checksum of the statements done, where they may have stayed applied.
   */
  async fail(
    error: unknown,
    statementsDone: number,
    inTransaction: boolean,
    kept: string | null = null,
  ): Promise<void> {
    if (this.#exec.offline) return;
    const row: LogStepValues = {
      ...this.#row(true, false, statementsDone),
      statementsChecksum: kept,
      errorCode: errorCodeOf(error),
      errorMessage: errorMessageOf(error, this.#run.mask ?? ((t) => t)),
    };
    const exec = this.#exec;
    try {
      if (inTransaction) await exec.begin();
      // The opened row may have been rolled back with the step's transaction.
      const changed = this.#opened ? await exec.execute(this.#rows.finish(row)) : 0;
      // Rolled back with the opened row (no DDL committed it): none of the statements stayed.
      // A resumed step keeps what the earlier run had applied.
      if (changed === 0) {
        const { resumedFrom, resumedChecksum } = this.#step;
        const stayed = resumedChecksum
          ? { statementsDone: resumedFrom ?? 0, statementsChecksum: resumedChecksum }
          : { statementsChecksum: null };
        await exec.execute(this.#rows.insert({ ...row, ...stayed }));
      }
      if (inTransaction) await exec.commit();
    } catch {
      if (inTransaction) await exec.rollback().catch(() => undefined);
    }
  }
}
