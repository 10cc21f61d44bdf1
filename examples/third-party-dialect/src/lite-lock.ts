import { setTimeout as sleep } from "node:timers/promises";
import { LockTimeoutError, type QualifiedName } from "@mig/core/dialect";
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
export class LiteLock {
  readonly #db: Database.Database;

  private constructor(db: Database.Database) {
    this.#db = db;
  }

  /**
   * Polls until the lock is free, or throws LockTimeoutError after `timeoutMs`. Tells
   * `onWait` once, before waiting, so mig can say why nothing happens.
   */
  static async acquire(
    path: string,
    timeoutMs: number,
    onWait?: (holder: string) => void,
  ): Promise<LiteLock> {
    const db = new Database(path, { timeout: 0 });
    const deadline = Date.now() + Math.max(0, timeoutMs || 0);
    try {
      for (let attempt = 0; ; attempt++) {
        if (tryBeginExclusive(db)) return new LiteLock(db);
        if (attempt === 0) onWait?.(`held through the lock file ${path}`);
        if (Date.now() >= deadline) throw new LockTimeoutError(timeoutMs, `lock file ${path}`);
        await sleep(Math.min(25, Math.max(1, deadline - Date.now())));
      }
    } catch (error) {
      db.close();
      throw error;
    }
  }

  release(): void {
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
