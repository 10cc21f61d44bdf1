import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import {
  type Connection,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  MigError,
  type QualifiedName,
} from "@mig/core/dialect";
import type { MysqlConnection, MysqlConnectionSource } from "./mysql-driver.js";

/** A holder whose heartbeat is older than this may be taken over (default `lockStaleAfter`). */
export const DEFAULT_LOCK_STALE_SECONDS = 60;
/** Beats per stale period: five missed beats in a row before another run may take over. */
const BEATS_PER_STALE_PERIOD = 6;

// Server error numbers: a Galera certification conflict is reported as a deadlock.
const ER_DUP_ENTRY = 1062;
const ER_NO_SUCH_TABLE = 1146;
const ER_LOCK_WAIT_TIMEOUT = 1205;
const ER_LOCK_DEADLOCK = 1213;

export interface TableLockSettings {
  /** The lock table's name; default `<version table>_lock`, in the version table's database. */
  readonly lockTable?: string | undefined;
  /** Seconds without a heartbeat after which the row may be taken over. */
  readonly staleAfterSeconds: number;
  /** The Galera node's name, for the holder's description. */
  readonly nodeName?: string | undefined;
}

type LockRow = {
  token: string;
  holder: string;
  age_us: number | string | null;
};

/**
 * The migration lock as one row (`id = 1`) of a lock table, for Galera clusters, where
 * GET_LOCK holds on one node only. A side session claims the row with an INSERT, each
 * statement its own transaction: on one server the primary key refuses a second claim;
 * across nodes Galera's certification lets the first commit win and fails the other
 * with a deadlock error (1213). Both mean "busy"; core's loop tries again. The side
 * session refreshes `heartbeat_at` while the run works, so the run's own connection
 * never runs a statement of the lock's in the middle of a migration. A row whose
 * heartbeat is older than `staleAfterSeconds` (by the server's clock) is taken over by
 * an UPDATE conditional on the stale holder's token, itself certified.
 */
export async function tryTableLock(
  source: MysqlConnectionSource,
  connection: Connection,
  options: LockOptions,
  settings: TableLockSettings,
): Promise<LockHandle | LockBusy> {
  const database = options.table.schema ?? (await currentDatabase(connection));
  const table = qualify({
    schema: database,
    name: settings.lockTable ?? `${options.table.name}_lock`,
  });
  const staleUs = Math.round(settings.staleAfterSeconds * 1_000_000);
  const token = randomBytes(16).toString("hex");
  const holder = describeHolder(settings.nodeName);
  const session = await source.openDetached();
  try {
    // A claim waits for another session's uncommitted claim on the same node; not long.
    await session.execute("SET SESSION innodb_lock_wait_timeout = 2");
    const busy = await claim(session, table, token, holder, staleUs);
    if (busy !== undefined) {
      await session.release();
      return { holder: busy };
    }
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
  return new TableLockHandle(
    source,
    session,
    table,
    token,
    staleUs / 1000 / BEATS_PER_STALE_PERIOD,
  );
}

/** Claims the row; undefined when ours, else who holds it. */
async function claim(
  session: MysqlConnection,
  table: string,
  token: string,
  holder: string,
  staleUs: number,
): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    try {
      await session.execute(
        `INSERT INTO ${table} (id, token, holder, acquired_at, heartbeat_at) VALUES (1, ?, ?, UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))`,
        [token, holder],
      );
      return undefined;
    } catch (error) {
      const code = errno(error);
      if (code === ER_NO_SUCH_TABLE && attempt < 3) {
        await createLockTable(session, table);
        continue;
      }
      if (code === ER_LOCK_DEADLOCK || code === ER_LOCK_WAIT_TIMEOUT) {
        return "held by another run that claimed it at the same moment";
      }
      if (code !== ER_DUP_ENTRY) throw error;
    }
    const rows = await session.query<LockRow>(
      `SELECT token, holder, TIMESTAMPDIFF(MICROSECOND, heartbeat_at, UTC_TIMESTAMP(3)) AS age_us FROM ${table} WHERE id = 1`,
    );
    const row = rows[0];
    // Released between the INSERT and the SELECT: the next try may get it.
    if (!row) return "held by a run that has just released it";
    const age = Number(row.age_us ?? 0);
    if (age < staleUs) return `held by ${row.holder}, heartbeat ${seconds(age)} s ago`;
    if (await takeOver(session, table, token, holder, row.token, staleUs)) return undefined;
    return `held by ${row.holder}, taken over by another run at the same moment`;
  }
}

/** Replaces a stale holder's row, only if it is still that holder's and still stale. */
async function takeOver(
  session: MysqlConnection,
  table: string,
  token: string,
  holder: string,
  staleToken: string,
  staleUs: number,
): Promise<boolean> {
  try {
    const changed = await session.execute(
      `UPDATE ${table} SET token = ?, holder = ?, acquired_at = UTC_TIMESTAMP(3), heartbeat_at = UTC_TIMESTAMP(3) WHERE id = 1 AND token = ? AND heartbeat_at < UTC_TIMESTAMP(3) - INTERVAL ? MICROSECOND`,
      [token, holder, staleToken, staleUs],
    );
    return changed === 1;
  } catch (error) {
    const code = errno(error);
    if (code === ER_LOCK_DEADLOCK || code === ER_LOCK_WAIT_TIMEOUT) return false;
    throw error;
  }
}

async function createLockTable(session: MysqlConnection, table: string): Promise<void> {
  try {
    await session.execute(
      `CREATE TABLE IF NOT EXISTS ${table} (id TINYINT NOT NULL PRIMARY KEY, token CHAR(32) NOT NULL, holder VARCHAR(255) NOT NULL, acquired_at DATETIME(3) NOT NULL, heartbeat_at DATETIME(3) NOT NULL) ENGINE=InnoDB`,
    );
  } catch (error) {
    // Runs on several nodes creating it at once: one wins, the next INSERT sees it.
    if (errno(error) !== ER_LOCK_DEADLOCK) throw error;
  }
}

/** Holds the row: beats on the side session, and deletes the row on release if still ours. */
class TableLockHandle implements LockHandle {
  readonly #source: MysqlConnectionSource;
  #session: MysqlConnection | undefined;
  readonly #table: string;
  readonly #token: string;
  readonly #timer: NodeJS.Timeout;
  #beat: Promise<void> = Promise.resolve();
  #lost = false;
  #released = false;

  constructor(
    source: MysqlConnectionSource,
    session: MysqlConnection,
    table: string,
    token: string,
    periodMs: number,
  ) {
    this.#source = source;
    this.#session = session;
    this.#table = table;
    this.#token = token;
    this.#timer = setInterval(
      () => {
        this.#beat = this.#beat.then(() => this.#heartbeat());
      },
      Math.max(periodMs, 10),
    );
    // The beat must not keep a finished process alive.
    this.#timer.unref();
  }

  async #heartbeat(): Promise<void> {
    if (this.#lost || this.#released) return;
    try {
      const changed = await (await this.#sessionNow()).execute(
        `UPDATE ${this.#table} SET heartbeat_at = UTC_TIMESTAMP(3) WHERE id = 1 AND token = ?`,
        [this.#token],
      );
      if (changed === 0) this.#lost = true;
    } catch {
      // A certification conflict or a dropped session: the next beat tries on a new one.
      await this.#session?.release().catch(() => undefined);
      this.#session = undefined;
    }
  }

  async #sessionNow(): Promise<MysqlConnection> {
    this.#session ??= await this.#source.openDetached();
    return this.#session;
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    clearInterval(this.#timer);
    await this.#beat;
    let deleted = 0;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          deleted = await (await this.#sessionNow()).execute(
            `DELETE FROM ${this.#table} WHERE id = 1 AND token = ?`,
            [this.#token],
          );
          break;
        } catch (error) {
          if (attempt >= 3) throw error;
          await this.#session?.release().catch(() => undefined);
          this.#session = undefined;
        }
      }
    } finally {
      await this.#session?.release().catch(() => undefined);
      this.#session = undefined;
    }
    if (deleted === 0 || this.#lost) {
      throw new MigError(
        "lock_lost",
        `The migration lock row in ${this.#table} was taken over by another run before this run released it.`,
        {
          hint: "Its heartbeat stopped for longer than the stale timeout; raise lockStaleAfter if a run can pause that long.",
        },
      );
    }
  }
}

function describeHolder(nodeName: string | undefined): string {
  const node = nodeName ? ` via Galera node ${nodeName}` : "";
  return `mig on ${hostname()} pid ${process.pid}${node}`.slice(0, 255);
}

async function currentDatabase(connection: Connection): Promise<string> {
  const rows = await connection.query<{ db: string | null }>("SELECT DATABASE() AS db");
  const db = rows[0]?.db;
  if (!db) {
    throw new MigError("lock_failed", "The lock table needs a database, and none is selected.", {
      hint: "Name a database in the URL, or set versionTableSchema.",
    });
  }
  return db;
}

function seconds(us: number): string {
  return (Math.max(us, 0) / 1_000_000).toFixed(1);
}

function errno(error: unknown): number | undefined {
  return (error as { errno?: number }).errno;
}

function qualify(table: QualifiedName): string {
  const q = (s: string) => `\`${s.replaceAll("`", "``")}\``;
  return table.schema ? `${q(table.schema)}.${q(table.name)}` : q(table.name);
}
