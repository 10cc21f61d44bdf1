// The user API's view of the fleet: types, and functions that load their code on first call
// (lazy-fleet.ts). The CLI imports the modules directly through internal/fleet.ts.
export type { TargetCheckResult } from "./check-all.js";
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
  checkAll,
  currentAll,
  downgradeAll,
  resolveTargets,
  statusAll,
  upgradeAll,
} from "./lazy-fleet.js";
export type { ReadAllOptions, TargetCurrentResult, TargetStatusResult } from "./read-all.js";
export type { ResolveTargetsOptions } from "./resolve-targets.js";
export type { DowngradeAllOptions, UpgradeAllOptions } from "./upgrade-all.js";
