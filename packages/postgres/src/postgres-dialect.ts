import {
  type Connection,
  type ConnectOptions,
  type DatabaseUrl,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  MigError,
  probeSource,
} from "@mig/core/dialect";
import type { ClientConfig } from "pg";
import { PostgresDialectBase } from "./postgres-dialect-base.js";
import { PostgresConnectionSource, sourceOf } from "./postgres-driver.js";
import { tryAdvisoryLock, tryTableLock } from "./postgres-lock.js";
import { type PostgresLockMode, parsePostgresUrl } from "./postgres-url.js";

export interface PostgresDialectOptions {
  /**
   * How a run takes the migration lock. `"advisory"` (default): a session advisory lock
   * on the run's connection. `"table"`: a row lock held in a transaction on a second
   * session, for PgBouncer's transaction pooling and servers without advisory locks.
   * A `?lock=` parameter in the URL wins over this.
   */
  readonly lock?: PostgresLockMode;
  /** The lock table for `lock: "table"`; default `<version table>_lock` in its schema. */
  readonly lockTable?: string;
  /** pg client options that win over the URL's: a TLS `ssl.ca`, `statement_timeout`, `types`, ... */
  readonly driver?: Readonly<ClientConfig>;
}

/** PostgreSQL through pg: a queue pool, an advisory lock, and DDL inside transactions. */
export class PostgresDialect extends PostgresDialectBase {
  readonly name = "postgres";
  readonly schemes: readonly string[] = ["postgres", "postgresql"];
  readonly options: PostgresDialectOptions;

  constructor(options: PostgresDialectOptions = {}) {
    super();
    this.options = options;
  }

  /** Opens the pool and one connection, so a wrong URL fails here, in one line. */
  async connect(url: DatabaseUrl, options: ConnectOptions): Promise<PostgresConnectionSource> {
    const config = parsePostgresUrl(url, { pool: options.pool, cwd: options.cwd });
    return probeSource(new PostgresConnectionSource(config, url, { driver: this.options.driver }));
  }

  /** One try at the lock; `lock: "table"` needs a side session, so a connection of ours. */
  override tryAcquireLock(
    connection: Connection,
    options: LockOptions,
  ): Promise<LockHandle | LockBusy> {
    const source = sourceOf(connection);
    if ((source?.config.lock ?? this.options.lock ?? "advisory") === "advisory") {
      return tryAdvisoryLock(connection, options);
    }
    if (!source) {
      throw new MigError(
        "lock_unsupported",
        'The "table" migration lock needs a connection made by @mig/postgres.',
        {
          hint: 'Let mig connect (drop the connect hook), or use the default lock: postgres({ lock: "advisory" }).',
        },
      );
    }
    const lockTable = this.options.lockTable
      ? { schema: options.table.schema, name: this.options.lockTable }
      : undefined;
    return tryTableLock(source, options, lockTable);
  }

  protected override customLockTable(): string | undefined {
    return this.options.lockTable;
  }
}

/** The factory mig's dialect loader calls. */
export function createDialect(options?: PostgresDialectOptions): PostgresDialect {
  return new PostgresDialect(options);
}

export const postgres = createDialect;
