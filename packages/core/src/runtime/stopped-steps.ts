import type { LogEntry } from "./log-row.js";
import { keptNothing } from "./resume-step.js";

/** A migration whose latest log row says it stopped part way, in either direction. */
export interface StoppedStep {
  readonly revision: string;
  readonly direction: "up" | "down";
  /** Statements that stayed applied; undefined when the row never finished (unknown). */
  readonly statementsDone: number | undefined;
  /** When the step started (ISO 8601, UTC). */
  readonly startedAt: string;
}

/**
 * The steps a database holds half done: per revision, its latest log row (failures that kept
 * nothing aside) when that is a failure that kept statements (a database or script that
 * does not roll back) or a row never finished (the run was killed, or is running now).
 * Newest first, as `entries` are.
 */
export function stoppedSteps(entries: readonly LogEntry[]): StoppedStep[] {
  const seen = new Set<string>();
  const stopped: StoppedStep[] = [];
  for (const e of entries) {
    // A retry that failed keeping nothing leaves what an earlier run kept in place.
    if (seen.has(e.revision) || keptNothing(e)) continue;
    seen.add(e.revision);
    if (e.direction === "stamp") continue;
    const unfinished = e.finishedAt === null;
    const kept = !e.success && e.statementsChecksum !== null && (e.statementsDone ?? 0) > 0;
    if (!unfinished && !kept) continue;
    stopped.push({
      revision: e.revision,
      direction: e.direction,
      statementsDone: unfinished ? undefined : (e.statementsDone ?? 0),
      startedAt: e.startedAt,
    });
  }
  return stopped;
}
