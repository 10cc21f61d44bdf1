import type { MigConfig } from "./mig-config.js";

/**
 * Every key of an options type, each `true`: written as a record so the compiler says when a
 * key is added to the type and not here (or named here and not in the type). A call checks
 * the keys it is given against one, so `upgrade({ sqll: true })` is refused, not run online.
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/** The config's keys: a config file's, and a call's where they override the file's. */
export const CONFIG_KEYS: OptionKeys<MigConfig> = {
  url: true,
  scriptLocation: true,
  versionLocations: true,
  versionTable: true,
  versionTableSchema: true,
  logTable: true,
  logTableSchema: true,
  onChecksumMismatch: true,
  fileTemplate: true,
  timezone: true,
  transactionPerMigration: true,
  lockTimeout: true,
  dialects: true,
  schema: true,
  includeName: true,
  includeObject: true,
  processRevisionDirectives: true,
  pool: true,
  beforeMigrate: true,
  afterMigrate: true,
  connect: true,
  databases: true,
  targets: true,
  logSql: true,
  logger: true,
};
