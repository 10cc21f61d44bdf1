export { createDialect, MysqlDialect, type MysqlDialectOptions, mysql } from "./mysql-dialect.js";
export { MysqlConnection, MysqlConnectionSource, type MysqlSourceOptions } from "./mysql-driver.js";
export { PoolTimeoutError } from "./mysql-errors.js";
export { inlineMysqlParams, mysqlStringLiteral } from "./mysql-literal.js";
export { acquireMysqlLock, mysqlLockName, releaseMysqlLock } from "./mysql-lock.js";
export { type PoolResource, type PoolStats, QueuePool } from "./mysql-pool.js";
export { MYSQL_URL_PARAMS, type MysqlUrlConfig, parseMysqlUrl } from "./mysql-url.js";
