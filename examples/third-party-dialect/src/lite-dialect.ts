import { existsSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import {
  type Connection,
  type ConnectOptions,
  type DatabaseUrl,
  DEFAULT_CAPABILITIES,
  DialectBase,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  type LogColumnTypes,
  MigError,
  type QualifiedName,
} from "@mig/core/dialect";
import { LiteConnectionSource } from "./lite-driver.js";
import { LiteLock, lockFilePath } from "./lite-lock.js";

/**
 * `lite:./app.db` (relative to the config's directory) or `lite:/abs/app.db`, on
 * better-sqlite3. mig finds it with no config at all: a `lite:` URL makes it import the
 * package `mig-dialect-lite` from the user's project.
 */
export class LiteDialect extends DialectBase {
  readonly name = "lite";
  readonly schemes = ["lite"];
  override readonly capabilities = {
    ...DEFAULT_CAPABILITIES,
    transactionalDDL: true,
    supportsSchemas: false,
    alterColumn: "batch",
    multipleConnections: false,
  } as const;
  override readonly placeholder = "?" as const;

  async connect(url: DatabaseUrl, options: ConnectOptions): Promise<LiteConnectionSource> {
    const path = decodeURIComponent(url.rest.split("?", 1)[0]!);
    if (path === "") {
      throw new MigError("invalid_url", `The URL '${url.masked}' names no database file.`, {
        usage: true,
        hint: "Write it as lite:./app.db or lite:/absolute/path/app.db.",
      });
    }
    const file = isAbsolute(path) ? path : resolve(options.cwd ?? process.cwd(), path);
    // `current`, `status`, `down`... create no database: a missing file reads as empty.
    if (options.create === false && !existsSync(file)) return new LiteConnectionSource(":memory:");
    return new LiteConnectionSource(file);
  }

  async hasTable(connection: Connection, table: QualifiedName): Promise<boolean> {
    const rows = await connection.query(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ? COLLATE NOCASE",
      [table.name],
    );
    return rows.length > 0;
  }

  /**
   * One try at the lock, without waiting: mig's own loop waits, tells the user who holds
   * it, and gives up after the lock timeout. The handle, not the connection, holds it.
   */
  override async tryAcquireLock(
    connection: Connection,
    options: LockOptions,
  ): Promise<LockHandle | LockBusy> {
    const rows = await connection.query<{ name: string; file: string }>("PRAGMA database_list");
    const file = rows.find((row) => row.name === "main")?.file;
    // An in-memory database is private to its connection: nothing to serialise.
    if (!file) return { release: async () => {} };
    return LiteLock.try(lockFilePath(file, options.table));
  }

  /** Booleans are bound as 1/0 online, so offline output writes them the same way. */
  override literal(value: unknown): string {
    if (typeof value === "boolean") return value ? "1" : "0";
    return super.literal(value);
  }

  // The applied log's column types: SQLite has no IDENTITY columns, no BOOLEAN and no users.
  protected override logColumnTypes(): LogColumnTypes {
    return {
      id: "INTEGER PRIMARY KEY AUTOINCREMENT",
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

/** What mig imports from `mig-dialect-lite` when it meets a `lite:` URL. */
export function createDialect(): LiteDialect {
  return new LiteDialect();
}
