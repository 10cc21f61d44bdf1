export { createDialect, PGliteDialect, type PGliteDialectOptions } from "./pglite-dialect.js";
export { PGliteConnection, PGliteConnectionSource } from "./pglite-driver.js";
export { DataDirLock, lockFilePath } from "./pglite-lock.js";
