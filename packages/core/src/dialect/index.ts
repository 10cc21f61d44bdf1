export type { Connection, ConnectionSource, Row } from "./connection.js";
export {
  type DatabaseUrl,
  decodeUrlPart,
  invalidUrl,
  maskSecrets,
  maskUrl,
  parseDatabaseUrl,
} from "./database-url.js";
export type { DdlCompiler, OperationContext } from "./ddl-compiler.js";
export { DdlCompilerBase, type SqlWriter } from "./ddl-compiler-base.js";
export type { ConnectOptions, Dialect, LockOptions, VersionTableSql } from "./dialect.js";
export { DialectBase } from "./dialect-base.js";
export { DEFAULT_CAPABILITIES, type DialectCapabilities } from "./dialect-capabilities.js";
export {
  connectionReleasedError,
  DatabaseConnectionError,
  LockTimeoutError,
} from "./dialect-errors.js";
export { DEFAULT_POOL_OPTIONS, type PoolOptions } from "./pool-options.js";
export {
  flagParam,
  POOL_URL_PARAMS,
  poolOptionsFromParams,
  secondsParam,
  wholeParam,
} from "./pool-url-params.js";
export type { QualifiedName } from "./qualified-name.js";
export {
  PoolClosedError,
  type PoolResource,
  type PoolStats,
  PoolTimeoutError,
  QueuePool,
} from "./queue-pool.js";
export { type DialectFactory, KNOWN_DIALECT_PACKAGES, resolveDialect } from "./resolve-dialect.js";
export type {
  ColumnSnapshot,
  EnumSnapshot,
  ForeignKeySnapshot,
  IndexSnapshot,
  IntrospectOptions,
  Queryable,
  SchemaSnapshot,
  TableSnapshot,
} from "./schema-snapshot.js";
export { snapshotToDefinition } from "./snapshot-to-definition.js";
