import {
  type Connection,
  type ConnectionSource,
  type DatabaseUrl,
  MigError,
  PoolClosedError,
  type PoolStats,
  QueuePool,
  type Row,
} from "@mig/core/dialect";
import type pg from "pg";
import { connectionError, releasedError } from "./postgres-errors.js";
import { pgDriver } from "./postgres-pg.js";
import { type PostgresUrlConfig, searchPathSql } from "./postgres-url.js";

type RawClient = pg.Client;
type Result = pg.QueryResult<Row>;

/** Sessions that saw an error event or ended: never handed out again. */
const broken = new WeakSet<RawClient>();

export interface PostgresSourceOptions {
  /** pg client options that win over the URL's (a TLS CA, `statement_timeout`, types, ...). */
  readonly driver?: Readonly<pg.ClientConfig> | undefined;
}

/** A queue pool of pg sessions; see QueuePool for the limits. */
export class PostgresConnectionSource implements ConnectionSource {
  readonly pool: QueuePool<RawClient>;
  /** The parsed URL, without the password (which only the private driver options hold). */
  readonly config: PostgresUrlConfig;
  readonly #client: pg.ClientConfig;
  readonly #url: DatabaseUrl | undefined;
  /** Sessions opened outside the pool (a table lock's), closed with the pool. */
  readonly #detached = new Set<RawClient>();

  constructor(
    config: PostgresUrlConfig,
    url: DatabaseUrl | undefined,
    options: PostgresSourceOptions = {},
  ) {
    const { password: _, ...client } = config.client;
    this.config = { ...config, client };
    this.#url = url;
    this.#client = { ...config.client, ...options.driver };
    this.pool = new QueuePool<RawClient>(
      {
        create: () => this.#open(),
        destroy: closeRaw,
        ping: (raw) => raw.query("SELECT 1").then(() => true),
        isBroken: (raw) => broken.has(raw),
      },
      config.pool,
    );
  }

  get stats(): PoolStats {
    return this.pool.stats;
  }

  async acquire(): Promise<PostgresConnection> {
    const raw = await this.pool.acquire();
    return new PostgresConnection(raw, this, (discard) =>
      this.pool.release(raw, discard || broken.has(raw)),
    );
  }

  /**
   * A session outside the pool, closed when released: it neither waits for nor takes one
   * of the pool's places (a lock held on the side must not starve the run).
   */
  async openDetached(): Promise<PostgresConnection> {
    if (this.pool.closed) throw new PoolClosedError();
    const raw = await this.#open();
    this.#detached.add(raw);
    return new PostgresConnection(raw, this, () => {
      this.#detached.delete(raw);
      closeRaw(raw).catch(() => undefined);
    });
  }

  async close(): Promise<void> {
    const detached = [...this.#detached];
    this.#detached.clear();
    await Promise.allSettled([this.pool.close(), ...detached.map(closeRaw)]);
  }

  async #open(): Promise<RawClient> {
    const raw = new (pgDriver().Client)(this.#client);
    // A session the server drops while idle emits "error"; without a listener Node would crash.
    raw.on("error", () => broken.add(raw));
    raw.on("end", () => broken.add(raw));
    try {
      await raw.connect();
      if (this.config.schemas.length > 0) await raw.query(searchPathSql(this.config.schemas));
    } catch (error) {
      broken.add(raw);
      await closeRaw(raw);
      throw connectionError(error, this.config, this.#url);
    }
    return raw;
  }
}

/**
 * The source each connection made here came from: the lock finds its own side session
 * through it, for any `Connection` it is handed, without downcasting.
 */
const sources = new WeakMap<Connection, PostgresConnectionSource>();

/** The @mig/postgres source `connection` came from; undefined for a connection made elsewhere. */
export function sourceOf(connection: Connection): PostgresConnectionSource | undefined {
  return sources.get(connection);
}

/**
 * One checked-out session. `execute` without parameters uses the simple query protocol,
 * so one call may carry several statements; with parameters it uses the extended protocol
 * (`$1`, `$2`, ...), one statement. Calls are serialised, as a session runs one at a time.
 */
export class PostgresConnection implements Connection {
  readonly source: PostgresConnectionSource;
  readonly #raw: RawClient;
  readonly #giveBack: (discard: boolean) => void;
  #released = false;

  constructor(
    raw: RawClient,
    source: PostgresConnectionSource,
    giveBack: (discard: boolean) => void,
  ) {
    this.#raw = raw;
    this.source = source;
    this.#giveBack = giveBack;
    sources.set(this, source);
  }

  /** The server process id of this session (`pg_backend_pid()`). */
  get pid(): number {
    return (this.#raw as unknown as { processID: number }).processID;
  }

  /** Cancels the running statement from a session of its own, as psql's Ctrl-C does. */
  async cancel(): Promise<void> {
    const session = await this.source.openDetached();
    try {
      await session.query("SELECT pg_cancel_backend($1)", [this.pid]);
    } finally {
      await session.release();
    }
  }

  /** The underlying pg client, for what this interface does not cover (COPY, LISTEN). */
  get client(): pg.Client {
    return this.#raw;
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    const results = await this.#run(sql, params);
    return results.reduce((sum, r) => sum + (r.rowCount ?? 0), 0);
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const results = await this.#run(sql, params);
    // Several statements: the rows of the last one that returns rows.
    const withRows = results.filter((r) => r.fields.length > 0);
    return ((withRows.at(-1) ?? results.at(-1))?.rows ?? []) as R[];
  }

  async begin(): Promise<void> {
    await this.#run("BEGIN");
  }

  async commit(): Promise<void> {
    const [result] = await this.#run("COMMIT");
    refuseRolledBack(result);
  }

  /**
   * One simple query, one round trip: a failing COMMIT ends the query before BEGIN runs;
   * after a COMMIT that rolled back, the new transaction is open for the caller's rollback.
   */
  async commitAndBegin(before?: string): Promise<void> {
    if (before === undefined) {
      const [result] = await this.#run("COMMIT; BEGIN");
      refuseRolledBack(result);
      return;
    }
    // A failing `before` aborts the transaction and ends the query before COMMIT runs.
    const results = await this.#run(`${before}; COMMIT; BEGIN`);
    refuseRolledBack(results[1]);
  }

  async rollback(): Promise<void> {
    await this.#run("ROLLBACK");
  }

  /**
   * Gives the session back. One still inside a transaction is rolled back first, as
   * SQLAlchemy does. The migration lock's handle releases its lock before this.
   */
  async release(): Promise<void> {
    if (this.#released) return;
    let discard = false;
    if (this.#raw.getTransactionStatus() !== "I") {
      discard = await this.rollback().then(
        () => false,
        () => true,
      );
    }
    this.#released = true;
    this.#giveBack(discard);
  }

  // pg queues a session's queries and runs them one at a time in call order; sending at
  // once (no chain of our own) saves each statement two promise turns.
  async #run(sql: string, params?: readonly unknown[]): Promise<Result[]> {
    if (this.#released) throw releasedError();
    const result: Result | Result[] =
      params && params.length > 0
        ? await this.#raw.query<Row>({ text: sql, values: [...params] })
        : await this.#raw.query<Row>(sql);
    return Array.isArray(result) ? result : [result];
  }
}

/** COMMIT of a transaction that already failed rolls back without an error: say so. */
function refuseRolledBack(result: Result | undefined): void {
  if (result?.command === "ROLLBACK") {
    throw new MigError(
      "transaction_aborted",
      "The transaction was rolled back: a statement in it had failed.",
      {
        hint: "Find the earlier error; nothing of this transaction was saved.",
      },
    );
  }
}

/** Ends a session politely (Terminate); a dead or stuck one is destroyed after a second. */
async function closeRaw(raw: RawClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const forced = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      (
        raw as unknown as { connection?: { stream?: { destroy(): void } } }
      ).connection?.stream?.destroy();
      resolve();
    }, 1000);
  });
  await Promise.race([raw.end().catch(() => undefined), forced]);
  clearTimeout(timer);
}
