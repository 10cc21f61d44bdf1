import type { Connection } from "../connection/connection.js";
import type { QualifiedName } from "../connection/qualified-name.js";
import type { BoundRow, LogRowStatements, LogTableSql } from "../dialect/log-table-sql.js";
import { migVersion } from "../script/mig-version.js";
import { nodeBuiltin } from "../script/node-builtin.js";
import type { RunExecutor } from "./executor.js";

import { type AppliedEntry, appliedEntryOf, type LogEntry, logEntryOf } from "./log-row.js";
import { type LogRunInfo, type LogStep, StepLog } from "./step-log.js";
import { tableCreateError } from "./table-create-error.js";

let hostName: string | undefined;
const host = () => {
  hostName ??= nodeBuiltin<typeof import("node:os")>("node:os").hostname();
  return hostName;
};

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
