export {
  type DatabaseState,
  type LogOptions,
  type ReadLogOptions,
  readLog,
  type VerifyResult,
  verifyChecksums,
} from "./applied-log.js";
export type { AutogenerateOptions, AutogenerateResult } from "./autogenerate.js";
export type { BaselineOptions, BaselineResult } from "./baseline.js";
export { type BranchesResult, type BranchPoint, branches } from "./branches.js";
export type { CheckOptions, CheckResult } from "./check.js";
export type { CompareDatabaseInput } from "./compare-database.js";
export {
  type CurrentOptions,
  type CurrentResult,
  current,
  type RevisionSummary,
  type StatusResult,
  status,
} from "./current.js";
export {
  GRAPH_FORMATS,
  type GraphFormat,
  type GraphPictureOptions,
  type GraphPictureResult,
  graphPicture,
} from "./graph-picture.js";
export { type HeadsOptions, type HeadsResult, heads } from "./heads.js";
export { type HistoryOptions, type HistoryResult, history } from "./history.js";
export { type InitOptions, type InitResult, init } from "./init.js";
// Loaded on first call: see lazy-commands.ts.
export { autogenerate, baseline, check, compareDatabase, pull, squash } from "./lazy-commands.js";
export type { PullOptions, PullResult } from "./pull.js";
export {
  type MergeOptions,
  merge,
  type RevisionOptions,
  type RevisionResult,
  revision,
} from "./revision.js";
export { type RevisionInfo, revisionInfo } from "./revision-info.js";
export { type ShowOptions, type ShowResult, show } from "./show.js";
export type { SquashOptions, SquashResult } from "./squash.js";
export {
  type DowngradeOptions,
  downgrade,
  type StampOptions,
  stamp,
  type UpgradeOptions,
  upgrade,
} from "./upgrade.js";
