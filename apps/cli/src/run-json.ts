import type { RunResult } from "@mig/core";

/** A run's result for `--json`: whole milliseconds, no float noise. */
export function runJson(result: RunResult) {
  return {
    steps: result.steps.map((s) => ({ ...s, durationMs: Math.round(s.durationMs) })),
    // The rows before the run: what `stamp --purge` emptied shows here.
    from: result.from,
    rows: result.rows,
  };
}
