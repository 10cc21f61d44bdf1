import { setTimeout as sleep } from "node:timers/promises";
import { PGlite, type Results, types } from "@electric-sql/pglite";
import {
  type Connection,
  type ConnectionSource,
  DatabaseConnectionError,
  LockTimeoutError,
  MigError,
  type Row,
} from "@mig/core/dialect";
import { DataDirLock, lockFilePath } from "./pglite-lock.js";

/** How long a command that takes no migration lock (`mig current`) waits for the directory. */
const OPEN_WAIT_MS = 60_000;

/** Values as pg returns them, so @mig/postgres's introspector reads them the same way. */
const PARSERS = {
  [types.INT8]: (text: string) => text,
  [types.NUMERIC]: (text: string) => text,
};

/**
 * One PGlite instance, so no pool: `acquire()` hands out its one connection, queued while
 * it is out. The instance is opened on first use and only after this source holds the
 * data directory's lock file (see pglite-lock.ts); `close()` closes it and frees the file.
 */
export class PGliteConnectionSource implements ConnectionSource {
  /** The data directory, absolute; undefined for `pglite::memory:`. */
  readonly dataDir: string | undefined;
  readonly #connection: PGliteConnection;
  #db: PGlite | undefined;
  #lock: DataDirLock | undefined;
  #out: Promise<void> = Promise.resolve();

  constructor(dataDir: string | undefined) {
    this.dataDir = dataDir;
    this.#connection = new PGliteConnection(this);
  }

  /** Waits until the one connection is back, then lends it out. */
  async acquire(): Promise<PGliteConnection> {
    const previous = this.#out;
    let giveBack!: () => void;
    this.#out = new Promise((resolve) => {
      giveBack = resolve;
    });
    await previous;
    this.#connection.lend(giveBack);
    return this.#connection;
  }

  /** One try at the data directory: true once open, or who holds it. */
  async tryOpen(): Promise<true | string> {
    if (this.#db) return true;
    if (this.dataDir !== undefined && !this.#lock) {
      const got = DataDirLock.try(lockFilePath(this.dataDir));
      if (typeof got === "string") return got;
      this.#lock = got;
    }
    try {
      const db = new PGlite({ dataDir: this.dataDir, parsers: PARSERS });
      await db.waitReady;
      this.#db = db;
      return true;
    } catch (cause) {
      this.#lock?.release();
      this.#lock = undefined;
      throw new DatabaseConnectionError(
        `Cannot open the PGlite database ${this.dataDir ?? ":memory:"}: ${(cause as Error).message}.`,
        "Check that the directory is a PGlite data directory (or missing) and this user can write to it.",
        cause,
      );
    }
  }

  /** The instance if open: nothing opens it just to be released. */
  get current(): PGlite | undefined {
    return this.#db && !this.#db.closed ? this.#db : undefined;
  }

  /** The open instance; waits (polling) for another process to free the directory first. */
  async db(): Promise<PGlite> {
    const deadline = Date.now() + OPEN_WAIT_MS;
    for (;;) {
      const got = await this.tryOpen();
      if (got === true) return this.#db!;
      if (Date.now() >= deadline) throw new LockTimeoutError(OPEN_WAIT_MS, got);
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    try {
      await this.#db?.close();
    } finally {
      this.#db = undefined;
      this.#lock?.release();
      this.#lock = undefined;
    }
  }
}

/**
 * The session. `execute`/`query` without parameters use the simple protocol (several
 * statements in one call, as a .sql migration has); with parameters, one statement.
 */
export class PGliteConnection implements Connection {
  readonly source: PGliteConnectionSource;
  #giveBack: (() => void) | undefined;

  constructor(source: PGliteConnectionSource) {
    this.source = source;
  }

  /** Called by the source when it hands this connection out. */
  lend(giveBack: () => void): void {
    this.#giveBack = giveBack;
  }

  async execute(sql: string, params?: readonly unknown[]): Promise<number> {
    const results = await this.#run(sql, params);
    return results.reduce((sum, r) => sum + (r.rowCount ?? 0), 0);
  }

  async query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    const results = await this.#run(sql, params);
    // Several statements: the rows of the last one that returns rows.
    const withRows = results.filter((r) => (r.fields?.length ?? 0) > 0);
    return ((withRows.at(-1) ?? results.at(-1))?.rows ?? []) as R[];
  }

  async begin(): Promise<void> {
    await this.#run("BEGIN");
  }

  /** COMMIT of a failed transaction rolls back without an error in PostgreSQL: say so. */
  async commit(): Promise<void> {
    const [result] = await this.#run("COMMIT");
    if (result?.command === "ROLLBACK") {
      throw new MigError(
        "transaction_aborted",
        "The transaction was rolled back: a statement in it had failed.",
        { hint: "Find the earlier error; nothing of this transaction was saved." },
      );
    }
  }

  async rollback(): Promise<void> {
    await this.#run("ROLLBACK");
  }

  /** Rolls back a transaction left open, then lets the next `acquire()` have it. */
  async release(): Promise<void> {
    const giveBack = this.#giveBack;
    if (!giveBack) return;
    this.#giveBack = undefined;
    try {
      const db = this.source.current;
      if (db?.isInTransaction()) await db.exec("ROLLBACK");
    } finally {
      giveBack();
    }
  }

  async #run(sql: string, params?: readonly unknown[]): Promise<Results[]> {
    if (!this.#giveBack) {
      throw new MigError("connection_released", "The PGlite connection was used after release.");
    }
    const db = await this.source.db();
    if (params && params.length > 0) return [await db.query(sql, [...params])];
    return db.exec(sql);
  }
}
