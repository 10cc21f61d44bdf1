/** What the runner does to the transaction at one point of a run. */
export type Boundary = "begin" | "commit" | "none";

export interface TransactionSettings {
  /** The dialect rolls DDL back with a transaction (`capabilities.transactionalDDL`). */
  readonly transactionalDDL: boolean;
  /** One transaction per migration (default), or one for the whole run. */
  readonly transactionPerMigration: boolean;
}

/** Where one step's transaction starts and ends. */
export interface StepTransaction {
  /** Before the step's statements (after its script is loaded). */
  readonly before: Boundary;
  /** After its version-table update. */
  readonly after: Boundary;
  /** Its statements run outside any transaction: its version update is durable once run. */
  readonly autocommit: boolean;
  /** A failure takes back everything the step ran. */
  readonly rollsBack: boolean;
}

/**
 * Decides, once for a run, when transactions begin and commit: one per migration, one
 * for the whole run, and none around a `transactional = false` script. Pure, so every
 * combination is tested as a table.
 */
export class TransactionPlan {
  /** One transaction for the whole run, split only around non-transactional scripts. */
  readonly wholeRun: boolean;
  readonly #transactionalDDL: boolean;
  // The two answers `step` gives, made once: a run asks for every step (twice).
  readonly #steps: readonly [StepTransaction, StepTransaction];

  constructor(settings: TransactionSettings) {
    this.#transactionalDDL = settings.transactionalDDL;
    // Without transactional DDL one big transaction would only roll back the version rows.
    this.wholeRun = !settings.transactionPerMigration && settings.transactionalDDL;
    this.#steps = [this.#step(false), this.#step(true)];
  }

  /** Before the first step of a run of `count` steps. */
  start(count: number): Boundary {
    return this.wholeRun && count > 0 ? "begin" : "none";
  }

  /** Around a step whose script is `transactional` (stamps are). */
  step(transactional: boolean): StepTransaction {
    return this.#steps[transactional ? 1 : 0];
  }

  #step(transactional: boolean): StepTransaction {
    const rollsBack = this.#transactionalDDL && transactional;
    if (this.wholeRun) {
      // The run's transaction is always open here: close it for the script, reopen after.
      return transactional
        ? { before: "none", after: "none", autocommit: false, rollsBack }
        : { before: "commit", after: "begin", autocommit: true, rollsBack };
    }
    return transactional
      ? { before: "begin", after: "commit", autocommit: false, rollsBack }
      : { before: "none", after: "none", autocommit: true, rollsBack };
  }
}
