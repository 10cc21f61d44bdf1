import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { ColumnType, Operation, Statement, TableDefinition } from "@mig/core";
import {
  type Connection,
  type ConnectOptions,
  type DatabaseUrl,
  DEFAULT_CAPABILITIES,
  DialectBase,
  type DialectCapabilities,
  type IntrospectOptions,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  type LogColumnTypes,
  type OperationContext,
  OUTSIDE_TRANSACTION_FIX,
  type QualifiedName,
  type Queryable,
  type SchemaSnapshot,
} from "@mig/core/dialect";
import { runSqliteOperation, sqliteOfflineStatements } from "./sqlite-batch.js";
import { SqliteDdlCompiler } from "./sqlite-ddl-compiler.js";
import { SqliteConnectionSource } from "./sqlite-driver.js";
import { foldIntoCreate } from "./sqlite-fold.js";
import { introspect } from "./sqlite-introspector.js";
import { FileLock, lockFilePath } from "./sqlite-lock.js";
import { readType } from "./sqlite-read-type.js";
import { snapshotDeclared } from "./sqlite-snapshot-declared.js";
import { MEMORY, parseSqliteUrl } from "./sqlite-url.js";

export interface SqliteDialectOptions {
  /**
   * `PRAGMA foreign_keys` for the connection. Default false, as in SQLite itself and
   * SQLAlchemy (better-sqlite3 alone would turn it on). The URL's `?foreign_keys=` wins.
   */
  readonly foreignKeys?: boolean;
  /** Seconds a statement waits on a database another process has locked. Default 5; `?timeout=` wins. */
  readonly timeout?: number;
}

export const SQLITE_CAPABILITIES: DialectCapabilities = {
  ...DEFAULT_CAPABILITIES,
  transactionalDDL: true,
  supportsSchemas: false,
  alterColumn: "batch",
  multipleConnections: false,
  // SQLite keeps no comments: comment operations do nothing here.
  comments: false,
  partialIndexes: true,
  expressionIndexes: true,
  // The connection keeps statements with parameters prepared (sqlite-driver.ts).
  reusesPreparedStatements: true,
  // `Post` and `post` are one table, `Title` and `title` one column.
  namesIgnoreCase: true,
};

const DEFAULT_TIMEOUT_MS = 5000;

export class SqliteDialect extends DialectBase<SqliteDdlCompiler> {
  readonly name = "sqlite";
  readonly schemes: readonly string[] = ["sqlite", "file"];
  override readonly capabilities = SQLITE_CAPABILITIES;
  override readonly placeholder = "?" as const;
  // Offline SQL may copy tables; a session that enforces foreign keys would fire ON DELETE
  // actions when the old table is dropped, and the pragma cannot change inside BEGIN.
  // After the last COMMIT of a run of transactions enforcement is back on (a script cannot
  // remember the session's setting).
  override readonly offlineTransactionFrame = {
    before: "PRAGMA foreign_keys = OFF",
    after: "PRAGMA foreign_keys = ON",
  };
  readonly #options: SqliteDialectOptions;

  constructor(options: SqliteDialectOptions = {}) {
    super();
    this.#options = options;
  }

  protected override createDdlCompiler(): SqliteDdlCompiler {
    return new SqliteDdlCompiler(this);
  }

  /** Natively when ALTER TABLE can; otherwise by copying the table (see sqlite-batch.ts). */
  override runOperation(operation: Operation, context: OperationContext): Promise<void> {
    return runSqliteOperation(this, operation, context);
  }

  /** `--sql`: an operation's statements without awaiting (all but a batch). */
  offlineStatements(
    operation: Operation,
    context: OperationContext,
  ): readonly Statement[] | undefined {
    return sqliteOfflineStatements(this, operation, context);
  }

  /** A constraint on a table the migration is creating joins its CREATE TABLE: no copy. */
  foldIntoCreate(table: TableDefinition, operation: Operation): TableDefinition | undefined {
    return foldIntoCreate(table, operation);
  }

  override introspect(db: Queryable, options?: IntrospectOptions): Promise<SchemaSnapshot> {
    return introspect(db, options);
  }

  /**
   * The declared tables created in a private in-memory database and read back, so they
   * compare with the live schema in SQLite's own spelling. The connection is not used.
   */
  snapshotDeclared(
    _connection: Connection,
    tables: readonly TableDefinition[],
  ): Promise<SchemaSnapshot> {
    return snapshotDeclared(this.ddl, tables);
  }

  /** `varchar(255)` -> `t.varchar(255)` when that writes the same type again, for `mig pull`. */
  readType(type: string): ColumnType | undefined {
    return readType(this.ddl, type);
  }

  /** `VACUUM`, a journal-mode change...: "cannot ... within a transaction": `transactional = false`. */
  fixFor(error: unknown): string | undefined {
    const message = error instanceof Error ? error.message : "";
    return /\b(within|inside) a transaction\b/i.test(message) ? OUTSIDE_TRANSACTION_FIX : undefined;
  }

  /**
   * `sqlite://` and `sqlite::memory:` are private to the run's connection; a file that is not
   * there is read as empty by a command that creates none (`connect`).
   */
  urlNote(url: DatabaseUrl, cwd: string, create = true): string | undefined {
    const { file, settings } = parseSqliteUrl(url, cwd);
    if (file === MEMORY) return "in memory: nothing is kept after this run";
    return standsIn(file, settings.mode, create)
      ? `no file at ${file} yet: read as an empty database, none created`
      : undefined;
  }

  async connect(url: DatabaseUrl, options: ConnectOptions = {}): Promise<SqliteConnectionSource> {
    const { file, settings } = parseSqliteUrl(url, options.cwd ?? process.cwd());
    const timeout = this.#options.timeout;
    return new SqliteConnectionSource({
      // A command that only reads or moves down reads a missing file as the empty database
      // it would be, in memory, so a typo in the path leaves no file behind.
      file: standsIn(file, settings.mode, options.create !== false) ? MEMORY : file,
      timeoutMs:
        settings.timeoutMs ??
        (timeout === undefined ? DEFAULT_TIMEOUT_MS : Math.round(timeout * 1000)),
      foreignKeys: settings.foreignKeys ?? this.#options.foreignKeys ?? false,
      mode: settings.mode ?? "rwc",
    });
  }

  async hasTable(connection: Connection, table: QualifiedName): Promise<boolean> {
    const master = table.schema
      ? `${this.quoteIdentifier(table.schema)}.sqlite_master`
      : "sqlite_master";
    // SQLite identifiers ignore ASCII case: "MIG_VERSION" and mig_version are one table.
    const rows = await connection.query(
      `SELECT 1 AS found FROM ${master} WHERE type = 'table' AND name = ? COLLATE NOCASE`,
      [table.name],
    );
    return rows.length > 0;
  }

  /**
   * One try at an exclusive lock on `<database>.<table>.mig-lock`, held by the returned
   * handle. An in-memory database is private to its connection and needs none.
   */
  override async tryAcquireLock(
    connection: Connection,
    options: LockOptions,
  ): Promise<LockHandle | LockBusy> {
    const file = await databaseFile(connection);
    if (file === undefined) return { release: async () => {} };
    return FileLock.try(lockFilePath(file, options.table));
  }

  /** Booleans as 1/0, as they are bound online, so offline output matches. */
  override literal(value: unknown): string {
    if (typeof value === "boolean") return value ? "1" : "0";
    return super.literal(value);
  }

  // ISO text sorts and reads back as written; SQLite has no database users.
  // The id is the rowid without AUTOINCREMENT: each row still gets max(id) + 1, so ORDER BY
  // id stays the order of writing (mig never deletes log rows), and a commit no longer
  // journals and syncs the sqlite_sequence page. Tables made with AUTOINCREMENT keep working.
  protected override logColumnTypes(): LogColumnTypes {
    return {
      id: "INTEGER PRIMARY KEY",
      timestamp: "TEXT",
      boolean: "SMALLINT",
      text: "TEXT",
      now: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
    };
  }

  protected override currentUserSql(): string {
    return "NULL";
  }
}

/**
 * Whether an empty in-memory database stands in for `file`: it is not there and the command
 * creates none. A URL's own `mode=` is left to say what it says (`rw`: must exist), and a
 * directory that is not there either is still the error it always is (sqlite-open.ts).
 */
function standsIn(file: string, mode: string | undefined, create: boolean): boolean {
  return (
    !create &&
    mode === undefined &&
    file !== MEMORY &&
    !existsSync(file) &&
    existsSync(dirname(file))
  );
}

/** The main database's file, or undefined for an in-memory or temporary database. */
async function databaseFile(connection: Connection): Promise<string | undefined> {
  const rows = await connection.query<{ name: string; file: string }>("PRAGMA database_list");
  const file = rows.find((row) => row.name === "main")?.file;
  return file ? file : undefined;
}

/** The factory `mig` imports from an installed @mig/sqlite for `sqlite:` and `file:` URLs. */
export function createDialect(options?: SqliteDialectOptions): SqliteDialect {
  return new SqliteDialect(options);
}

/** `dialects: [sqlite({ foreignKeys: true })]` in mig.config.ts. */
export const sqlite = createDialect;
