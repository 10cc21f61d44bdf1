/**
 * `@mig/core/internal/graph`: the graph commands for `@mig/cli` (internal, see cli.ts):
 * they read headers and build the graph, and load no runtime, operations or schema code.
 */
export { branches } from "../command/branches.js";
export { type DescribedRows, describeRows } from "../command/describe-rows.js";
export { type GraphFormat, graphPicture } from "../command/graph-picture.js";
export { heads } from "../command/heads.js";
export { history } from "../command/history.js";
export { historyText } from "../command/history-text.js";
// Behind `import()`: only these two open a session (mig current, mig status).
export { current, status } from "../command/lazy-current.js";
export { show } from "../command/show.js";
