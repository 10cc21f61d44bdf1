import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  type Connection,
  type LockOptions,
  LockTimeoutError,
  MigError,
  type QualifiedName,
} from "@mig/core/dialect";
import { MysqlConnection } from "./mysql-driver.js";

/** GET_LOCK names are server-wide and at most 64 characters (MySQL 5.7+). */
const MAX_NAME = 64;
/** Below a whole second GET_LOCK cannot wait, so the rest is polled at this interval. */
const POLL_MS = 25;

/** `mig:<database>.<table>`; a long one keeps a readable prefix and ends in its SHA-1. */
export function mysqlLockName(database: string, table: string): string {
  const full = `mig:${database}.${table}`;
  if (full.length <= MAX_NAME) return full;
  const digest = createHash("sha1").update(full).digest("hex");
  return `${full.slice(0, MAX_NAME - digest.length - 1)}:${digest}`;
}

/**
 * Takes the migration lock for a version table on the run's connection: one GET_LOCK for
 * the whole seconds of `timeoutMs`, then polls for the remainder. Held until
 * releaseMysqlLock or the end of the session.
 */
export async function acquireMysqlLock(
  connection: Connection,
  options: LockOptions,
): Promise<void> {
  const name = await lockName(connection, options.table);
  const forever = !Number.isFinite(options.timeoutMs) || options.timeoutMs < 0;
  const deadline = Date.now() + (forever ? 0 : options.timeoutMs);
  for (let attempt = 0; ; attempt++) {
    const remaining = deadline - Date.now();
    // The first attempt does not wait, so a waiting run can say so at once.
    const seconds =
      attempt === 0 && options.onWait
        ? 0
        : forever
          ? -1
          : Math.max(0, Math.floor(remaining / 1000));
    const rows = await connection.query<{ got: number | null }>("SELECT GET_LOCK(?, ?) AS got", [
      name,
      seconds,
    ]);
    const got = rows[0]?.got ?? null;
    if (Number(got) === 1) {
      if (connection instanceof MysqlConnection) connection.locks.add(name);
      return;
    }
    if (got === null)
      throw new LockTimeoutError(options.timeoutMs, `GET_LOCK('${name}') failed on the server`);
    if (attempt === 0 && options.onWait) options.onWait(await holder(connection, name));
    const left = deadline - Date.now();
    if (!forever && left <= 0)
      throw new LockTimeoutError(options.timeoutMs, await holder(connection, name));
    if (seconds === 0) await sleep(Math.min(POLL_MS, left));
  }
}

export async function releaseMysqlLock(
  connection: Connection,
  options: LockOptions,
): Promise<void> {
  const name = await lockName(connection, options.table);
  const rows = await connection.query<{ released: number | null }>(
    "SELECT RELEASE_LOCK(?) AS released",
    [name],
  );
  if (connection instanceof MysqlConnection) connection.locks.delete(name);
  if (Number(rows[0]?.released) !== 1) {
    throw new MigError("lock_not_held", `This session did not hold the migration lock '${name}'.`, {
      hint: "Release the lock on the connection that acquired it.",
    });
  }
}

async function lockName(connection: Connection, table: QualifiedName): Promise<string> {
  let database =
    table.schema ?? (connection instanceof MysqlConnection ? connection.database : undefined);
  if (database === undefined) {
    const rows = await connection.query<{ db: string | null }>("SELECT DATABASE() AS db");
    database = rows[0]?.db ?? "";
  }
  return mysqlLockName(database, table.name);
}

async function holder(connection: Connection, name: string): Promise<string> {
  const rows = await connection.query<{ id: number | null }>("SELECT IS_USED_LOCK(?) AS id", [
    name,
  ]);
  const id = rows[0]?.id;
  return id === null || id === undefined ? "" : `held by MySQL connection ${id}`;
}
