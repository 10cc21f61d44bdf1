/**
 * `@mig/core/internal/run`: the commands that run against a database, for `@mig/cli`
 * (internal, see cli.ts): no comparator, renderers or introspection, and no fleet code
 * (internal/fleet.ts), so an app's `import "@mig/core"`, grouped with this, loads none.
 */
export { readLog, verifyChecksums } from "../command/applied-log.js";
export { current, status } from "../command/current.js";
export { downgrade, stamp, upgrade } from "../command/upgrade.js";
// The CLI collects `--sql` output as bytes (runtime/text-collector.ts) and writes them as they are.
export { TextCollector } from "../runtime/text-collector.js";
