/** Rows come back as plain objects keyed by column name. */
export type Row = Record<string, unknown>;

/**
 * One database session. Parameters use the driver's own placeholder style (`?` for
 * SQLite and MySQL, `$1` for PostgreSQL); the dialect's `placeholder` says which.
 */
export interface Connection {
  /** Runs one statement and returns how many rows it changed (0 when unknown). */
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /**
   * Optional: commits and opens the next transaction in one round trip, where a server
   * session needs one per statement otherwise. When the commit fails, no transaction is
   * opened by it; when it succeeds, one is open after (even if this call then throws).
   * `before`, when given, is more of the committing transaction (one statement or several
   * joined by `; `), sent first in the same round trip (the step's version change and
   * applied-log row); when it fails, nothing is committed.
   */
  commitAndBegin?(before?: string): Promise<void>;
  /**
   * Optional: `commitAndBegin(before)` (`before` one statement or none), then `after` (one
   * statement) inside the new
   * transaction, all in one round trip: the applied-log row of the next step, where DDL
   * commits implicitly. Resolves false when only `after` failed: the commit and the new
   * transaction stand, `after` had no effect, and the caller may send it again.
   */
  commitAndBeginThen?(before: string | undefined, after: string): Promise<boolean>;
  /** Gives the session back to its source (pool) or closes it. */
  release(): Promise<void>;
  /**
   * Optional: stops the statement this session is running, if any, so an interrupted run
   * (Ctrl-C) can roll back at once instead of after a long statement. The transaction stays
   * open for the caller's rollback.
   */
  cancel?(): Promise<void>;
}

/** Where connections come from: a pool, or a single connection for embedded databases. */
export interface ConnectionSource {
  acquire(): Promise<Connection>;
  /** Closes every connection; called at the end of every command, success or failure. */
  close(): Promise<void>;
}

/** Anything that answers queries: a connection, or a run's executor. */
export interface Queryable {
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<R[]>;
}
