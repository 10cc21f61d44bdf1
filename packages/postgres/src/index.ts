// Moved to @mig/core; re-exported so this package's public API stays as it was.
export { type PoolResource, type PoolStats, PoolTimeoutError, QueuePool } from "@mig/core/dialect";
export { PostgresDdlCompiler } from "./postgres-ddl-compiler.js";
export {
  createDialect,
  PostgresDialect,
  type PostgresDialectOptions,
  postgres,
} from "./postgres-dialect.js";
export { POSTGRES_CAPABILITIES, PostgresDialectBase } from "./postgres-dialect-base.js";
export {
  PostgresConnection,
  PostgresConnectionSource,
  type PostgresSourceOptions,
} from "./postgres-driver.js";
export { type ConnectTarget, connectionError } from "./postgres-errors.js";
export { introspect } from "./postgres-introspector.js";
export { inlinePostgresParams } from "./postgres-literal.js";
export { advisoryLockKey, tryAdvisoryLock, tryTableLock } from "./postgres-lock.js";
export {
  type ParseOptions,
  POSTGRES_URL_PARAMS,
  type PostgresLockMode,
  type PostgresUrlConfig,
  parsePostgresUrl,
} from "./postgres-url.js";
