import type { Connection, ConnectionSource, Queryable } from "../connection/connection.js";
import type { DatabaseUrl } from "../connection/database-url.js";
import type { PoolOptions } from "../connection/pool-options.js";
import type { QualifiedName } from "../connection/qualified-name.js";
import type { SqlExecutor } from "../connection/sql-executor.js";
import type { ColumnType } from "../operations/column-type.js";
import type { Operation, Statement } from "../operations/operation.js";
import type { OperationRunContext } from "../operations/operation-context.js";
import type { TableDefinition } from "../operations/table-definition.js";
import type { IntrospectOptions, SchemaSnapshot } from "../schema/schema-snapshot.js";
import type { DdlCompiler } from "./ddl-compiler.js";
import type { DialectCapabilities } from "./dialect-capabilities.js";
import type { LogTableSql } from "./log-table-sql.js";

/**
 * Where a run's SQL goes: a live connection, or text for `--sql` (runtime's OnlineExecutor
 * and OfflineExecutor). The runner and `op` speak only to this, so online and offline runs
 * share every line of logic.
 */
export interface Executor extends SqlExecutor {
  readonly dialect: Dialect;
}

/** What `Dialect.runOperation` gets besides the operation. */
export interface OperationContext extends OperationRunContext {
  readonly executor: Executor;
}

export interface ConnectOptions {
  readonly pool?: PoolOptions;
  /** The directory relative file paths in the URL resolve against (the config's). */
  readonly cwd?: string;
  /**
   * false for a command that only reads or only moves down (`current`, `status`, `log`,
   * `history -i`, `pull`, `down`): a database the URL names that does not exist yet must
   * not be created (only `up` and `stamp` create one). SQLite reads a missing file as an
   * empty database, in memory; a dialect may instead fail saying it is not there. Dialects
   * whose connections never create a database (a server's) ignore it.
   */
  readonly create?: boolean;
}

export interface LockOptions {
  /** The version table: the lock is per table, so separate migration sets do not block. */
  readonly table: QualifiedName;
}

/**
 * A migration lock that is held. Whatever the lock needs (a key, a side session, a lock
 * file) lives here, not on the connection; `release()` frees it and is safe to call twice.
 * A lock another run took over meanwhile (a stale-lock rule) rejects with a MigError coded
 * `lock_lost`: the run then fails with it; other release errors are ignored.
 */
export interface LockHandle {
  release(): Promise<void>;
}

/**
 * Another run holds the lock. `holder` names it where the database can tell (a session or
 * connection id, a lock file), else it is empty; core puts it in the wait notice and the
 * timeout error.
 */
export interface LockBusy {
  readonly holder: string;
}

/**
 * Version-table statements as SQL text (values rendered as literals, so they work offline),
 * each one statement with no blanks around it and no terminating `;`: offline output writes
 * them as they are.
 */
export interface VersionTableSql {
  create(table: QualifiedName): string;
  select(table: QualifiedName): string;
  insert(table: QualifiedName, revision: string): string;
  delete(table: QualifiedName, revision: string): string;
  update(table: QualifiedName, from: string, to: string): string;
  /**
   * Optional: `update` with placeholders, bound to `[to, from]`, for a connection that
   * reuses prepared statements (`capabilities.reusesPreparedStatements`).
   */
  updateBound?(table: QualifiedName): string;
  /**
   * Optional: `sql` (an UPDATE or DELETE of one version row) as one statement that fails in
   * the database unless it changed exactly one row, its error message `failure` followed by
   * the number it changed and a full stop. With it, a step's version change rides with its
   * COMMIT (one round trip fewer per step) and a mismatch still commits nothing.
   */
  expectOneRow?(sql: string, failure: string): string;
}

/**
 * What a dialect package provides. Extend `DialectBase` rather than implementing this
 * from scratch: it keeps a third-party dialect compiling when a member is added.
 */
export interface Dialect {
  readonly name: string;
  /** URL schemes this dialect claims, without the colon: `["postgres", "postgresql"]`. */
  readonly schemes: readonly string[];
  readonly capabilities: DialectCapabilities;
  /** `?` or `$n`: how `execute(sql, params)` marks parameters. */
  readonly placeholder: "?" | "$n";

  connect(url: DatabaseUrl, options: ConnectOptions): Promise<ConnectionSource>;

  /**
   * What the URL's text does not make plain about where it points, shown beside "Using
   * <url>" (SQLite: `sqlite://` is a private in-memory database, gone when the run ends);
   * undefined when there is nothing to say. `cwd` and `create` as `connect` gets them
   * (`create` false: the command creates no database, see ConnectOptions).
   */
  urlNote?(url: DatabaseUrl, cwd: string, create?: boolean): string | undefined;

  /**
   * One attempt at the migration lock for the run's connection, without waiting: a handle
   * when it got the lock, else who holds it. Core's `acquireLock` owns the wait (backoff,
   * deadline, the notice and the timeout error) and calls this again until it succeeds.
   */
  tryAcquireLock(connection: Connection, options: LockOptions): Promise<LockHandle | LockBusy>;

  quoteIdentifier(name: string): string;
  qualify(name: QualifiedName): string;
  /** A value as a SQL literal, for offline output. */
  literal(value: unknown): string;
  /**
   * Puts parameter values into a statement as literals, for offline output. Optional: the
   * default understands `?`/`$n` and standard SQL quoting; override for other lexical rules
   * (MySQL's backslash escapes, say).
   */
  inlineParams?(sql: string, params: readonly unknown[]): string;

  /**
   * Schema-per-tenant (a fleet target's `schema`): creates `schema` when missing and makes it
   * the only one the connection's unqualified names resolve to; the returned function puts
   * the connection back as it was. `DialectBase` refuses (a database without schemas).
   */
  useSchema(connection: Connection, schema: string): Promise<() => Promise<void>>;

  readonly versionTable: VersionTableSql;
  /**
   * The tables the migration lock keeps beside `versionTable`. They are mig's own, like the
   * version table: check, autogenerate, pull and baseline leave them out. Optional: without
   * it, `<version table>_lock`; `DialectBase` adds the name `customLockTable()` returns.
   */
  lockTables?(versionTable: QualifiedName): readonly QualifiedName[];
  /** The applied log's statements (docs/applied-log.md); `DialectBase` builds them. */
  readonly logTable: LogTableSql;
  hasTable(connection: Connection, table: QualifiedName): Promise<boolean>;

  /** Compiles `op` calls to this dialect's SQL. */
  readonly ddl: DdlCompiler;
  /**
   * Runs one operation through the run's executor. The default compiles and executes it;
   * a dialect overrides it for operations that must read the database first (SQLite's
   * batch copy, MySQL's lookup of a column's current type).
   */
  runOperation(operation: Operation, context: OperationContext): Promise<void>;
  /**
   * Optional, for `--sql` runs: the statements `operation` renders as, made without awaiting
   * anything, or undefined where only `runOperation` can say. With it, an offline `op` call
   * is written in the script's own turn instead of a later one. It must render exactly what
   * `runOperation` would execute offline.
   */
  offlineStatements?(
    operation: Operation,
    context: OperationContext,
  ): readonly Statement[] | undefined;
  /**
   * Optional: `table`, which the migration created and whose CREATE TABLE has not run yet,
   * with `operation` folded in; undefined to run the operation on its own. When defined, a
   * migration's `createTable` waits for the operations after it (see PendingCreates).
   */
  foldIntoCreate?(table: TableDefinition, operation: Operation): TableDefinition | undefined;
  /** Reads tables, columns, constraints and indexes (for tests, batch and autogenerate). */
  introspect(db: Queryable, options?: IntrospectOptions): Promise<SchemaSnapshot>;
  /**
   * For autogenerate: creates `tables` (and the enum types they use) where no one else
   * sees them and nothing is left behind (a rolled-back transaction, an in-memory
   * database, a scratch database dropped after), and reads them back with `introspect`,
   * so the declared schema is spelled as the server spells the live one. The result names
   * the declared schemas, never the scratch area's. A dialect without it cannot
   * autogenerate; `mig check` says so.
   */
  snapshotDeclared?(
    connection: Connection,
    tables: readonly TableDefinition[],
  ): Promise<SchemaSnapshot>;
  /**
   * For `mig pull`: a catalog type (`character varying(255)`) in the portable vocabulary
   * (`t.varchar(255)`), when that spelling creates exactly this type again; undefined
   * keeps the catalog's spelling (`t.raw`).
   */
  readType?(type: string): ColumnType | undefined;
  /**
   * A fix for the error a migration's statement raised, where the dialect can name a better
   * one than "fix the script": a statement that cannot run inside a transaction is the
   * script's `transactional = false` (OUTSIDE_TRANSACTION_FIX). Undefined: the general advice.
   */
  fixFor?(error: unknown): string | undefined;

  /** Statements that open and close a transaction in offline output. */
  readonly beginSql: string;
  readonly commitSql: string;
  /**
   * Offline output: a setting a transaction needs that cannot change inside one, `before`
   * written ahead of a `beginSql` and `after` (its undo) behind a `commitSql`. Where a
   * COMMIT is followed at once by the next BEGIN, the pair between them is left out, so a
   * run of transactions is framed once. SQLite turns foreign keys off around them.
   */
  readonly offlineTransactionFrame?: OfflineTransactionFrame | undefined;
}

/** See `Dialect.offlineTransactionFrame`. */
export interface OfflineTransactionFrame {
  readonly before: string;
  readonly after: string;
}
