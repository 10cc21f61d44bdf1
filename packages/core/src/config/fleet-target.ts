/**
 * One database (or one schema in a database) a fleet run migrates: an entry of the config's
 * `targets` list, one returned by its `targets()` hook, or an entry of `databases`.
 */
export interface FleetTarget {
  /** Unique in the fleet; what `--target` selects and the summary shows. */
  readonly name: string;
  /** The target's database URL; default the config's `url` (or `DATABASE_URL`). */
  readonly url?: string | undefined;
  /**
   * Schema-per-tenant: the schema (PostgreSQL) or database (MySQL) the target lives in. mig
   * creates it when missing, keeps the version table and the log there, and runs the
   * migrations with it as the only schema searched (`search_path` / `USE`).
   */
  readonly schema?: string | undefined;
  /**
   * The `databases` entry whose settings (scripts, version table, url) the target uses;
   * default the config's top level. Targets made from `databases` set it to their own key.
   */
  readonly database?: string | undefined;
}

/** What the config's `targets()` hook is called with. */
export interface TargetsContext {
  /** `-x key=value` arguments from the command line. */
  readonly x: Readonly<Record<string, string>>;
}

/** The config's `targets`: a list, or a hook returning one (`-x` arguments in `ctx.x`). */
export type TargetsSetting =
  | readonly FleetTarget[]
  | ((ctx: TargetsContext) => readonly FleetTarget[] | Promise<readonly FleetTarget[]>);
