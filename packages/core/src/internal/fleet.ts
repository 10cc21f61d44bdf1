/**
 * `@mig/core/internal/fleet`: the fleet commands (`--all`, `--target`) for `@mig/cli`
 * (internal, see cli.ts), in a file of their own: loaded only by a fleet run.
 */
export { checkAll, type TargetCheckResult } from "../fleet/check-all.js";
export type {
  FleetEvents,
  FleetOptions,
  FleetResult,
  FleetTarget,
  TargetInfo,
  TargetResult,
  TargetStatus,
  TargetsContext,
} from "../fleet/fleet-types.js";
export {
  currentAll,
  type ReadAllOptions,
  statusAll,
  type TargetCurrentResult,
  type TargetStatusResult,
} from "../fleet/read-all.js";
export { type ResolveTargetsOptions, resolveTargets } from "../fleet/resolve-targets.js";
export {
  type DowngradeAllOptions,
  downgradeAll,
  type UpgradeAllOptions,
  upgradeAll,
} from "../fleet/upgrade-all.js";
