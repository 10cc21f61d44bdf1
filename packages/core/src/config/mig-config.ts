import type { Connection, ConnectionSource } from "../connection/connection.js";
import type { PoolOptions } from "../connection/pool-options.js";
import type { Dialect } from "../dialect/dialect.js";
import type { SchemaFilter } from "../schema/schema-filter.js";
import type { TargetsSetting } from "./fleet-target.js";
import type { MigLogger } from "./mig-logger.js";
import type { ProcessRevisionDirectives } from "./revision-directives.js";

interface HookContextBase {
  readonly dialect: Dialect;
  /** `-x key=value` arguments from the command line. */
  readonly x: Readonly<Record<string, string>>;
  readonly command: string;
  /** `--tag` from the command line (Alembic's `get_tag_argument()`). */
  readonly tag?: string | undefined;
  /**
   * Runs a statement on the run's connection; with `--sql` writes it into the script
   * instead (`beforeMigrate`'s before the first migration, `afterMigrate`'s after the last).
   */
  execute(sql: string, params?: readonly unknown[]): Promise<void>;
}

/** A hook's context in a run on a live database. */
export interface OnlineHookContext extends HookContextBase {
  readonly isOffline: false;
  readonly connection: Connection;
}

/** A hook's context in a `--sql` run: no connection, `execute` writes SQL out. */
export interface OfflineHookContext extends HookContextBase {
  readonly isOffline: true;
  readonly connection?: undefined;
}

/**
 * What `beforeMigrate` / `afterMigrate` hooks receive. Hooks run in `--sql` runs too (as
 * Alembic's env.py does): check `isOffline` before using `connection`.
 */
export type HookContext = OnlineHookContext | OfflineHookContext;

/** The settings of `mig.config.ts` (a JSON config uses the same keys, without functions). */
export interface MigConfig {
  /** Database URL; `DATABASE_URL` is used when this is not set, `--url` overrides both. */
  readonly url?: string | undefined;
  /** Where migrations live, relative to the config file. Default `migrations`. */
  readonly scriptLocation?: string | undefined;
  /** More directories of migrations; default just `scriptLocation`. */
  readonly versionLocations?: readonly string[] | undefined;
  /** Default `mig_version`. */
  readonly versionTable?: string | undefined;
  readonly versionTableSchema?: string | undefined;
  /** The applied log's table (docs/applied-log.md). Default `mig_log`. */
  readonly logTable?: string | undefined;
  /** Its schema; default the version table's. */
  readonly logTableSchema?: string | undefined;
  /**
   * What `mig up` does when an applied script was edited or removed since it ran: `"warn"`
   * (default) reports it and runs; `"error"` stops before running anything (as `--strict`).
   */
  readonly onChecksumMismatch?: "warn" | "error" | undefined;
  /** File name template for new scripts (Alembic's `file_template`). */
  readonly fileTemplate?: string | undefined;
  /** IANA zone for the dates in new file names; default UTC. */
  readonly timezone?: string | undefined;
  /** One transaction per migration (default true), or one for the whole run. */
  readonly transactionPerMigration?: boolean | undefined;
  /** Seconds to wait for another run's lock. Default 60. */
  readonly lockTimeout?: number | undefined;
  /** Dialect objects to use instead of auto-loading a package for the URL's scheme. */
  readonly dialects?: readonly Dialect[] | undefined;
  /**
   * The schema module (`./schema.ts`), relative to the config: the tables `mig check` and
   * `mig revision --autogenerate` compare the database with. `mig pull` writes one.
   */
  readonly schema?: string | undefined;
  /**
   * Autogenerate compares an object only when this returns true (Alembic's `include_name`):
   * called with each table's, column's, index's and constraint's name before comparing.
   */
  readonly includeName?: SchemaFilter["includeName"] | undefined;
  /**
   * Autogenerate compares an object only when this returns true (Alembic's
   * `include_object`). Default: leave out objects an extension owns (PostGIS's tables).
   */
  readonly includeObject?: SchemaFilter["includeObject"] | undefined;
  /** Rewrites the migration autogenerate is about to write; `null` writes none. */
  readonly processRevisionDirectives?: ProcessRevisionDirectives | undefined;
  readonly pool?: PoolOptions | undefined;
  /**
   * Runs after the lock is taken, before the version table is read and before any
   * migration; with `--sql` too, where `ctx.execute` writes into the script.
   */
  readonly beforeMigrate?: ((ctx: HookContext) => unknown) | undefined;
  /** Runs after the last migration of a successful run (with `--sql` too). */
  readonly afterMigrate?: ((ctx: HookContext) => unknown) | undefined;
  /** Hand mig an existing connection source instead of connecting from the URL. */
  readonly connect?:
    | ((url: string | undefined) => ConnectionSource | Promise<ConnectionSource>)
    | undefined;
  /** Log each statement as it runs, with its time (`--log-sql`): to `logger`, else stderr. */
  readonly logSql?: boolean | undefined;
  /** Where `logSql` lines go: `console`, a pino logger, anything with `info(message)`. Giving one turns logging on. */
  readonly logger?: MigLogger | undefined;
  /** Several databases in one project, selected with `--name`. */
  readonly databases?: Readonly<Record<string, MigConfig>> | undefined;
  /**
   * The fleet `mig up --all` and `upgradeAll` run (docs/fleets.md): `{ name, url?, schema? }`
   * entries, or a hook returning them (called with `-x` arguments). Without it, each entry
   * of `databases` is a target.
   */
  readonly targets?: TargetsSetting | undefined;
}

/** Types a config object; returns it unchanged. */
export function defineConfig(config: MigConfig): MigConfig {
  return config;
}
