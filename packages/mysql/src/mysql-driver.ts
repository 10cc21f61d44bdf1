import {
  batchCompletedOf,
  type Connection,
  type ConnectionSource,
  type DatabaseUrl,
  type PoolStats,
  QueuePool,
  type Row,
} from "@mig/core/dialect";
import type { ConnectionOptions, Connection as RawConnection } from "mysql2";
import { connectionError, isFatal, noteBatchPosition, releasedError } from "./mysql-errors.js";
import { mysql2Driver } from "./mysql-mysql2.js";
import type { MysqlUrlConfig } from "./mysql-url.js";

/** Sessions that saw a fatal error or were closed by the server: never handed out again. */
const broken = new WeakSet<RawConnection>();

/** The source each handed-out connection came from (the table lock opens a side session). */
const sources = new WeakMap<object, MysqlConnectionSource>();

/** The @mig/mysql source `connection` came from; undefined for a connection made elsewhere. */
export function sourceOf(connection: object): MysqlConnectionSource | undefined {
  return sources.get(connection);
}

export interface MysqlSourceOptions {
  /** Turn SQL text into the statement sent (placeholders inlined as literals). */
  readonly render: (sql: string, params: readonly unknown[]) => string;
  /** Several statements in one `execute` (a SQL migration section). */
  readonly multipleStatements: boolean;
  /** Driver options that win over the URL's (a CA for TLS, say). */
  readonly driver?: Readonly<ConnectionOptions> | undefined;
}

/** A queue pool of mysql2 sessions; see QueuePool for the limits. */
export class MysqlConnectionSource implements ConnectionSource {
  readonly pool: QueuePool<RawConnection>;
  readonly config: MysqlUrlConfig;
  readonly #options: MysqlSourceOptions;
  /** Opens a session outside the pool (a full pool must not block a cancel). */
  readonly #openSide: () => Promise<RawConnection>;
  readonly #detached = new Set<RawConnection>();

  constructor(config: MysqlUrlConfig, url: DatabaseUrl, options: MysqlSourceOptions) {
    this.config = config;
    this.#options = options;
    const driver: ConnectionOptions = {
      ...config.connection,
      multipleStatements: options.multipleStatements,
      // Dates are rendered and read as UTC, so online runs match `--sql` output.
      timezone: "Z",
      // Integers beyond 2^53 come back as strings rather than silently rounded.
      supportBigNumbers: true,
      ...options.driver,
    };
    this.#openSide = () => openRaw(driver, config, url);
    this.pool = new QueuePool<RawConnection>(
      {
        create: () => openRaw(driver, config, url),
        destroy: closeRaw,
        ping: (raw) => run(raw, "SELECT 1").then(() => true),
        isBroken: (raw) => broken.has(raw),
      },
      config.pool,
    );
  }

  get stats(): PoolStats {
    return this.pool.stats;
  }

  async acquire(): Promise<MysqlConnection> {
    const raw = await this.pool.acquire();
    const connection = new MysqlConnection(
      raw,
      this.config.database,
      this.#options.render,
      (discard) => this.pool.release(raw, discard || broken.has(raw)),
      this.#options.multipleStatements,
    );
    connection.onCancel = () => this.#kill(raw.threadId);
    sources.set(connection, this);
    return connection;
  }

  /** A session outside the pool, closed by its `release()`: the table lock's side session. */
  async openDetached(): Promise<MysqlConnection> {
    const raw = await this.#openSide();
    this.#detached.add(raw);
    return new MysqlConnection(raw, this.config.database, this.#options.render, () => {
      if (this.#detached.delete(raw)) closeRaw(raw).catch(() => undefined);
    });
  }

  /** `KILL QUERY` from a session of its own: the statement stops, the transaction stays. */
  async #kill(threadId: number): Promise<void> {
    const side = await this.#openSide();
    try {
      await run(side, `KILL QUERY ${Number(threadId)}`);
    } finally {
      await closeRaw(side);
    }
  }

  /** Closes the pool and any side session still open (a run that never released its lock). */
  async close(): Promise<void> {
    const detached = [...this.#detached];
    this.#detached.clear();
    await Promise.all(detached.map(closeRaw));
    return this.pool.close();
  }
}

/** One checked-out session. After `release()` it refuses further use. */
export class MysqlConnection implements Connection {
  /** The URL's database, if it named one. */
  readonly database: string | undefined;
  readonly #raw: RawConnection;
  readonly #render: MysqlSourceOptions["render"];
  readonly #giveBack: (discard: boolean) => void;
  #released = false;
  #inTransaction = false;
  /** The session takes several statements in one query (`multipleStatements`). */
  readonly #batches: boolean;

  constructor(
    raw: RawConnection,
    database: string | undefined,
    render: MysqlSourceOptions["render"],
    giveBack: (discard: boolean) => void,
    batches = false,
  ) {
    this.#raw = raw;
    this.database = database;
    this.#render = render;
    this.#giveBack = giveBack;
    this.#batches = batches;
  }

  /** The server's id for this session (`CONNECTION_ID()`). */
  get threadId(): number {
    return this.#raw.threadId;
  }

  /** Set by the source: how to stop this session's running statement. */
  onCancel: (() => Promise<void>) | undefined;

  async cancel(): Promise<void> {
    await this.onCancel?.();
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    const { result, sets } = await this.#run(sql, params);
    const results = sets === 1 ? [result] : (result as unknown[]);
    return results.reduce((sum: number, r) => sum + (isHeader(r) ? r.affectedRows : 0), 0);
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const { result, sets } = await this.#run(sql, params);
    if (sets === 1) return Array.isArray(result) ? (result as R[]) : [];
    // Several statements: the rows of the last one that returned rows.
    const rowSets = (result as unknown[]).filter((r) => Array.isArray(r));
    return (rowSets.at(-1) as R[] | undefined) ?? [];
  }

  async begin(): Promise<void> {
    await this.#run("START TRANSACTION");
    this.#inTransaction = true;
  }

  async commit(): Promise<void> {
    await this.#run("COMMIT");
    this.#inTransaction = false;
  }

  /** One round trip where the session takes batches: a failing COMMIT stops the batch there. */
  async commitAndBegin(before?: string): Promise<void> {
    if (!this.#batches) {
      if (before !== undefined) await this.#run(before);
      await this.commit();
      await this.begin();
      return;
    }
    await this.#run(`${before === undefined ? "" : `${before}; `}COMMIT; START TRANSACTION`);
    this.#inTransaction = true;
  }

  /**
   * `commitAndBegin(before)` and then `after` in the new transaction, one round trip where the
   * session takes batches. `after` failing alone (the batch's last statement) leaves the
   * commit and the new transaction standing: false, for the caller to send it again.
   */
  async commitAndBeginThen(before: string | undefined, after: string): Promise<boolean> {
    if (!this.#batches) {
      await this.commitAndBegin(before);
      return false;
    }
    const head = before === undefined ? 0 : 1;
    try {
      await this.#run(
        `${before === undefined ? "" : `${before}; `}COMMIT; START TRANSACTION; ${after}`,
      );
    } catch (error) {
      // Statements before it completed: the commit ran and the transaction is open.
      if (batchCompletedOf(error) !== head + 2) throw error;
      this.#inTransaction = true;
      return false;
    }
    this.#inTransaction = true;
    return true;
  }

  async rollback(): Promise<void> {
    this.#inTransaction = false;
    await this.#run("ROLLBACK");
  }

  async release(): Promise<void> {
    if (this.#released) return;
    let discard = false;
    if (this.#inTransaction) {
      // Reset on return, as SQLAlchemy does: the next user must not inherit a transaction.
      discard = await this.rollback().then(
        () => false,
        () => true,
      );
    }
    this.#released = true;
    this.#giveBack(discard);
  }

  async #run(sql: string, params?: readonly unknown[]): Promise<{ result: unknown; sets: number }> {
    if (this.#released) throw releasedError();
    const text = params && params.length > 0 ? this.#render(sql, params) : sql;
    return run(this.#raw, text);
  }
}

/** Runs SQL text; `sets` counts result sets (more than one for a multi-statement batch). */
function run(raw: RawConnection, sql: string): Promise<{ result: unknown; sets: number }> {
  return new Promise((resolve, reject) => {
    const query = raw.query(sql, (error, result) => {
      // mysql2 counts finished result sets here; on an error, the statements that ran.
      const completed = (query as unknown as { _resultIndex?: number })._resultIndex ?? 0;
      if (error) {
        if (isFatal(error)) broken.add(raw);
        reject(noteBatchPosition(error, completed));
      } else resolve({ result, sets: completed + 1 });
    });
  });
}

async function openRaw(
  options: ConnectionOptions,
  config: MysqlUrlConfig,
  url: DatabaseUrl,
): Promise<RawConnection> {
  const raw = mysql2Driver().createConnection(options);
  // A session the server drops while idle emits "error"; without a listener Node would crash.
  raw.on("error", () => broken.add(raw));
  raw.on("end", () => broken.add(raw));
  try {
    await new Promise<void>((resolve, reject) => {
      raw.once("connect", () => resolve());
      raw.once("error", reject);
    });
  } catch (error) {
    raw.destroy();
    throw connectionError(error, config, url);
  }
  return raw;
}

/** Ends a session politely (COM_QUIT); a dead or slow one is destroyed. */
function closeRaw(raw: RawConnection): Promise<void> {
  if (broken.has(raw)) {
    raw.destroy();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      raw.destroy();
      resolve();
    }, 1000);
    raw.end(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function isHeader(value: unknown): value is { affectedRows: number } {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && "affectedRows" in value
  );
}
