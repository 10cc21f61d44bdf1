import type { QualifiedName } from "../connection/qualified-name.js";
import type { MigConfig } from "./mig-config.js";

/**
 * The applied log a config names: `logTable` (default `mig_log`) in `logTableSchema`,
 * else the version table's schema. mig's own table: autogenerate and pull leave it out.
 */
export function logTableName(config: MigConfig): QualifiedName {
  return {
    name: config.logTable ?? "mig_log",
    schema: config.logTableSchema ?? config.versionTableSchema,
  };
}
