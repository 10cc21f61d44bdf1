import type { TargetResult } from "./fleet-types.js";

/** `120 ms` under a second, else `1.2 s`; `2 min 5 s` past a minute. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** A target's version rows as the summary shows them: `base` when there are none. */
export function formatRows(rows: readonly string[]): string {
  return rows.length === 0 ? "base" : rows.join(",");
}

/** The verb a fleet command's lines use: `up`, `down`. */
export type FleetVerb = "up" | "down";

/**
 * One finished target as a plain line (piped output, `--quiet`, the lines above the live
 * display): `tenant_7: up 3 step(s) to abc123 in 120 ms`, `tenant_9: FAILED code: message`.
 */
export function targetLine(result: TargetResult, verb: FleetVerb): string {
  const name = result.name;
  switch (result.status) {
    case "applied":
      return `${name}: ${verb} ${result.steps} step(s) to ${formatRows(result.to)} in ${formatDuration(result.durationMs)}`;
    case "current":
      return `${name}: current at ${formatRows(result.to)}`;
    case "skipped":
      return `${name}: skipped (not started)`;
    case "failed": {
      const e = result.error;
      const where =
        result.steps > 0 ? ` (after ${result.steps} step(s), at ${formatRows(result.to)})` : "";
      return `${name}: FAILED ${e?.code ?? "unknown"}: ${oneLine(e?.message ?? "no message")}${where}`;
    }
  }
}

/** Error messages may span lines (SQL in them); a target's line stays one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}
