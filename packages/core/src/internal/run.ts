/**
 * `@mig/core/internal/run`: the commands that run against a database, for `@mig/cli`
 * (internal, see cli.ts): no comparator, renderers or introspection.
 */
export { readLog, verifyChecksums } from "../command/applied-log.js";
export { current, status } from "../command/current.js";
export { downgrade, stamp, upgrade } from "../command/upgrade.js";
export type * from "../fleet/index.js";
export {
  checkAll,
  currentAll,
  downgradeAll,
  resolveTargets,
  statusAll,
  upgradeAll,
} from "../fleet/index.js";
