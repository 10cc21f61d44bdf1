export { SqliteDdlCompiler } from "./sqlite-ddl-compiler.js";
export {
  createDialect,
  SQLITE_CAPABILITIES,
  SqliteDialect,
  type SqliteDialectOptions,
  sqlite,
} from "./sqlite-dialect.js";
export { SqliteConnection, SqliteConnectionSource } from "./sqlite-driver.js";
export type { SqliteDriverOptions } from "./sqlite-driver-options.js";
export { introspect } from "./sqlite-introspector.js";
export { FileLock, LOCK_FILE_SUFFIX, lockFilePath } from "./sqlite-lock.js";
export {
  MEMORY,
  parseSqliteUrl,
  SQLITE_URL_PARAMS,
  type SqliteTarget,
  type SqliteUrlSettings,
  sqliteFilePath,
} from "./sqlite-url.js";
