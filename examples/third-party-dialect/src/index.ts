export { createDialect, LiteDialect } from "./lite-dialect.js";
export { LiteConnection, LiteConnectionSource } from "./lite-driver.js";
export { LiteLock, lockFilePath } from "./lite-lock.js";
