export {
  createDialect,
  PostgresDialect,
  type PostgresDialectOptions,
  postgres,
} from "./postgres-dialect.js";
export {
  type HeldLock,
  PostgresConnection,
  PostgresConnectionSource,
  type PostgresSourceOptions,
} from "./postgres-driver.js";
export { type ConnectTarget, connectionError, PoolTimeoutError } from "./postgres-errors.js";
export { inlinePostgresParams } from "./postgres-literal.js";
export {
  acquireAdvisoryLock,
  acquireTableLock,
  advisoryLockKey,
  LOCK_POLL_MS,
  releaseAdvisoryLock,
  releaseTableLock,
} from "./postgres-lock.js";
export { type PoolResource, type PoolStats, QueuePool } from "./postgres-pool.js";
export {
  type ParseOptions,
  POSTGRES_URL_PARAMS,
  type PostgresLockMode,
  type PostgresUrlConfig,
  parsePostgresUrl,
} from "./postgres-url.js";
