import type { LogEntry } from "./log-row.js";

/** A migration whose latest log row says it stopped part way, in either direction. */
export interface StoppedStep {
  readonly revision: string;
  readonly direction: "up" | "down";
  /** Statements that stayed applied; undefined when the row never finished (unknown). */
  readonly statementsDone: number | undefined;
  /** When the step started (ISO 8601, UTC). */
  readonly startedAt: string;
}

/** A finished failure whose statements were all rolled back, or that ran none. */
export function keptNothing(e: LogEntry): boolean {
  return !e.success && e.finishedAt !== null && e.statementsChecksum === null;
}

/**
 * The log rows that say a step is half done, one per revision: its latest row (failures that
 * kept nothing aside: what an earlier run kept is still there) when that is a failure that
 * kept statements (a database or script that does not roll back) or a row never finished
 * (the run was killed, or is running now). Newest first, as `entries` are. What `status`
 * lists and `up --resume` goes on from.
 */
export function stoppedRows(entries: readonly LogEntry[]): LogEntry[] {
  const seen = new Set<string>();
  const stopped: LogEntry[] = [];
  for (const e of entries) {
    if (seen.has(e.revision) || keptNothing(e)) continue;
    seen.add(e.revision);
    if (e.direction === "stamp") continue;
    const unfinished = e.finishedAt === null;
    const kept = !e.success && e.statementsChecksum !== null && (e.statementsDone ?? 0) > 0;
    if (unfinished || kept) stopped.push(e);
  }
  return stopped;
}

/** The half-done steps as `status` reports them. */
export function stoppedSteps(entries: readonly LogEntry[]): StoppedStep[] {
  return stoppedRows(entries).map((e) => ({
    revision: e.revision,
    direction: e.direction as "up" | "down",
    statementsDone: e.finishedAt === null ? undefined : (e.statementsDone ?? 0),
    startedAt: e.startedAt,
  }));
}
