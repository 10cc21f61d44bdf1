import type { Executor } from "../dialect/dialect.js";
import type { Boundary } from "./transaction-plan.js";

/** The part of an executor that opens and closes transactions. */
export type TransactionControl = Pick<Executor, "begin" | "commit" | "rollback">;

/**
 * The run's one open-or-not transaction, and the version rows last made durable, so a
 * failure or interruption reports where the database really is.
 */
export class RunTransaction {
  #open = false;
  #committed: readonly string[];
  readonly #control: TransactionControl;

  constructor(control: TransactionControl, startRows: readonly string[]) {
    this.#control = control;
    this.#committed = [...startRows];
  }

  /** The version rows as of the last commit (or non-transactional step). */
  get committed(): readonly string[] {
    return this.#committed;
  }

  /** Crosses a boundary the plan named; `rows` are the version rows at this point. */
  async to(boundary: Boundary, rows: readonly string[]): Promise<void> {
    if (boundary === "begin") {
      await this.#control.begin();
      this.#open = true;
    } else if (boundary === "commit") {
      await this.#control.commit();
      this.#open = false;
      this.#committed = rows;
    }
  }

  /** A step that ran outside any transaction: its rows are durable already. */
  settled(rows: readonly string[]): void {
    this.#committed = rows;
  }

  /** Commits what the run still holds open, at its end. */
  async finish(rows: readonly string[]): Promise<void> {
    if (this.#open) await this.to("commit", rows);
  }

  /** After a failure: takes back what is open; a failing rollback must not hide the cause. */
  async abandon(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    await this.#control.rollback().catch(() => undefined);
  }
}
