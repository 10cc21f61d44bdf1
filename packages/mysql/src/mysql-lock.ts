import { createHash } from "node:crypto";
import {
  type Connection,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  MigError,
  type QualifiedName,
} from "@mig/core/dialect";

/** GET_LOCK names are server-wide and at most 64 characters (MySQL 5.7+). */
const MAX_NAME = 64;

/** `mig:<database>.<table>`; a long one keeps a readable prefix and ends in its SHA-1. */
export function mysqlLockName(database: string, table: string): string {
  const full = `mig:${database}.${table}`;
  if (full.length <= MAX_NAME) return full;
  const digest = createHash("sha1").update(full).digest("hex");
  return `${full.slice(0, MAX_NAME - digest.length - 1)}:${digest}`;
}

/**
 * One try at the migration lock for a version table on the run's connection: GET_LOCK
 * without waiting (core's loop waits). The handle holds the lock name, so a hook that
 * changes the default database meanwhile cannot make release miss it.
 */
export async function tryMysqlLock(
  connection: Connection,
  options: LockOptions,
): Promise<LockHandle | LockBusy> {
  const name = await lockName(connection, options.table);
  // GET_LOCK counts a session's own locks; one release must free it, so take it once.
  const [owner] = await connection.query<{ id: number | null; me: number }>(
    "SELECT IS_USED_LOCK(?) AS id, CONNECTION_ID() AS me",
    [name],
  );
  if (owner && owner.id !== null && Number(owner.id) === Number(owner.me)) {
    throw new MigError(
      "lock_already_held",
      `This session already holds the migration lock '${name}'.`,
      { hint: "Release it before taking it again." },
    );
  }
  const rows = await connection.query<{ got: number | null }>("SELECT GET_LOCK(?, 0) AS got", [
    name,
  ]);
  const got = rows[0]?.got ?? null;
  if (got === null) {
    throw new MigError("lock_failed", `GET_LOCK('${name}') failed on the server.`, {
      hint: "Check the server's log; the lock name may be refused by a proxy.",
    });
  }
  if (Number(got) !== 1) return { holder: await holder(connection, name) };
  let held = true;
  return {
    async release() {
      if (!held) return;
      held = false;
      const freed = await connection.query<{ released: number | null }>(
        "SELECT RELEASE_LOCK(?) AS released",
        [name],
      );
      if (Number(freed[0]?.released) !== 1) {
        throw new MigError(
          "lock_not_held",
          `This session did not hold the migration lock '${name}'.`,
          { hint: "Release the lock on the connection that acquired it." },
        );
      }
    },
  };
}

async function lockName(connection: Connection, table: QualifiedName): Promise<string> {
  let database = table.schema;
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
