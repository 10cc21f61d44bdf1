import type { Executor } from "../dialect/dialect.js";
import type { Boundary } from "./transaction-plan.js";

/** The part of an executor that opens and closes transactions. */
export type TransactionControl = Pick<Executor, "begin" | "commit" | "rollback"> & {
  /** Offline: BEGIN and COMMIT written in the caller's turn. */
  readonly beginNow?: (() => void) | undefined;
  readonly commitNow?: (() => void) | undefined;
  /** Commits and opens the next transaction in one round trip, where the connection can. */
  readonly commitAndBegin?: ((before?: string) => Promise<void>) | undefined;
  /** The same, then `after` in the new transaction; false when only `after` failed. */
  readonly commitAndBeginThen?:
    | ((before: string | undefined, after: string) => Promise<boolean>)
    | undefined;
};

/** Version rows, or a step's rows made when first asked (rows-history.ts). */
export type Rows = readonly string[] | (() => readonly string[]);

/**
 * The run's one open-or-not transaction, and the version rows last made durable, so a
 * failure or interruption reports where the database really is.
 */
export class RunTransaction {
  #open = false;
  /** The last commit opened the next step's transaction already. */
  #reopened = false;
  #committed: Rows;
  readonly #control: TransactionControl;

  constructor(control: TransactionControl, startRows: readonly string[]) {
    this.#control = control;
    this.#committed = [...startRows];
  }

  /** The version rows as of the last commit (or non-transactional step). */
  get committed(): readonly string[] {
    const rows = this.#committed;
    return typeof rows === "function" ? rows() : rows;
  }

  /**
   * Crosses a boundary the plan named; `rows` are the version rows at this point. A commit
   * with `beginNext` (the next step begins a transaction) opens it in the same round trip
   * where the connection can; that step's "begin" then finds it open. `before` goes first in
   * that round trip, inside the committing transaction (only when `carries` said so);
   * `after` goes last, inside the new one (only when `carriesAfter` said so). Resolves
   * whether `after` ran.
   */
  async to(
    boundary: Boundary,
    rows: Rows,
    beginNext = false,
    before?: string,
    after?: string,
  ): Promise<boolean> {
    if (boundary === "begin") {
      if (this.#reopened) {
        this.#reopened = false;
        return false;
      }
      await this.#control.begin();
      this.#open = true;
    } else if (boundary === "commit") {
      // On failure the transaction counts as open, so abandon() rolls back whatever is.
      const both = beginNext ? this.#control.commitAndBegin : undefined;
      const then = both && after !== undefined ? this.#control.commitAndBeginThen : undefined;
      let ran = false;
      if (then) ran = await then.call(this.#control, before, after!);
      else if (both) await both.call(this.#control, before);
      else await this.#control.commit();
      this.#open = both !== undefined;
      this.#reopened = both !== undefined;
      this.#committed = rows;
      return ran;
    }
    return false;
  }

  /**
   * `to(boundary, rows)` in the caller's turn where the control writes so (offline), with
   * nothing to carry: false where `to` must be awaited instead, and nothing was done.
   */
  toNow(boundary: Boundary, rows: Rows): boolean {
    const control = this.#control;
    if (boundary === "begin") {
      if (this.#reopened) {
        this.#reopened = false;
        return true;
      }
      if (!control.beginNow) return false;
      control.beginNow();
      this.#open = true;
    } else if (boundary === "commit") {
      if (!control.commitNow || control.commitAndBegin) return false;
      control.commitNow();
      this.#open = false;
      this.#reopened = false;
      this.#committed = rows;
    }
    return true;
  }

  /** Whether a commit here can also carry the next step's first statement (see `to`). */
  carriesAfter(beginNext: boolean): boolean {
    return this.carries(beginNext) && this.#control.commitAndBeginThen !== undefined;
  }

  /** Whether a commit here can carry one more statement in its round trip (see `to`). */
  carries(beginNext: boolean): boolean {
    return beginNext && this.#control.commitAndBegin !== undefined;
  }

  /** A step that ran outside any transaction: its rows are durable already. */
  settled(rows: Rows): void {
    this.#committed = rows;
  }

  /** Commits what the run still holds open, at its end. */
  async finish(rows: Rows): Promise<void> {
    if (this.#open) await this.to("commit", rows);
  }

  /** After a failure: takes back what is open; a failing rollback must not hide the cause. */
  async abandon(): Promise<void> {
    if (!this.#open) return;
    this.#open = false;
    this.#reopened = false;
    await this.#control.rollback().catch(() => undefined);
  }
}
