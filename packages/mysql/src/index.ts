// Moved to @mig/core; re-exported so this package's public API stays as it was.
export { type PoolResource, type PoolStats, PoolTimeoutError, QueuePool } from "@mig/core/dialect";
export { DEFAULT_VARCHAR_LENGTH, mysqlColumnType } from "./mysql-column-type.js";
export { MysqlDdlCompiler } from "./mysql-ddl-compiler.js";
export { createDialect, MysqlDialect, type MysqlDialectOptions, mysql } from "./mysql-dialect.js";
export { MysqlConnection, MysqlConnectionSource, type MysqlSourceOptions } from "./mysql-driver.js";
export { introspect as introspectMysql } from "./mysql-introspector.js";
export { inlineMysqlParams, mysqlStringLiteral } from "./mysql-literal.js";
export { mysqlLockName, tryMysqlLock } from "./mysql-lock.js";
export { DEFAULT_LOCK_STALE_SECONDS } from "./mysql-table-lock.js";
export {
  MYSQL_URL_PARAMS,
  type MysqlLockMode,
  type MysqlUrlConfig,
  parseMysqlUrl,
} from "./mysql-url.js";
