import {
  type Connection,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  MigError,
} from "@mig/core/dialect";
import { detectGalera } from "./galera-detect.js";
import { sourceOf } from "./mysql-driver.js";
import { tryMysqlLock } from "./mysql-lock.js";
import { DEFAULT_LOCK_STALE_SECONDS, tryTableLock } from "./mysql-table-lock.js";
import type { MysqlLockMode } from "./mysql-url.js";

export interface MysqlLockSettings {
  readonly lock?: MysqlLockMode | undefined;
  readonly lockTable?: string | undefined;
  readonly lockStaleAfter?: number | undefined;
}

/**
 * One try at the migration lock in the mode the URL's `?lock=` or the dialect's `lock`
 * option names. `auto` (the default) asks the server: a Galera node gets the lock table,
 * since GET_LOCK holds on one node only; any other server gets GET_LOCK.
 */
export async function tryMigrationLock(
  connection: Connection,
  options: LockOptions,
  settings: MysqlLockSettings,
): Promise<LockHandle | LockBusy> {
  const source = sourceOf(connection);
  const mode = source?.config.lock ?? settings.lock ?? "auto";
  if (mode === "get_lock") return tryMysqlLock(connection, options);
  const node = await detectGalera(connection);
  if (mode === "auto" && !node.galera) return tryMysqlLock(connection, options);
  if (!source) {
    throw new MigError(
      "lock_unsupported",
      "The lock table (used on Galera clusters) needs a connection made by @mig/mysql.",
      {
        hint: 'Let mig connect (drop the connect hook), or force GET_LOCK with mysql({ lock: "get_lock" }) where every run reaches the same node.',
      },
    );
  }
  const stale = settings.lockStaleAfter ?? DEFAULT_LOCK_STALE_SECONDS;
  if (!(Number.isFinite(stale) && stale > 0)) {
    throw new MigError(
      "invalid_lock_stale_after",
      `lockStaleAfter must be a number of seconds above 0 (got ${String(stale)}).`,
      { usage: true, hint: "Pass e.g. mysql({ lockStaleAfter: 120 }); the default is 60." },
    );
  }
  return tryTableLock(source, connection, options, {
    lockTable: settings.lockTable,
    staleAfterSeconds: stale,
    nodeName: node.galera ? node.nodeName : undefined,
  });
}
