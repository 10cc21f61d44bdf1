import { MigError } from "../errors/mig-error.js";

export interface Interruption {
  /** The migration that was running, if one was. */
  readonly revision: string | undefined;
  readonly direction: "up" | "down";
  /** The version table's rows afterwards. */
  readonly rows: readonly string[];
  /** False where the database could not roll the running migration's DDL back. */
  readonly rolledBack: boolean;
  /** The migration ran outside a transaction (`transactional = false`): nothing rolled back. */
  readonly outsideTransaction?: boolean | undefined;
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
        : i.outsideTransaction
          ? `the ${verb} of ${i.revision} was stopped; it runs outside a transaction, so the statements it ran stay`
          : i.rolledBack
            ? `the ${verb} of ${i.revision} was rolled back`
            : `the ${verb} of ${i.revision} was rolled back, except any DDL it ran (this database cannot roll DDL back)`;
    super("interrupted", `Interrupted: ${what}; the database is at ${now}.`, {
      hint: i.outsideTransaction
        ? "`mig status` shows it half applied; `mig up --resume` goes on after the statements it ran, `mig up --restart` runs it again."
        : undefined,
    });
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

  /**
   * After a step's script, before its commit. A synchronous driver (SQLite) keeps the event
   * loop from turning while a step runs, so Ctrl-C (and an abort from a timer) waits for the
   * run's end and the step commits. A step that took `LONG_STEP_MS` or more gives the loop one
   * turn here, and rejects with ABORTED if the signal aborted meanwhile: the step then rolls
   * back like one interrupted while it awaited. Short steps do not pay for the turn.
   */
  async checkAfter(startedMs: number): Promise<void> {
    const signal = this.#signal;
    if (!signal) return;
    if (performance.now() - startedMs >= LONG_STEP_MS) await pollOnce();
    if (signal.aborted) throw ABORTED;
  }

  /** At the run's end: the signal no longer reaches this run. */
  dispose(): void {
    this.#signal?.removeEventListener("abort", this.#onAbort);
    this.#reject = undefined;
  }
}

/**
 * Resolves once the event loop has polled for events (signals among them). One immediate may
 * run before the poll phase comes round (when queued from the poll phase itself); the
 * second is queued from the check phase, so a poll lies between the two.
 */
function pollOnce(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** A step this long gives a pending signal its turn before it commits (checkAfter). */
const LONG_STEP_MS = 50;

/** What `AbortRace.race` rejects with; the runner turns it into a MigrationInterruptedError. */
export const ABORTED: unique symbol = Symbol("mig.aborted");
