import type { Connection, Row } from "../connection/connection.js";
import type { Dialect, Executor } from "../dialect/dialect.js";
import { MigError } from "../errors/mig-error.js";
import type { SqlLog } from "./sql-log.js";

/** The statements one step ran, for its failure report. */
export interface StatementRecord {
  readonly statements: readonly string[];
  /** Each statement's parameters (for the resume checksum), in the same order. */
  readonly params: readonly (readonly unknown[] | undefined)[];
  /** The statement that threw, if the failure came from the database. */
  readonly failed: string | undefined;
}

/** What the runner needs of an executor beyond running SQL. */
export interface RunExecutor extends Executor {
  /**
   * Starts a fresh record of statements (one per step); the returned one fills as they run.
   * `skip`: statements up to that count are recorded but not sent (`up --resume`); reads still run.
   */
  startRecord(skip?: number): StatementRecord;
  /** After an interruption: nothing more may run. */
  stop(): Promise<void>;
}

export class OnlineExecutor implements RunExecutor {
  readonly offline = false;
  readonly dialect: Dialect;
  readonly connection: Connection;

  /** COMMIT and the next BEGIN in one round trip, when the connection can. */
  readonly commitAndBegin: ((before?: string) => Promise<void>) | undefined;
  /** The same, then one statement in the new transaction (Connection.commitAndBeginThen). */
  readonly commitAndBeginThen:
    | ((before: string | undefined, after: string) => Promise<boolean>)
    | undefined;

  readonly #log: SqlLog | undefined;
  #record = newRecord();
  #skipUntil = 0;

  /** `log` receives every statement with its time (`logSql`); none by default. */
  constructor(dialect: Dialect, connection: Connection, log?: SqlLog) {
    this.dialect = dialect;
    this.connection = connection;
    this.#log = log;
    const both = connection.commitAndBegin;
    this.commitAndBegin = both
      ? (before?: string) =>
          log
            ? this.#timed(
                before === undefined ? "COMMIT; BEGIN" : `${before}; COMMIT; BEGIN`,
                undefined,
                () => both.call(connection, before),
              )
            : both.call(connection, before)
      : undefined;
    const then = connection.commitAndBeginThen;
    this.commitAndBeginThen = then
      ? (before: string | undefined, after: string) =>
          log
            ? this.#timed(
                `${before === undefined ? "" : `${before}; `}COMMIT; BEGIN; ${after}`,
                undefined,
                () => then.call(connection, before, after),
              )
            : then.call(connection, before, after)
      : undefined;
  }

  /** Statements run since the last `startRecord()`, for failure reports. */
  get statements(): readonly string[] {
    return this.#record.statements;
  }

  /** The statement that threw, if the last failure came from the database. */
  get failedStatement(): string | undefined {
    return this.#record.failed;
  }

  startRecord(skip = 0): StatementRecord {
    this.#record = newRecord();
    this.#skipUntil = skip;
    return this.#record;
  }

  #stopped = false;

  /** After an interruption: the running statement is cancelled where the driver can, later ones refused. */
  async stop(): Promise<void> {
    this.#stopped = true;
    await this.connection.cancel?.().catch(() => undefined);
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    this.#refuseStopped();
    const record = this.#record;
    // `up --resume`: an earlier run applied these; they count, but are not sent again.
    const skipped = record.statements.length < this.#skipUntil;
    record.statements.push(sql);
    record.params.push(params);
    if (skipped) return 0;
    try {
      // Without a log, no closure per statement: a trivial migration runs thousands.
      return this.#log
        ? await this.#timed(sql, params, () => this.connection.execute(sql, params))
        : await this.connection.execute(sql, params);
    } catch (error) {
      record.failed = sql;
      throw error;
    }
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    this.#refuseStopped();
    const record = this.#record;
    record.statements.push(sql);
    record.params.push(params);
    try {
      return this.#log
        ? await this.#timed(sql, params, () => this.connection.query<R>(sql, params))
        : await this.connection.query<R>(sql, params);
    } catch (error) {
      record.failed = sql;
      throw error;
    }
  }

  // Logged by name: the connection may begin differently from the offline `beginSql`.
  begin(): Promise<void> {
    if (!this.#log) return this.connection.begin();
    return this.#timed("BEGIN", undefined, () => this.connection.begin());
  }

  commit(): Promise<void> {
    if (!this.#log) return this.connection.commit();
    return this.#timed("COMMIT", undefined, () => this.connection.commit());
  }

  rollback(): Promise<void> {
    if (!this.#log) return this.connection.rollback();
    return this.#timed("ROLLBACK", undefined, () => this.connection.rollback());
  }

  async #timed<T>(sql: string, params: readonly unknown[] | undefined, run: () => Promise<T>) {
    const log = this.#log!;
    const start = performance.now();
    try {
      const result = await run();
      log({ sql, params, ms: performance.now() - start, failed: false });
      return result;
    } catch (error) {
      log({ sql, params, ms: performance.now() - start, failed: true });
      throw error;
    }
  }

  comment(): void {}

  #refuseStopped(): void {
    if (this.#stopped) throw new MigError("interrupted", "The run was interrupted.");
  }
}

function newRecord() {
  return {
    statements: [] as string[],
    params: [] as (readonly unknown[] | undefined)[],
    failed: undefined as string | undefined,
  };
}
