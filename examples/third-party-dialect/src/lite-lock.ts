import type { LockBusy, LockHandle, QualifiedName } from "@mig/core/dialect";
import Database from "better-sqlite3";

/**
 * The sidecar file whose lock serialises runs on one database and version table:
 * `app.db` + `mig_version` -> `app.db.mig_version.lite-lock`.
 */
export function lockFilePath(databaseFile: string, table: QualifiedName): string {
  return `${databaseFile}.${encodeURIComponent(table.name)}.lite-lock`;
}

/**
 * The migration lock: an exclusive transaction held open on the sidecar file by a
 * connection of its own. The run's own connection commits after every migration, so it
 * cannot hold the lock; this one holds it across those commits. If the process dies, the
 * operating system drops the file lock, so a lock is never left stale.
 */
export class LiteLock implements LockHandle {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  /** One attempt, without waiting: the lock, or who holds it, for mig's wait loop. */
  static async try(path: string): Promise<LiteLock | LockBusy> {
    const db = new Database(path, { timeout: 0 });
    try {
      if (tryBeginExclusive(db)) return new LiteLock(db);
    } catch (error) {
      db.close();
      throw error;
    }
    db.close();
    return { holder: `held through the lock file ${path}` };
  }

  /** Ends the transaction and closes the lock's connection; safe to call twice. */
  async release(): Promise<void> {
    if (!this.#db.open) return;
    if (this.#db.inTransaction) this.#db.exec("ROLLBACK");
    this.#db.close();
  }
}

function tryBeginExclusive(db: Database.Database): boolean {
  try {
    // Nothing is ever written to the lock file, so it needs no journal file beside it.
    // Setting this reads the file, so it can find the file locked too: retried like BEGIN.
    db.pragma("journal_mode = MEMORY");
    db.exec("BEGIN EXCLUSIVE");
    return true;
  } catch (error) {
    if (!String((error as { code?: unknown }).code).startsWith("SQLITE_BUSY")) throw error;
    if (db.inTransaction) db.exec("ROLLBACK");
    return false;
  }
}
