export type { DdlCompiler } from "./ddl-compiler.js";
export { DdlCompilerBase } from "./ddl-compiler-base.js";
export type {
  ConnectOptions,
  Dialect,
  Executor,
  LockBusy,
  LockHandle,
  LockOptions,
  OperationContext,
  VersionTableSql,
} from "./dialect.js";
export { DialectBase } from "./dialect-base.js";
export { DEFAULT_CAPABILITIES, type DialectCapabilities } from "./dialect-capabilities.js";
export {
  connectionReleasedError,
  DatabaseConnectionError,
  LockTimeoutError,
} from "./dialect-errors.js";
export { type DialectFactory, KNOWN_DIALECT_PACKAGES, resolveDialect } from "./resolve-dialect.js";
export type {
  ColumnSnapshot,
  EnumSnapshot,
  ForeignKeySnapshot,
  IndexSnapshot,
  IntrospectOptions,
  SchemaSnapshot,
  TableSnapshot,
} from "./schema-snapshot.js";
export type { SqlWriter } from "./sql-writer.js";
