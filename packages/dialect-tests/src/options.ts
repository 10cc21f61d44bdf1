import type { Dialect } from "@mig/core";

export interface TestDatabase {
  /** URL of a new, empty database. */
  readonly url: string;
  /** Removes it after the test. */
  drop(): Promise<void>;
}

export interface ConformanceOptions {
  /** Shown in the test names. */
  readonly name: string;
  /** Creates the dialect under test (in-process runs). */
  readonly dialect: () => Dialect;
  /** Absolute path of the built module exporting `createDialect`, for spawned `mig` processes. */
  readonly dialectModule: string;
  /** Absolute path of the `mig` executable script (`@mig/cli`'s `bin/mig.js`). */
  readonly cli: string;
  /** A fresh empty database per test. */
  readonly database: () => Promise<TestDatabase>;
  /** How many `mig up` processes the concurrency test starts at once. Default 20. */
  readonly processes?: number;
  /**
   * Run the operations part: every `op` operation and its reverse, offline SQL equal to
   * online, and awkward identifiers. Needs the dialect's DDL compiler and `introspect()`.
   * Default true; a dialect that does not support DDL operations yet sets it to false.
   */
  readonly operations?: boolean;
  /**
   * The database has users, so the applied log's `db_user` must be filled. Default true;
   * an embedded database without users (SQLite) sets it to false.
   */
  readonly databaseUsers?: boolean;
  /**
   * Run the autogenerate part: a corpus of declared changes, random schema pairs and a
   * schema of every type, each through `compareDatabase`, rendered migrations, `upgrade()`
   * and back with `downgrade()`. Needs `snapshotDeclared()`. Default true; `false` opts out.
   */
  readonly autogenerate?: boolean | AutogenerateOptions;
  /**
   * A statement that runs for `seconds` (`SELECT pg_sleep(n)`). Given, Ctrl-C is also tested
   * while such a statement runs: the dialect's connection must cancel it. Leave it out where
   * the driver blocks the process while a statement runs (better-sqlite3).
   */
  readonly sleepSql?: (seconds: number) => string;
}

export interface AutogenerateOptions {
  /**
   * The dialect keeps an enum's values, as a named type (PostgreSQL) or in the column's
   * type (MySQL's ENUM): the corpus then adds a value to one. Default false.
   */
  readonly enumValues?: boolean;
  /**
   * How many random schema pairs the property test runs; default 12, or the
   * MIG_AUTOGENERATE_PAIRS environment variable. MIG_AUTOGENERATE_SEED sets the first seed.
   */
  readonly pairs?: number;
}
