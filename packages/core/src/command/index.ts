export {
  type CurrentOptions,
  type CurrentResult,
  current,
  type RevisionSummary,
  type StatusResult,
  status,
} from "./current.js";
export { type InitOptions, type InitResult, init } from "./init.js";
export {
  type MergeOptions,
  merge,
  type RevisionOptions,
  type RevisionResult,
  revision,
} from "./revision.js";
export {
  type DowngradeOptions,
  downgrade,
  type StampOptions,
  stamp,
  type UpgradeOptions,
  upgrade,
} from "./upgrade.js";
