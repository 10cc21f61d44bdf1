/**
 * A statement inside a multi-statement batch failed (one `execute` of several statements,
 * as a `.sql` script's body is sent): how many of the batch's statements ran before it. The
 * dialect that knows marks its driver's error; the runner reads it to say what stayed applied
 * where the database cannot roll back.
 */
const KEY = "batchCompleted";

/** Marks `error` with the count of the batch's statements that completed before it. */
export function markBatchCompleted(error: unknown, completed: number): void {
  if (typeof error === "object" && error !== null)
    Object.defineProperty(error, KEY, { value: completed, configurable: true });
}

/** The count `markBatchCompleted` left on `error`; 0 when none. */
export function batchCompletedOf(error: unknown): number {
  const value = (error as { [KEY]?: unknown } | null | undefined)?.[KEY];
  return typeof value === "number" && value > 0 ? value : 0;
}
