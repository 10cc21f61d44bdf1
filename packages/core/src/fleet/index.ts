export { checkAll, type TargetCheckResult } from "./check-all.js";
export type {
  FleetEvents,
  FleetOptions,
  FleetResult,
  FleetTarget,
  TargetInfo,
  TargetResult,
  TargetStatus,
  TargetsContext,
} from "./fleet-types.js";
export {
  currentAll,
  type ReadAllOptions,
  statusAll,
  type TargetCurrentResult,
  type TargetStatusResult,
} from "./read-all.js";
export { type ResolveTargetsOptions, resolveTargets } from "./resolve-targets.js";
export {
  type DowngradeAllOptions,
  downgradeAll,
  type UpgradeAllOptions,
  upgradeAll,
} from "./upgrade-all.js";
