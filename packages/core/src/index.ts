export { MigError, isMigError, type MigErrorOptions } from "./errors/mig-error.js";
export * from "./revision/index.js";
export * from "./dialect/index.js";
