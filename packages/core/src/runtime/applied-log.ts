import type { Connection } from "../connection/connection.js";
import type { QualifiedName } from "../connection/qualified-name.js";
import type {
  BoundRow,
  LogRowStatements,
  LogStepValues,
  LogTableSql,
  LogTime,
} from "../dialect/log-table-sql.js";
import { migVersion } from "../script/mig-version.js";
import { nodeBuiltin } from "../script/node-builtin.js";
import type { RunExecutor } from "./executor.js";
import {
  type AppliedEntry,
  appliedEntryOf,
  errorCodeOf,
  errorMessageOf,
  type LogEntry,
  logEntryOf,
} from "./log-row.js";
import { tableCreateError } from "./table-create-error.js";

let hostName: string | undefined;
const host = () => {
  hostName ??= nodeBuiltin<typeof import("node:os")>("node:os").hostname();
  return hostName;
};

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

/**
 * The applied log (docs/applied-log.md) through a run's executor: one row per step.
 * Where the step rolls back, its row is written in the step's transaction (and a failure
 * row after the rollback); elsewhere a row is opened before the step and finished after,
 * so a half-applied step stays visible.
 */
export class AppliedLog {
  readonly table: QualifiedName;
  readonly #exec: RunExecutor;
  readonly #run: LogRunInfo;
  #statements: LogTableSql | undefined;
  /** Known to exist (created or checked this run): no catalog query to read it. */
  #known = false;

  constructor(exec: RunExecutor, table: QualifiedName, run: LogRunInfo = {}) {
    this.#exec = exec;
    this.table = table;
    this.#run = run;
  }

  get #sql(): LogTableSql {
    this.#statements ??= this.#exec.dialect.logTable;
    return this.#statements;
  }

  #rowStatements: LogRowStatements | undefined;

  /** The run's insert and finish, what every row shares rendered once. */
  get #rows(): LogRowStatements {
    if (this.#rowStatements) return this.#rowStatements;
    const sql = this.#sql;
    const table = this.table;
    const run = { migVersion: migVersion(), tag: this.#run.tag ?? null, host: host() };
    this.#rowStatements = sql.forRun?.(table, run) ?? {
      insert: (row) => sql.insert(table, { ...row, ...run }),
      finish: (row) => sql.finish(table, { ...row, ...run }),
    };
    return this.#rowStatements;
  }

  async exists(): Promise<boolean> {
    if (this.#exec.offline) return false;
    const online = this.#exec as RunExecutor & { connection: Connection };
    return this.#exec.dialect.hasTable(online.connection, this.table);
  }

  async create(): Promise<void> {
    try {
      await this.#exec.execute(this.#sql.create(this.table));
    } catch (error) {
      throw tableCreateError(error, "the applied log", this.#exec.dialect.qualify(this.table));
    }
    this.#known = true;
  }

  /** Creates the table when an older database has none (online). */
  async ensure(): Promise<void> {
    if (this.#exec.offline) return;
    if (!(await this.exists())) await this.create();
    this.#known = true;
  }

  /** The rows, newest first (none when the table does not exist). */
  async read(limit?: number): Promise<LogEntry[]> {
    if (this.#exec.offline) return [];
    if (!this.#known && !(await this.exists())) return [];
    const rows = await this.#exec.query(this.#sql.select(this.table, limit));
    return rows.map(logEntryOf);
  }

  /** The successful up and down rows, newest first, for the checksum comparison. */
  async readApplied(): Promise<AppliedEntry[]> {
    if (this.#exec.offline) return [];
    if (!this.#known && !(await this.exists())) return [];
    const rows = await this.#exec.query(this.#sql.selectApplied(this.table));
    return rows.map(appliedEntryOf);
  }

  /**
   * The rows of revisions with a half-applied failure or an unfinished step
   * (selectHalfApplied), newest first.
   */
  async readHalfApplied(): Promise<LogEntry[]> {
    if (this.#exec.offline) return [];
    if (!this.#known && !(await this.exists())) return [];
    const rows = await this.#exec.query(this.#sql.selectHalfApplied(this.table));
    return rows.map((row) => logEntryOf({ ...row, mig_version: "", host: "" }));
  }

  /** Starts the record of one step; the clock runs from here. */
  step(step: LogStep): StepLog {
    return new StepLog(this.#exec, this.#rows, step, this.#run, this.#insertBound);
  }

  /** Where the connection reuses prepared statements, one insert text for every successful row. */
  get #insertBound(): BoundRow | undefined {
    const { dialect, offline } = this.#exec;
    if (offline || dialect.capabilities.reusesPreparedStatements !== true) return undefined;
    return this.#rows.insertBound;
  }
}

/** One step's row, from its start to its result. */
export class StepLog {
  readonly #exec: RunExecutor;
  readonly #rows: LogRowStatements;
  readonly #step: LogStep;
  readonly #run: LogRunInfo;
  #started: LogTime;
  #clock = performance.now();
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
    // Offline SQL runs later, elsewhere: the database's clock says when.
    this.#started = exec.offline ? "now" : new Date();
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
    if (!exec.executeNow || this.#bound) return false;
    exec.executeNow(this.succeeded(statementsDone));
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
