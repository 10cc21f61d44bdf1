export * from "./command/index.js";
export { CONFIG_FILE_NAMES, type LoadedConfig, loadConfig } from "./config/load-config.js";
export {
  defineConfig,
  type HookContext,
  type MigConfig,
  type OfflineHookContext,
  type OnlineHookContext,
} from "./config/mig-config.js";
export type { MigLogger } from "./config/mig-logger.js";
export { openProject, type Project, type ProjectOptions } from "./config/project.js";
export type {
  GeneratedRevision,
  ProcessRevisionDirectives,
  RevisionDirectivesContext,
} from "./config/revision-directives.js";
export * from "./connection/index.js";
export * from "./dialect/index.js";
export { isMigError, MigError, type MigErrorOptions } from "./errors/mig-error.js";
export * from "./fleet/index.js";
export * from "./operations/index.js";
export * from "./revision/index.js";
export { type AcquireLockOptions, acquireLock } from "./runtime/acquire-lock.js";
export { type ChecksumMismatch, ChecksumMismatchError } from "./runtime/checksum-mismatch.js";
export { OnlineExecutor } from "./runtime/executor.js";
export type { LogEntry } from "./runtime/log-row.js";
export { MigrationFailedError } from "./runtime/migration-errors.js";
export { OfflineExecutor } from "./runtime/offline-executor.js";
export {
  type HalfApplied,
  HalfAppliedError,
  ResumeMismatchError,
  StoppedStepError,
} from "./runtime/resume-step.js";
export type {
  DatabaseInfo,
  LockWait,
  RunEvents,
  StepInfo,
  StepResult,
} from "./runtime/run-events.js";
export { MigrationInterruptedError } from "./runtime/run-interrupt.js";
export type { RunOptions, RunResult } from "./runtime/run-migrations.js";
export {
  projectDialect,
  type Session,
  type SessionOptions,
  withSession,
} from "./runtime/session.js";
export type { SqlLog, SqlLogEntry } from "./runtime/sql-log.js";
export type { StoppedStep } from "./runtime/stopped-steps.js";
export * from "./schema/index.js";
export * from "./script/index.js";
