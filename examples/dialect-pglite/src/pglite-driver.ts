import { setTimeout as sleep } from "node:timers/promises";
import type { PGlite, Results } from "@electric-sql/pglite";
import {
  type Connection,
  type ConnectionSource,
  type LockBusy,
  type LockHandle,
  LockTimeoutError,
  MigError,
  type Row,
} from "@mig/core/dialect";
import { leaveDataDir, type OpenDataDir, tryOpenDataDir } from "./pglite-instances.js";

/** How long a command that takes no migration lock (`mig current`) waits for the directory. */
const OPEN_WAIT_MS = 60_000;

/**
 * No pool: `acquire()` hands out this source's one connection, queued while it is out. The
 * instance is opened on first use, and only once this process holds the data directory's
 * lock file (pglite-lock.ts); `close()` lets it go (see pglite-instances.ts).
 */
export class PGliteConnectionSource implements ConnectionSource {
  /** The data directory, absolute; undefined for `pglite::memory:`. */
  readonly dataDir: string | undefined;
  readonly #keepOpenMs: number;
  readonly #connection: PGliteConnection;
  #open: OpenDataDir | undefined;
  #opening: Promise<true | string> | undefined;
  #runLock: LockHandle | undefined;
  #out: Promise<void> = Promise.resolve();

  constructor(dataDir: string | undefined, keepOpenMs = 0) {
    this.dataDir = dataDir;
    this.#keepOpenMs = keepOpenMs;
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
  tryOpen(): Promise<true | string> {
    // Concurrent callers share one attempt: each attempt that opens counts as a user.
    this.#opening ??= tryOpenDataDir(this.dataDir).then(
      (got) => {
        if (typeof got === "string") {
          this.#opening = undefined;
          return got;
        }
        this.#open = got;
        return true;
      },
      (error: unknown) => {
        this.#opening = undefined;
        throw error;
      },
    );
    return this.#opening;
  }

  /** One try at the migration lock: the directory, and no other run of this process on it. */
  async tryLockRun(): Promise<LockHandle | LockBusy> {
    const opened = await this.tryOpen();
    if (opened !== true) return { holder: opened };
    const dir = this.#open!;
    if (this.#runLock) return this.#runLock;
    if (dir.runLocked) return { holder: `held by another run of this process on ${this.dataDir}` };
    dir.runLocked = true;
    const handle: LockHandle = {
      release: async () => {
        if (this.#runLock !== handle) return;
        this.#runLock = undefined;
        dir.runLocked = false;
      },
    };
    this.#runLock = handle;
    return handle;
  }

  /** The instance if open: nothing opens it just to be released. */
  get current(): PGlite | undefined {
    const db = this.#open?.db;
    return db && !db.closed ? db : undefined;
  }

  /** The open instance; waits (polling) for another process to free the directory first. */
  async db(): Promise<PGlite> {
    const deadline = Date.now() + OPEN_WAIT_MS;
    for (;;) {
      const got = await this.tryOpen();
      if (got === true) return this.#open!.db;
      if (Date.now() >= deadline) throw new LockTimeoutError(OPEN_WAIT_MS, got);
      await sleep(100);
    }
  }

  async close(): Promise<void> {
    await this.#opening?.catch(() => undefined);
    const dir = this.#open;
    this.#opening = undefined;
    if (!dir) return;
    this.#open = undefined;
    await this.#runLock?.release();
    await leaveDataDir(dir, this.#keepOpenMs);
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
