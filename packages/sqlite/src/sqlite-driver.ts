import { type Connection, type ConnectionSource, MigError, type Row } from "@mig/core/dialect";
import type Database from "better-sqlite3";
import type { SqliteDriverOptions } from "./sqlite-driver-options.js";
import { readOnlyError } from "./sqlite-errors.js";
import { type ForeignKeyViolation, foreignKeyViolationError } from "./sqlite-foreign-keys.js";
import { loadSqliteDriver } from "./sqlite-native.js";
import { openDatabase } from "./sqlite-open.js";

/**
 * No pool: SQLite is one file and one writer. The connection opens on the first
 * `acquire()`, every caller gets the same one, and `close()` closes it.
 */
export class SqliteConnectionSource implements ConnectionSource {
  readonly #options: SqliteDriverOptions;
  #connection: SqliteConnection | undefined;

  constructor(options: SqliteDriverOptions) {
    this.#options = options;
  }

  async acquire(): Promise<SqliteConnection> {
    await loadSqliteDriver();
    this.#connection ??= new SqliteConnection(this.#options);
    return this.#connection;
  }

  async close(): Promise<void> {
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close();
  }
}

export class SqliteConnection implements Connection {
  /** The database file (absolute), or `:memory:`. */
  readonly file: string;
  readonly #db: Database.Database;
  readonly #readonly: boolean;
  readonly #mode: string;
  #totalChanges: Database.Statement | undefined;
  readonly #prepared = new Map<string, Database.Statement>();
  readonly #withParams = new Map<string, Database.Statement>();
  /** Foreign keys were on and `begin` turned them off until the transaction ends. */
  #deferredForeignKeys = false;

  /** Opens the database now; throws DatabaseConnectionError when it cannot. */
  constructor(options: SqliteDriverOptions) {
    this.file = options.file;
    this.#db = openDatabase(options);
    this.#readonly = this.#db.readonly;
    this.#mode = options.mode;
  }

  // try/catch in place, not `#writing` with a closure: a run executes thousands of statements.
  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    try {
      return this.#execute(sql, params);
    } catch (error) {
      throw readOnlyError(error, this.file, this.#mode);
    }
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    return this.#writing(() => this.#query<R>(sql, params));
  }

  /** Runs a statement; a write refused because the file is read-only gets a plain error. */
  #writing<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw readOnlyError(error, this.file, this.#mode);
    }
  }

  #execute(sql: string, params: readonly unknown[]): number {
    if (params.length > 0) {
      const statement = this.#reused(sql);
      if (statement.reader) {
        statement.all(...bindAll(params));
        return 0;
      }
      return statement.run(...bindAll(params)).changes;
    }
    let statement: Database.Statement;
    try {
      statement = this.#db.prepare(sql);
    } catch (error) {
      if (isNoStatements(error)) return 0;
      if (!isMultipleStatements(error)) throw error;
      // A .sql section holds several statements; exec runs them all, but reports no count.
      const before = this.#changesSoFar();
      this.#db.exec(sql);
      return this.#changesSoFar() - before;
    }
    if (statement.reader) {
      statement.all();
      return 0;
    }
    return statement.run().changes;
  }

  #query<R extends Row>(sql: string, params: readonly unknown[]): R[] {
    const statement = this.#prepareSingle(sql);
    if (!statement.reader) {
      statement.run(...bindAll(params));
      return [];
    }
    return statement.all(...bindAll(params)) as R[];
  }

  /**
   * Opens the migration's transaction. With foreign keys on, enforcement is turned off
   * first (SQLite ignores the PRAGMA inside a transaction), so a batch copy can drop and
   * rename a referenced table without firing ON DELETE actions; `commit` checks every
   * foreign key before committing, and enforcement comes back after commit or rollback.
   */
  async begin(): Promise<void> {
    if (this.#db.inTransaction) {
      throw new MigError(
        "transaction_open",
        "A transaction is already open on the SQLite connection.",
        {
          hint: "Remove BEGIN/COMMIT from the migration, or mark it transactional = false.",
        },
      );
    }
    this.#deferredForeignKeys = this.#fixed("PRAGMA foreign_keys").pluck().get() === 1;
    if (this.#deferredForeignKeys) this.#db.pragma("foreign_keys = OFF");
    try {
      // IMMEDIATE takes the write lock now and waits busy_timeout for it; a deferred
      // transaction that reads first fails at once with SQLITE_BUSY if another writer came in.
      this.#fixed(this.#readonly ? "BEGIN" : "BEGIN IMMEDIATE").run();
    } catch (error) {
      this.#restoreForeignKeys();
      throw readOnlyError(error, this.file, this.#mode);
    }
  }

  /**
   * Fails, leaving the transaction open for the caller's rollback, when a foreign key
   * deferred by `begin` is broken. A no-op when SQLite has already ended the transaction
   * (a COMMIT in the script).
   */
  async commit(): Promise<void> {
    if (this.#db.inTransaction) {
      if (this.#deferredForeignKeys) {
        const violations = this.#db.prepare("PRAGMA foreign_key_check").all();
        if (violations.length > 0)
          throw foreignKeyViolationError(violations as ForeignKeyViolation[]);
      }
      try {
        this.#fixed("COMMIT").run();
      } catch (error) {
        throw readOnlyError(error, this.file, this.#mode);
      }
    }
    this.#restoreForeignKeys();
  }

  /** A no-op when SQLite has already rolled back (after SQLITE_FULL, for one), so the first error shows. */
  async rollback(): Promise<void> {
    try {
      if (this.#db.inTransaction) this.#fixed("ROLLBACK").run();
    } finally {
      this.#restoreForeignKeys();
    }
  }

  /** True between `begin` and `commit`/`rollback` (or a COMMIT/ROLLBACK in SQL). */
  get inTransaction(): boolean {
    return this.#db.inTransaction;
  }

  #restoreForeignKeys(): void {
    if (!this.#deferredForeignKeys || this.#db.inTransaction || !this.#db.open) return;
    this.#deferredForeignKeys = false;
    this.#db.pragma("foreign_keys = ON");
  }

  /** The connection stays open for the source's next `acquire()`; `close()` ends it. */
  async release(): Promise<void> {}

  get isOpen(): boolean {
    return this.#db.open;
  }

  /** Closes the database; an open transaction is rolled back. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #prepareSingle(sql: string): Database.Statement {
    try {
      return this.#db.prepare(sql);
    } catch (error) {
      if (!isMultipleStatements(error)) throw error;
      throw new MigError(
        "multiple_statements",
        "SQL with parameters or rows must be a single statement.",
        {
          hint: "Split it into one call per statement.",
          cause: error,
        },
      );
    }
  }

  /**
   * A statement with parameters, prepared once and kept (a few dozen at most): the runner
   * binds each step's version-table and log values, so their text is parsed once a run.
   */
  #reused(sql: string): Database.Statement {
    let statement = this.#withParams.get(sql);
    if (!statement) {
      statement = this.#prepareSingle(sql);
      if (this.#withParams.size >= MAX_REUSED) this.#withParams.clear();
      this.#withParams.set(sql, statement);
    }
    return statement;
  }

  /**
   * A statement the connection runs for every migration (BEGIN, COMMIT, the foreign-key
   * check), prepared once rather than parsed again each time.
   */
  #fixed(sql: string): Database.Statement {
    let statement = this.#prepared.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      this.#prepared.set(sql, statement);
    }
    return statement;
  }

  #changesSoFar(): number {
    this.#totalChanges ??= this.#db.prepare("SELECT total_changes()").pluck();
    return this.#totalChanges.get() as number;
  }
}

const MAX_REUSED = 64;

/** What better-sqlite3 can bind: booleans as 1/0, dates as ISO text, objects as JSON. */
function bind(value: unknown): unknown {
  // Text and numbers, nearly every value a run binds, go as they are.
  const type = typeof value;
  if (type === "string" || type === "number") return value;
  if (value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return value;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}

function bindAll(params: readonly unknown[]): unknown[] {
  return params.map(bind);
}

function isMultipleStatements(error: unknown): boolean {
  return error instanceof RangeError && /more than one statement/.test(error.message);
}

function isNoStatements(error: unknown): boolean {
  return error instanceof RangeError && /contains no statements/.test(error.message);
}
