import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  type Connection,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  MigError,
  type QualifiedName,
} from "@mig/core/dialect";
import type { PostgresConnection, PostgresConnectionSource } from "./postgres-driver.js";

/**
 * The advisory lock key for a version table: the first 8 bytes of SHA-256 over
 * `mig:<schema>.<table>`, as a signed 64-bit integer in decimal. Stable across processes
 * and releases, and different per version table, so separate migration sets never block
 * each other. Advisory locks are per database, so the database need not be part of it.
 */
export function advisoryLockKey(schema: string, table: string): string {
  const digest = createHash("sha256").update(`mig:${schema}.${table}`).digest();
  return digest.readBigInt64BE(0).toString();
}

/**
 * One try at a session advisory lock (`pg_try_advisory_lock`) on the run's connection,
 * without waiting (core's loop waits): a handle holding the key, or the session that
 * holds it. Held until the handle's release or the end of the session.
 */
export async function tryAdvisoryLock(
  connection: Connection,
  options: LockOptions,
): Promise<LockHandle | LockBusy> {
  const key = advisoryLockKey(await schemaOf(connection, options.table), options.table.name);
  await refuseTwice(connection, key, options.table);
  const rows = await connection.query<{ locked: boolean }>(
    "SELECT pg_try_advisory_lock($1::bigint) AS locked",
    [key],
  );
  if (rows[0]?.locked !== true) return { holder: await advisoryHolder(connection, key) };
  let held = true;
  return {
    // The key taken, not one computed again: a hook may have changed search_path meanwhile.
    async release() {
      if (!held) return;
      held = false;
      const freed = await connection.query<{ unlocked: boolean }>(
        "SELECT pg_advisory_unlock($1::bigint) AS unlocked",
        [key],
      );
      if (freed[0]?.unlocked !== true) throw notHeld(options.table);
    },
  };
}

/**
 * The lock for transaction-pooling proxies (PgBouncer `pool_mode = transaction`), where a
 * session advisory lock may be taken on one server connection and released on another.
 * A second session, outside the pool, opens a transaction and locks the one row of
 * `<version table>_lock` (`SELECT ... FOR UPDATE NOWAIT`). The transaction pins that
 * session to one server connection until the handle's release closes it; the run's own
 * connection stays free to commit each migration. It also serves PostgreSQL-compatible
 * servers that have no advisory locks.
 */
export async function tryTableLock(
  source: PostgresConnectionSource,
  options: LockOptions,
  lockTable: QualifiedName = { schema: options.table.schema, name: `${options.table.name}_lock` },
): Promise<LockHandle | LockBusy> {
  const table = qualify(lockTable);
  const session = await source.openDetached();
  try {
    await ensureLockTable(session, table);
    await session.begin();
    if (!(await tryRowLock(session, table))) {
      // The refusal aborted the transaction; end it so the holder can be looked up.
      await session.rollback();
      const holder = await rowHolder(session, table);
      await session.release().catch(() => undefined);
      return { holder: holder || `another session holds the row in ${table}` };
    }
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
  return { release: () => session.release() };
}

const CREATED_MEANWHILE = new Set(["23505", "42P07", "42710", "40P01"]);

/** Creates the lock table and its row; concurrent first runs may race, so retry those. */
async function ensureLockTable(session: PostgresConnection, table: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await session.execute(`CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY)`);
      await session.execute(`INSERT INTO ${table} (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // Another run created it at the same moment: unique_violation on the catalog,
      // duplicate_table, duplicate_object ("type ... already exists") or a deadlock.
      if (attempt >= 5 || !CREATED_MEANWHILE.has(code ?? "")) throw error;
      await sleep(10 + Math.random() * 40);
    }
  }
}

/** One attempt that does not wait: NOWAIT refuses at once when another session holds the row. */
async function tryRowLock(session: PostgresConnection, table: string): Promise<boolean> {
  try {
    await session.query(`SELECT id FROM ${table} WHERE id = 1 FOR UPDATE NOWAIT`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== "55P03") throw error;
    return false;
  }
}

/** Who holds the lock table's row: a session holding a row-share lock on it. */
async function rowHolder(session: PostgresConnection, table: string): Promise<string> {
  const rows = await session
    .query<{ pid: number }>(
      `SELECT pid FROM pg_catalog.pg_locks
        WHERE relation = $1::regclass AND mode = 'RowShareLock' AND granted
          AND pid <> pg_backend_pid() LIMIT 1`,
      [table],
    )
    .catch(() => []);
  return rows[0] ? `held by PostgreSQL session ${rows[0].pid}` : "";
}

async function schemaOf(connection: Connection, table: QualifiedName): Promise<string> {
  if (table.schema !== undefined) return table.schema;
  const rows = await connection.query<{ schema: string | null }>(
    "SELECT current_schema() AS schema",
  );
  return rows[0]?.schema ?? "";
}

/** Who holds the advisory lock, for the timeout message. */
async function advisoryHolder(connection: Connection, key: string): Promise<string> {
  const k = BigInt.asUintN(64, BigInt(key));
  const rows = await connection
    .query<{ pid: number; app: string | null; addr: string | null }>(
      `SELECT l.pid, a.application_name AS app, host(a.client_addr) AS addr
         FROM pg_catalog.pg_locks l LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
          AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
          AND l.classid::bigint = $1::bigint AND l.objid::bigint = $2::bigint
        LIMIT 1`,
      [(k >> 32n).toString(), (k & 0xffffffffn).toString()],
    )
    .catch(() => []);
  const row = rows[0];
  if (!row) return "";
  const app = row.app ? ` "${row.app}"` : "";
  return `held by PostgreSQL session ${row.pid}${app}${row.addr ? ` from ${row.addr}` : ""}`;
}

function qualify(table: QualifiedName): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return table.schema ? `${q(table.schema)}.${q(table.name)}` : q(table.name);
}

/** PostgreSQL counts a session's advisory locks; one release must free the lock, so take it once. */
async function refuseTwice(
  connection: Connection,
  key: string,
  table: QualifiedName,
): Promise<void> {
  const k = BigInt.asUintN(64, BigInt(key));
  const rows = await connection.query<{ mine: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_locks
        WHERE locktype = 'advisory' AND granted AND objsubid = 1 AND pid = pg_backend_pid()
          AND classid::bigint = $1::bigint AND objid::bigint = $2::bigint) AS mine`,
    [(k >> 32n).toString(), (k & 0xffffffffn).toString()],
  );
  if (rows[0]?.mine === true) {
    throw new MigError(
      "lock_already_held",
      `This session already holds the migration lock for ${qualify(table)}.`,
      { hint: "Release it before taking it again." },
    );
  }
}

function notHeld(table: QualifiedName): MigError {
  return new MigError(
    "lock_not_held",
    `This session did not hold the migration lock for ${qualify(table)}.`,
    {
      hint: "Release the lock on the connection that acquired it.",
    },
  );
}
