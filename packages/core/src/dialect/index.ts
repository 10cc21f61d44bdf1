// What users see of this layer; dialect-api.ts adds what only dialects use (base classes).
export type { DdlCompiler } from "./ddl-compiler.js";
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
} from "./dialect.js";
export type { DialectCapabilities } from "./dialect-capabilities.js";
export { DatabaseConnectionError, LockTimeoutError } from "./dialect-errors.js";
export type { LogColumnTypes, LogRowValues, LogTableSql, LogTime } from "./log-table-sql.js";
export { type DialectFactory, KNOWN_DIALECT_PACKAGES, resolveDialect } from "./resolve-dialect.js";
