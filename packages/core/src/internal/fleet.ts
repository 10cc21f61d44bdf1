/**
 * `@mig/core/internal/fleet`: the fleet commands (`--all`, `--target`) for `@mig/cli`
 * (internal, see cli.ts), in a file of their own: loaded only by a fleet run. Their types
 * are `@mig/core`'s.
 */
export { checkAll } from "../fleet/check-all.js";
export { currentAll, statusAll } from "../fleet/read-all.js";
export { resolveTargets } from "../fleet/resolve-targets.js";
export { downgradeAll, upgradeAll } from "../fleet/upgrade-all.js";
