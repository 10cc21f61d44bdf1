export {
  type CurrentOptions,
  type CurrentResult,
  current,
  type RevisionSummary,
  type StatusResult,
  status,
} from "./current.js";
export { type InitOptions, type InitResult, init } from "./init.js";
export { openProject, type Project, type ProjectOptions } from "./project.js";
export {
  type MergeOptions,
  merge,
  type RevisionOptions,
  type RevisionResult,
  revision,
} from "./revision.js";
export type { RunOptions, RunResult } from "./run-migrations.js";
export { projectDialect, type Session, type SessionOptions, withSession } from "./session.js";
export {
  type DowngradeOptions,
  downgrade,
  type StampOptions,
  stamp,
  type UpgradeOptions,
  upgrade,
} from "./upgrade.js";
