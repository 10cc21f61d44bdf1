import { type LockBusy, type LockHandle, MigError, type QualifiedName } from "@mig/core/dialect";
import type Database from "better-sqlite3";
import { loadSqliteDriver, openSqliteFile } from "./sqlite-native.js";

/** Lock files end with this, so one ignore rule (`*.mig-lock`) covers them all. */
export const LOCK_FILE_SUFFIX = ".mig-lock";

/**
 * The sidecar file whose exclusive SQLite lock serialises runs on one database and
 * version table: `app.db` + `mig_version` -> `app.db.mig_version.mig-lock`.
 */
export function lockFilePath(databaseFile: string, table: QualifiedName): string {
  const name = table.schema ? `${table.schema}.${table.name}` : table.name;
  return `${databaseFile}.${fileSafe(name)}${LOCK_FILE_SUFFIX}`;
}

/** Keeps `[A-Za-z0-9_-]`, %-escapes the rest (so `a.b` and `a%2Eb` never meet). */
function fileSafe(name: string): string {
  return Array.from(new TextEncoder().encode(name), (byte) => {
    const ch = String.fromCharCode(byte);
    return /[A-Za-z0-9_-]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
}

/**
 * An exclusive transaction held open on a lock file by a connection of its own: the
 * migration lock's handle. The migration's connection commits after each step, so it
 * cannot hold the lock itself; the operating system drops this one if the process dies,
 * so a lock is never left stale. Another better-sqlite3 connection in this process may
 * open the file (SQLite keeps the process's POSIX locks across its own connections), but
 * never open it any other way: closing a plain descriptor on it drops them.
 */
export class FileLock implements LockHandle {
  readonly path: string;
  #db: Database.Database | undefined;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.#db = db;
  }

  /** One attempt, without waiting: the lock, or who holds it (core's loop waits). */
  static async try(path: string): Promise<FileLock | LockBusy> {
    let db: Database.Database;
    await loadSqliteDriver();
    try {
      db = openSqliteFile(path, { timeout: 0 });
    } catch (cause) {
      throw new MigError("lock_failed", `Cannot create the migration lock file ${path}.`, {
        hint: "Make the database's directory writable for this user.",
        cause,
      });
    }
    try {
      if (tryBeginExclusive(db)) return new FileLock(path, db);
    } catch (error) {
      db.close();
      throw error;
    }
    db.close();
    // SQLite cannot say which process holds it; the file at least shows where to look.
    return { holder: `held through the lock file ${path}` };
  }

  get held(): boolean {
    return this.#db !== undefined;
  }

  /** Ends the transaction and closes the lock connection; safe to call twice. */
  async release(): Promise<void> {
    const db = this.#db;
    this.#db = undefined;
    if (!db) return;
    try {
      if (db.inTransaction) db.exec("ROLLBACK");
    } finally {
      db.close();
    }
  }
}

function tryBeginExclusive(db: Database.Database): boolean {
  try {
    // Nothing is written to the lock file; an in-memory journal leaves no -journal file
    // beside it. Setting it reads the file, so it can be busy too: it is retried here.
    if (db.pragma("journal_mode", { simple: true }) !== "memory")
      db.pragma("journal_mode = MEMORY");
    db.exec("BEGIN EXCLUSIVE");
    return true;
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")) {
      throw new MigError(
        "lock_failed",
        `Cannot lock the migration lock file ${db.name}: ${(error as Error).message}.`,
        {
          hint: "Delete the lock file while no migration runs; it is recreated on the next run.",
          cause: error,
        },
      );
    }
    if (db.inTransaction) db.exec("ROLLBACK");
    return false;
  }
}
