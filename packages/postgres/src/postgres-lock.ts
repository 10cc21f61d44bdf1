import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  type Connection,
  type LockOptions,
  LockTimeoutError,
  MigError,
  type QualifiedName,
} from "@mig/core/dialect";
import { PostgresConnection } from "./postgres-driver.js";

/** How often a waiting run asks again for the advisory lock. */
export const LOCK_POLL_MS = 50;

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
 * Takes a session advisory lock (`pg_try_advisory_lock`) on the run's connection, asking
 * again every `pollMs` until `timeoutMs` has passed, then throws LockTimeoutError naming
 * the session that holds it. Held until releaseAdvisoryLock or the end of the session.
 */
export async function acquireAdvisoryLock(
  connection: Connection,
  options: LockOptions,
  pollMs = LOCK_POLL_MS,
): Promise<void> {
  refuseTwice(connection, options.table);
  const key = advisoryLockKey(await schemaOf(connection, options.table), options.table.name);
  const forever = !Number.isFinite(options.timeoutMs) || options.timeoutMs < 0;
  const deadline = Date.now() + (forever ? 0 : options.timeoutMs);
  for (let attempt = 0; ; attempt++) {
    const rows = await connection.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock($1::bigint) AS locked",
      [key],
    );
    if (rows[0]?.locked === true) {
      if (connection instanceof PostgresConnection)
        connection.locks.set(lockId(options.table), { key });
      return;
    }
    if (attempt === 0 && options.onWait) options.onWait(await advisoryHolder(connection, key));
    const left = deadline - Date.now();
    if (!forever && left <= 0)
      throw new LockTimeoutError(options.timeoutMs, await advisoryHolder(connection, key));
    await sleep(forever ? pollMs : Math.min(pollMs, left));
  }
}

export async function releaseAdvisoryLock(
  connection: Connection,
  options: LockOptions,
): Promise<void> {
  const id = lockId(options.table);
  const held = connection instanceof PostgresConnection ? connection.locks.get(id) : undefined;
  // The key taken, not one computed again: a hook may have changed search_path meanwhile.
  const key =
    held?.key ?? advisoryLockKey(await schemaOf(connection, options.table), options.table.name);
  const rows = await connection.query<{ unlocked: boolean }>(
    "SELECT pg_advisory_unlock($1::bigint) AS unlocked",
    [key],
  );
  if (connection instanceof PostgresConnection) connection.locks.delete(id);
  if (rows[0]?.unlocked !== true) throw notHeld(options.table);
}

/**
 * The lock for transaction-pooling proxies (PgBouncer `pool_mode = transaction`), where a
 * session advisory lock may be taken on one server connection and released on another.
 * A second session, outside the pool, opens a transaction and locks the one row of
 * `<version table>_lock` (`SELECT ... FOR UPDATE`, bounded by `lock_timeout`). The
 * transaction pins that session to one server connection until releaseTableLock rolls
 * it back; the run's own connection stays free to commit each migration. It also serves
 * PostgreSQL-compatible servers that have no advisory locks.
 */
export async function acquireTableLock(
  connection: Connection,
  options: LockOptions,
  lockTable: QualifiedName = { schema: options.table.schema, name: `${options.table.name}_lock` },
): Promise<void> {
  if (!(connection instanceof PostgresConnection)) {
    throw new MigError(
      "lock_unsupported",
      'The "table" migration lock needs a connection made by @mig/postgres.',
      {
        hint: 'Let mig connect (drop the connect hook), or use the default lock: postgres({ lock: "advisory" }).',
      },
    );
  }
  refuseTwice(connection, options.table);
  const started = Date.now();
  const table = qualify(lockTable);
  const session = await connection.source.openDetached();
  try {
    await ensureLockTable(session, table);
    await session.begin();
    const forever = !Number.isFinite(options.timeoutMs) || options.timeoutMs < 0;
    const left = Math.max(1, Math.ceil(options.timeoutMs - (Date.now() - started)));
    await session.execute(`SET LOCAL lock_timeout = ${forever ? 0 : left}`);
    try {
      if (options.onWait && !(await tryRowLock(session, table))) {
        options.onWait(await rowHolder(session, table));
      }
      await session.query(`SELECT id FROM ${table} WHERE id = 1 FOR UPDATE`);
    } catch (error) {
      if ((error as { code?: string }).code === "55P03") {
        throw new LockTimeoutError(options.timeoutMs, `another session holds the row in ${table}`);
      }
      throw error;
    }
    connection.locks.set(lockId(options.table), { key: table, session });
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
}

export async function releaseTableLock(
  connection: Connection,
  options: LockOptions,
): Promise<void> {
  const id = lockId(options.table);
  const held = connection instanceof PostgresConnection ? connection.locks.get(id) : undefined;
  if (!held?.session) throw notHeld(options.table);
  (connection as PostgresConnection).locks.delete(id);
  await held.session.release();
}

/** Creates the lock table and its row; concurrent first runs may race, so retry those. */
async function ensureLockTable(session: PostgresConnection, table: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await session.execute(`CREATE TABLE IF NOT EXISTS ${table} (id INTEGER PRIMARY KEY)`);
      await session.execute(`INSERT INTO ${table} (id) VALUES (1) ON CONFLICT (id) DO NOTHING`);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      // unique_violation on the catalog, duplicate_table, deadlock: another run created it.
      if (attempt >= 5 || !["23505", "42P07", "40P01"].includes(code ?? "")) throw error;
      await sleep(10 + Math.random() * 40);
    }
  }
}

/** One attempt that does not wait; a savepoint keeps the transaction usable after a refusal. */
async function tryRowLock(session: PostgresConnection, table: string): Promise<boolean> {
  await session.execute("SAVEPOINT mig_lock_try");
  try {
    await session.query(`SELECT id FROM ${table} WHERE id = 1 FOR UPDATE NOWAIT`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== "55P03") throw error;
    await session.execute("ROLLBACK TO SAVEPOINT mig_lock_try");
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

function lockId(table: QualifiedName): string {
  return JSON.stringify([table.schema ?? null, table.name]);
}

function qualify(table: QualifiedName): string {
  const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return table.schema ? `${q(table.schema)}.${q(table.name)}` : q(table.name);
}

/** PostgreSQL counts a session's advisory locks; one release must free the lock, so take it once. */
function refuseTwice(connection: Connection, table: QualifiedName): void {
  if (connection instanceof PostgresConnection && connection.locks.has(lockId(table))) {
    throw new MigError(
      "lock_already_held",
      `This session already holds the migration lock for ${qualify(table)}.`,
      {
        hint: "Release it before taking it again.",
      },
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
