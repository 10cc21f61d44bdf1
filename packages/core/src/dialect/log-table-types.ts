import type { QualifiedName } from "../connection/qualified-name.js";

// The applied log's SQL as a dialect provides it: the row values, the statements and the
// column types a dialect spells its own way (log-table-sql.ts renders them).

/** A time in a log row: a JS time, the database's own clock (offline output), or none. */
export type LogTime = Date | "now" | null;

/** One row of the applied log, as the runner writes it. */
export interface LogRowValues {
  readonly revision: string;
  readonly direction: "up" | "down" | "stamp";
  readonly checksum: string | null;
  readonly startedAt: LogTime;
  readonly finishedAt: LogTime;
  readonly durationMs: number | null;
  readonly success: boolean;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly statementsDone: number | null;
  /** SHA-256 of statements 1..statementsDone where they stayed applied after a failure (resume). */
  readonly statementsChecksum: string | null;
  /** On a row of `up --resume`: how many statements an earlier failed run had applied. */
  readonly resumedFrom: number | null;
  /**
   * `finish` only: the `started_at` the unfinished row was inserted with, when the step
   * started later (its row was sent ahead, with the previous commit); `finish` then matches
   * this and sets `started_at` to `startedAt`. Undefined: the row was inserted with `startedAt`.
   */
  readonly openedAt?: LogTime | undefined;
  readonly migVersion: string;
  readonly tag: string | null;
  readonly host: string;
}

/**
 * Applied-log statements as SQL text, values rendered as literals (so they work offline),
 * as `VersionTableSql` is. `db_user` is filled by the database itself (`currentUser`).
 */
export interface LogTableSql {
  create(table: QualifiedName): string;
  /** The row, naming only the columns it fills (the rest are NULL); `db_user` from the database. */
  insert(table: QualifiedName, row: LogRowValues): string;
  /**
   * Finishes the unfinished row of the same revision, direction and start (written by
   * `insert` before a step that cannot roll back): end, duration, result, statements done.
   * Only the newest such row, found from the end of the key so the log is not scanned.
   */
  finish(table: QualifiedName, row: LogRowValues): string;
  /** Every row, newest first, at most `limit` when given. */
  select(table: QualifiedName, limit?: number): string;
  /**
   * The successful up, down and stamp rows, newest first, only what the checksum comparison
   * needs (`revision`, `direction`, `checksum`, `started_at`): every `mig up` reads them.
   */
  selectApplied(table: QualifiedName): string;
  /**
   * Every row of each revision that has a failed row with `statements_checksum` (a step
   * half applied where DDL commits implicitly) or an unfinished row (a run that stopped
   * during a step that cannot roll back), newest first: usually none.
   */
  selectHalfApplied(table: QualifiedName): string;
  /** An SQL expression for the session's database user (NULL where there is none). */
  currentUser(): string;
  /**
   * Optional: `insert` and `finish` for the rows of one run, what they share rendered once
   * (a run writes thousands of rows); the same text. A dialect that overrides `insert` or
   * `finish` must override this too, or leave it out.
   */
  forRun?(table: QualifiedName, run: LogRunValues): LogRowStatements;
}

/** What every row of one run shares. */
export type LogRunValues = Pick<LogRowValues, "migVersion" | "tag" | "host">;

/** A row's own values. */
export type LogStepValues = Omit<LogRowValues, keyof LogRunValues>;

/** `LogTableSql.insert` and `finish` for one table and run. */
export interface LogRowStatements {
  insert(row: LogStepValues): string;
  finish(row: LogStepValues): string;
  /**
   * Optional: `insert` of a successful step's row (no error, no statements checksum) with
   * its own values as parameters, for a connection that reuses prepared statements. Online
   * only: a time must be a Date.
   */
  readonly insertBound?: BoundRow | undefined;
  /**
   * Optional: `insert` of a successful row that started and finished at the database's
   * clock (`"now"`: an offline step) and resumed nothing, from its own values only: what
   * such rows share rendered once (an offline run writes one per step). The same text.
   */
  insertDone?(
    revision: string,
    direction: LogStepValues["direction"],
    checksum: string | null,
    statementsDone: number,
  ): string;
}

/** One statement text for every row, and each row's values in its placeholders' order. */
export interface BoundRow {
  readonly sql: string;
  params(row: LogStepValues): unknown[];
}

/** The column types a dialect spells differently; the rest of the log's SQL is shared. */
export interface LogColumnTypes {
  /** The whole `id` column definition: an auto-increment integer primary key. */
  readonly id: string;
  readonly timestamp: string;
  readonly boolean: string;
  readonly text: string;
  /** The database's current time as an SQL expression, for offline rows. */
  readonly now: string;
  /**
   * How `finish` finds the newest unfinished row without reading the whole log (a full scan
   * per step grows with the log): `"subquery"` (default), `id = (SELECT id ... ORDER BY id
   * DESC LIMIT 1)`; `"limit"`, `UPDATE ... ORDER BY id DESC LIMIT 1`, where the database
   * refuses a subquery on the table it updates (MySQL).
   */
  readonly finishNewest?: "subquery" | "limit" | undefined;
}
