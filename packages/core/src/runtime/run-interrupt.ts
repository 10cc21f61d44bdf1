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

/** The run was stopped between steps, before `direction`'s next one: nothing was running. */
export function interruptedBetweenSteps(
  direction: "up" | "down",
  rows: readonly string[],
): MigrationInterruptedError {
  return new MigrationInterruptedError({ revision: undefined, direction, rows, rolledBack: true });
}

/**
 * Races each step's work against the run's signal. One listener serves the whole run: an
 * abort listener added and removed per step cost more than a trivial migration's own work.
 */
export class AbortRace {
  readonly #signal: AbortSignal | undefined;
  /** The running race's reject; a stale one (of a settled race) is harmless to call. */
  #reject: ((reason: unknown) => void) | undefined;
  readonly #onAbort = () => this.#reject?.(ABORTED);

  constructor(signal: AbortSignal | undefined) {
    this.#signal = signal;
    signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Settles with `work`, or rejects with ABORTED as soon as the signal aborts. */
  race<T>(work: Promise<T>): Promise<T> {
    const signal = this.#signal;
    if (!signal) return work;
    return new Promise<T>((resolve, reject) => {
      this.#reject = reject;
      if (signal.aborted) reject(ABORTED);
      work.then(resolve, reject);
    });
  }

  /** At the run's end: the signal no longer reaches this run. */
  dispose(): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#reject = undefined;
  }
}

/** What `AbortRace.race` rejects with; the runner turns it into a MigrationInterruptedError. */
export const ABORTED: unique symbol = Symbol("mig.aborted");
