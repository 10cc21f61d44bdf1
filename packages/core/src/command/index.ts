export { openProject, type Project, type ProjectOptions } from "./project.js";
export { withSession, projectDialect, type Session, type SessionOptions } from "./session.js";
export { upgrade, downgrade, stamp, type UpgradeOptions, type DowngradeOptions, type StampOptions } from "./upgrade.js";
export type { RunOptions, RunResult } from "./run-migrations.js";
export { current, status, type CurrentResult, type StatusResult } from "./current.js";
export { init, type InitOptions, type InitResult } from "./init.js";
export { revision, merge, type RevisionOptions, type MergeOptions, type RevisionResult } from "./revision.js";
