/**
 * `@mig/core/dialect`: what a dialect package implements and may use. Users import
 * `@mig/core`; the base classes, the pool and the URL helpers here may change with the
 * dialect contract. The contract types and errors are here too, so a dialect needs only
 * this entry point and, for the operation model (Operation, TableDefinition...), `@mig/core`.
 */
export type { Connection, ConnectionSource, Queryable, Row } from "./connection/connection.js";
export {
  type DatabaseUrl,
  decodeUrlPart,
  invalidUrl,
  maskSecrets,
  maskUrl,
  parseDatabaseUrl,
} from "./connection/database-url.js";
export { DEFAULT_POOL_OPTIONS, type PoolOptions } from "./connection/pool-options.js";
export {
  flagParam,
  POOL_URL_PARAMS,
  poolOptionsFromParams,
  secondsParam,
  wholeParam,
} from "./connection/pool-url-params.js";
export { probeSource } from "./connection/probe-source.js";
export type { QualifiedName } from "./connection/qualified-name.js";
export {
  PoolClosedError,
  type PoolResource,
  type PoolStats,
  PoolTimeoutError,
  QueuePool,
} from "./connection/queue-pool.js";
export {
  checkUrlParams,
  type UrlInMessages,
  type UrlParamRules,
} from "./connection/url-param-rules.js";
export { batchCompletedOf, markBatchCompleted } from "./dialect/batch-position.js";
export { DdlClauses } from "./dialect/ddl-clauses.js";
export type { DdlCompiler } from "./dialect/ddl-compiler.js";
export { DdlCompilerBase } from "./dialect/ddl-compiler-base.js";
export type {
  ConnectOptions,
  Dialect,
  Executor,
  LockBusy,
  LockHandle,
  LockOptions,
  OfflineTransactionFrame,
  OperationContext,
  VersionTableSql,
} from "./dialect/dialect.js";
export { DialectBase } from "./dialect/dialect-base.js";
export { DEFAULT_CAPABILITIES, type DialectCapabilities } from "./dialect/dialect-capabilities.js";
export {
  connectionReleasedError,
  DatabaseConnectionError,
  LockTimeoutError,
} from "./dialect/dialect-errors.js";
export type {
  LogColumnTypes,
  LogRowValues,
  LogTableSql,
  LogTime,
} from "./dialect/log-table-sql.js";
export { OUTSIDE_TRANSACTION_FIX } from "./dialect/outside-transaction-fix.js";
export type { DialectFactory } from "./dialect/resolve-dialect.js";
export type { SqlWriter } from "./dialect/sql-writer.js";
export {
  type DetailOwners,
  refuseDetails,
  type TableDetail,
} from "./dialect/unsupported-details.js";
export { isMigError, MigError, type MigErrorOptions } from "./errors/mig-error.js";
// The operation-model helpers a dialect calls (also exported by `@mig/core`): a dialect that
// takes its values from here keeps the rest of core's public surface out of a CLI run.
export { applyToTable } from "./operations/apply-to-table.js";
export { normalizeType, t } from "./operations/column-type.js";
export { isSqlExpression, sql } from "./operations/sql-expression.js";
export { indexKey } from "./operations/table-definition.js";
// The wait loop around a dialect's tryAcquireLock, for a dialect's own lock tests.
export { type AcquireLockOptions, acquireLock } from "./runtime/acquire-lock.js";
export type {
  CheckSnapshot,
  ColumnSnapshot,
  EnumSnapshot,
  ForeignKeySnapshot,
  IndexKeySnapshot,
  IndexSnapshot,
  IntrospectOptions,
  SchemaSnapshot,
  TableSnapshot,
  UniqueSnapshot,
  UnsupportedObject,
} from "./schema/schema-snapshot.js";
export { snapshotToDefinition } from "./schema/snapshot-to-definition.js";
