import {
  type Connection,
  type ConnectionSource,
  DatabaseConnectionError,
  type Row,
} from "@mig/core/dialect";
import Database from "better-sqlite3";

/**
 * An embedded database has one writer, so there is no pool: the first `acquire()` opens
 * the file, every later one gets the same connection, and `close()` closes it.
 */
export class LiteConnectionSource implements ConnectionSource {
  readonly #file: string;
  #connection: LiteConnection | undefined;

  constructor(file: string) {
    this.#file = file;
  }

  async acquire(): Promise<LiteConnection> {
    this.#connection ??= new LiteConnection(this.#file);
    return this.#connection;
  }

  async close(): Promise<void> {
    this.#connection?.close();
    this.#connection = undefined;
  }
}

export class LiteConnection implements Connection {
  /** The database file, as an absolute path. */
  readonly file: string;
  readonly #db: Database.Database;

  constructor(file: string) {
    this.file = file;
    try {
      this.#db = new Database(file, { timeout: 5000 });
      // Off, as in SQLite itself: table-rebuilding migrations drop and rename tables.
      this.#db.pragma("foreign_keys = OFF");
    } catch (cause) {
      throw new DatabaseConnectionError(
        `Cannot open the database ${file}: ${(cause as Error).message}.`,
        "Check that the directory exists and this user can write to it.",
        cause,
      );
    }
  }

  async execute(sql: string, params: readonly unknown[] = []): Promise<number> {
    if (params.length === 0) {
      // A .sql migration section (or offline output) holds several statements: exec runs
      // them all. It reports no count, so count through total_changes().
      const before = this.#totalChanges();
      this.#db.exec(sql);
      return this.#totalChanges() - before;
    }
    const statement = this.#db.prepare(sql);
    if (statement.reader) {
      statement.all(...params.map(bind));
      return 0;
    }
    return statement.run(...params.map(bind)).changes;
  }

  async query<R extends Row = Row>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    const statement = this.#db.prepare(sql);
    if (!statement.reader) {
      statement.run(...params.map(bind));
      return [];
    }
    return statement.all(...params.map(bind)) as R[];
  }

  /** IMMEDIATE takes the write lock now, waiting up to the busy timeout for it. */
  async begin(): Promise<void> {
    this.#db.exec("BEGIN IMMEDIATE");
  }

  /** A no-op if the script already ended the transaction itself. */
  async commit(): Promise<void> {
    if (this.#db.inTransaction) this.#db.exec("COMMIT");
  }

  async rollback(): Promise<void> {
    if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
  }

  /** The single connection stays open until the source closes it. */
  async release(): Promise<void> {}

  /** Closes the file (rolling back an open transaction). */
  close(): void {
    if (this.#db.open) this.#db.close();
  }

  #totalChanges(): number {
    return this.#db.prepare("SELECT total_changes()").pluck().get() as number;
  }
}

/** What better-sqlite3 cannot bind as is: booleans as 1/0, dates as ISO text, objects as JSON. */
function bind(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    return JSON.stringify(value);
  }
  return value;
}
