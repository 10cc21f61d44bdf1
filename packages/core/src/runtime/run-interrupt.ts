import { MigError } from "../errors/mig-error.js";

export interface Interruption {
  /** The migration that was running, if one was. */
  readonly revision: string | undefined;
  readonly direction: "up" | "down";
  /** The version table's rows afterwards. */
  readonly rows: readonly string[];
  /** False where the database could not roll the running migration's DDL back. */
  readonly rolledBack: boolean;
}

/** The run was stopped through its `signal` (Ctrl-C in the CLI); the database is at `rows`. */
export class MigrationInterruptedError extends MigError {
  readonly revision: string | undefined;
  readonly rows: readonly string[];

  constructor(i: Interruption) {
    const now = i.rows.length > 0 ? i.rows.join(", ") : "base (no revision)";
    const verb = i.direction === "up" ? "upgrade" : "downgrade";
    const what =
      i.revision === undefined
        ? "no migration was running"
        : i.rolledBack
          ? `the ${verb} of ${i.revision} was rolled back`
          : `the ${verb} of ${i.revision} was rolled back, except any DDL it ran (this database cannot roll DDL back)`;
    super("interrupted", `Interrupted: ${what}; the database is at ${now}.`);
    this.name = "MigrationInterruptedError";
    this.revision = i.revision;
    this.rows = i.rows;
  }
}

/** Settles with `work`, or rejects with `reason` as soon as `signal` aborts. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(ABORTED);
    if (signal.aborted) abort();
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/** What `untilAborted` rejects with; the runner turns it into a MigrationInterruptedError. */
export const ABORTED: unique symbol = Symbol("mig.aborted");
