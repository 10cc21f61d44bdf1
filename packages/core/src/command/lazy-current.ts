import type { CurrentOptions, CurrentResult, StatusResult } from "./current.js";

// `current` and `status` behind `import()` for the graph entry point: they need a session
// (dialect, lock, version table) but not the runner, operations or fleet code that the
// run entry point loads with them. Each wrapper has the signature and docs of current.ts.

/** See current.ts: the revisions the database is at, as `mig current` shows. */
export async function current(options: CurrentOptions = {}): Promise<CurrentResult> {
  return (await import("./current.js")).current(options);
}

/** See current.ts: where the database is and what `mig up heads` would still run. */
export async function status(options: CurrentOptions = {}): Promise<StatusResult> {
  return (await import("./current.js")).status(options);
}
