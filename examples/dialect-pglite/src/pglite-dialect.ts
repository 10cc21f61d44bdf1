import { existsSync, statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import {
  type Connection,
  type ConnectOptions,
  type DatabaseUrl,
  type DialectCapabilities,
  type LockBusy,
  type LockHandle,
  type LockOptions,
  MigError,
} from "@mig/core/dialect";
import { POSTGRES_CAPABILITIES, PostgresDialectBase } from "@mig/postgres";
import { PGliteConnection, PGliteConnectionSource } from "./pglite-driver.js";

/**
 * `pglite:./pgdata` (a data directory, relative to the config's directory) or
 * `pglite::memory:`, on PGlite: PostgreSQL compiled to WASM, in this process. Everything
 * PostgreSQL-shaped (DDL compiler, introspector, literals, enum changes, autogenerate's
 * scratch schemas) is @mig/postgres's, inherited through its public `PostgresDialectBase`;
 * this class replaces only what differs: the connection and the lock.
 */
export interface PGliteDialectOptions {
  /**
   * Milliseconds to keep a data directory open after its last user closes it, so a program
   * that connects again and again (a test suite) starts PGlite once. Default 0: closed at
   * once, so another process can have it (what `mig` uses when it loads this package).
   */
  readonly keepOpenMs?: number;
}

export class PGliteDialect extends PostgresDialectBase {
  readonly name = "pglite";
  readonly schemes: readonly string[] = ["pglite"];
  // PostgreSQL's, but one connection: there is no second session to hold anything.
  override readonly capabilities: DialectCapabilities = {
    ...POSTGRES_CAPABILITIES,
    multipleConnections: false,
  };
  readonly options: PGliteDialectOptions;

  constructor(options: PGliteDialectOptions = {}) {
    super();
    this.options = options;
  }

  async connect(url: DatabaseUrl, options: ConnectOptions): Promise<PGliteConnectionSource> {
    const path = decodeURIComponent(url.rest.split("?", 1)[0]!);
    if (path === "") {
      throw new MigError("invalid_url", `The URL '${url.masked}' names no data directory.`, {
        usage: true,
        hint: "Write it as pglite:./pgdata, pglite:/absolute/pgdata or pglite::memory:.",
      });
    }
    if (path === ":memory:") return new PGliteConnectionSource(undefined);
    if (path.startsWith("//")) {
      throw new MigError("invalid_url", `The URL '${url.masked}' names a host; PGlite has none.`, {
        usage: true,
        hint: "Name the data directory: pglite:./pgdata, pglite:/absolute/pgdata or pglite::memory:.",
      });
    }
    const keepOpenMs = this.options.keepOpenMs ?? 0;
    const dir = isAbsolute(path) ? path : resolve(options.cwd ?? process.cwd(), path);
    assertOpenable(dir);
    // `current`, `status`, `down`... create no database: a missing one reads as empty.
    if (options.create === false && !existsSync(dir)) return new PGliteConnectionSource(undefined);
    return new PGliteConnectionSource(dir, keepOpenMs);
  }

  /**
   * One try, without waiting (mig's own loop waits, names the holder, and gives up after
   * --lock-timeout): the data directory's lock file, so no other process has it open, and
   * then no other run of this process on it.
   */
  override async tryAcquireLock(
    connection: Connection,
    _options: LockOptions,
  ): Promise<LockHandle | LockBusy> {
    if (!(connection instanceof PGliteConnection)) {
      throw new MigError(
        "lock_unsupported",
        "The PGlite migration lock needs a connection made by mig-dialect-pglite.",
        { hint: "Let mig connect: drop the connect hook from the config." },
      );
    }
    return connection.source.tryLockRun();
  }
}

/** What mig imports from `mig-dialect-pglite` when it meets a `pglite:` URL. */
export function createDialect(options?: PGliteDialectOptions): PGliteDialect {
  return new PGliteDialect(options);
}

/** A data directory PGlite can create or open: its parent exists, and it is no file. */
function assertOpenable(dir: string): void {
  const parent = dirname(dir);
  if (!existsSync(parent)) {
    throw new MigError(
      "connection_failed",
      `Cannot open the PGlite database ${dir}: the directory ${parent} does not exist.`,
      { hint: `Create the directory (mkdir -p ${parent}) or fix the path in the database URL.` },
    );
  }
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new MigError(
      "connection_failed",
      `Cannot open the PGlite database ${dir}: it is a file, not a data directory.`,
      { hint: "Point the URL at a PGlite data directory, or at a path that does not exist yet." },
    );
  }
}
