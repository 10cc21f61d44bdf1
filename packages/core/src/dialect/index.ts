export type { Connection, ConnectionSource, Row } from "./connection.js";
export type { Dialect, ConnectOptions, LockOptions, VersionTableSql } from "./dialect.js";
export { DEFAULT_CAPABILITIES, type DialectCapabilities } from "./dialect-capabilities.js";
export { DEFAULT_POOL_OPTIONS, type PoolOptions } from "./pool-options.js";
export type { QualifiedName } from "./qualified-name.js";
export { DialectBase } from "./dialect-base.js";
export { parseDatabaseUrl, maskUrl, maskSecrets, type DatabaseUrl } from "./database-url.js";
export { LockTimeoutError, DatabaseConnectionError } from "./dialect-errors.js";
export { resolveDialect, KNOWN_DIALECT_PACKAGES, type DialectFactory } from "./resolve-dialect.js";
