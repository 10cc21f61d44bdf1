import type { Row } from "./connection.js";

/**
 * Where a run's SQL goes, without the dialect: what operations and DDL compilers need,
 * so they can sit below dialect/. dialect.ts's `Executor` adds the dialect.
 */
export interface SqlExecutor {
  readonly offline: boolean;
  execute(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Offline: writes the statement in the caller's turn, throwing what `execute` would reject with. */
  executeNow?(sql: string, params?: readonly unknown[]): void;
  /**
   * Offline: `executeNow` for a statement mig built itself (the version table's, the applied
   * log's: no blanks around it, no `;`), written as it is: trimming would copy each one.
   */
  executeOwnNow?(sql: string): void;
  /** Offline: whether what is written now is inside a transaction the output opened. */
  readonly inTransaction?: boolean;
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
  /** A comment line in offline output (`-- Running upgrade a -> b`); nothing online. */
  comment(text: string): void;
}
