/**
 * `@mig/core/internal/run`: the commands that run against a database, for `@mig/cli`
 * (internal, see cli.ts): no comparator, renderers or introspection.
 */
export { readLog, verifyChecksums } from "../command/applied-log.js";
export { current, status } from "../command/current.js";
export { downgrade, stamp, upgrade } from "../command/upgrade.js";
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
// The CLI collects `--sql` output as bytes (runtime/text-collector.ts) and writes them as they are.
export { TextCollector } from "../runtime/text-collector.js";
