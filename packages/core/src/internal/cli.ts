/**
 * `@mig/core/internal/cli`: what every command of `@mig/cli` needs (errors, revision
 * marks), without the rest of core. Internal to mig: not a public API, it changes with the
 * CLI. The `internal/*` entry points let each CLI command load only its own part of core.
 */
export { type RevisionInfo, revisionInfo } from "../command/revision-info.js";
export { isMigError, MigError } from "../errors/mig-error.js";
export { revisionMarks } from "../revision/revision-marks.js";
