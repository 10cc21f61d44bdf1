import type { ReferentialAction } from "../operations/table-definition.js";

export interface DialectCapabilities {
  /** DDL can be rolled back, so a migration and its version update commit together. */
  readonly transactionalDDL: boolean;
  /** Tables can live in a named schema (`versionTableSchema`). */
  readonly supportsSchemas: boolean;
  /** How ALTER COLUMN and similar changes are done: natively, or by copying the table. */
  readonly alterColumn: "native" | "batch";
  /** Several sessions at once (a pool); false for embedded, single-connection databases. */
  readonly multipleConnections: boolean;
  /** Table and column comments are stored; where false, comment operations do nothing. */
  readonly comments: boolean;
  /** `createIndex(..., { where })` works. */
  readonly partialIndexes: boolean;
  /** `createIndex(..., [sql("lower(email)")])` works. */
  readonly expressionIndexes: boolean;
  /**
   * What a foreign key does on delete/update when it names no action: `no action` in
   * standard SQL, `restrict` on MySQL. `mig pull` writes out any other action.
   */
  readonly defaultReferentialAction?: ReferentialAction | undefined;
  /**
   * The connection keeps each statement it ran with parameters prepared, so the same text
   * is parsed once: the runner then binds each step's version-table and log values instead
   * of writing them into the SQL (SQLite; a network driver would gain nothing).
   */
  readonly reusesPreparedStatements?: boolean | undefined;
  /**
   * `op.createSchema` and `op.dropSchema` work (PostgreSQL): autogenerate creates the schema a
   * new table needs when the database has nothing in it.
   */
  readonly createsSchemas?: boolean | undefined;
  /**
   * Table, column and index names one letter case apart are one name (SQLite): autogenerate
   * compares a declared `Post` with a live `post` as the same table, keeping the database's
   * spelling, with a warning, instead of adding one table and dropping the other.
   */
  readonly namesIgnoreCase?: boolean | undefined;
}

export const DEFAULT_CAPABILITIES: DialectCapabilities = {
  transactionalDDL: false,
  supportsSchemas: false,
  alterColumn: "native",
  multipleConnections: true,
  comments: true,
  partialIndexes: false,
  expressionIndexes: false,
  reusesPreparedStatements: false,
  namesIgnoreCase: false,
};
