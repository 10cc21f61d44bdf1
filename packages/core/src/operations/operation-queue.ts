/**
 * The order `op` calls run in, and the first failure among them. Every promise handed to a
 * script is already handled, so an un-awaited failure never reaches Node's unhandled
 * rejection (which kills the host process); the runner gets it once, from flush().
 */
export class OperationQueue {
  #chain: Promise<void> = Promise.resolve();
  #error: { value: unknown } | undefined;
  readonly #tracked = new Set<Promise<unknown>>();
  /** Calls queued and not settled yet. */
  #queued = 0;

  /** Runs `task` after every earlier call; after a failure it does not run at all. */
  enqueue<T>(task: () => Promise<T>): Promise<T> {
    this.#queued++;
    const result = this.#chain.then(() => {
      if (this.#error) throw this.#error.value;
      return task();
    });
    this.#chain = result.then(this.#onDone, this.#onFailure);
    return result;
  }

  // One handler for every call, not two closures per call: a run makes tens of thousands.
  readonly #onDone = (): void => {
    this.#queued--;
  };
  readonly #onFailure = (error: unknown): void => {
    this.#queued--;
    this.#fail(error);
  };

  /**
   * Nothing queued, tracked or failed: a call may run now, in the caller's turn, and still
   * keep its place in the order (offline rendering, see Operations).
   */
  get idle(): boolean {
    return this.#queued === 0 && this.#tracked.size === 0 && this.#error === undefined;
  }

  /**
   * Runs `task` now, for a caller that checked `idle`: a throw is the call's failure, as if
   * the task had been queued (later calls do not run; flush() rethrows it). Resolved or
   * rejected, the promise is settled already, and handled.
   */
  runNow(task: () => void): Promise<void> {
    try {
      task();
      return DONE;
    } catch (error) {
      this.#fail(error);
      const failed = Promise.reject(error);
      failed.catch(IGNORE);
      return failed;
    }
  }

  /** Work outside the chain (an async batch build) that flush() must still wait for. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.#tracked.add(promise);
    promise.then(
      () => this.#tracked.delete(promise),
      (error: unknown) => {
        this.#tracked.delete(promise);
        this.#fail(error);
      },
    );
    return promise;
  }

  /** Waits for every call so far; rethrows the first failure and forgets it. */
  async flush(): Promise<void> {
    await this.#idle();
    const error = this.#error;
    this.#error = undefined;
    if (error) throw error.value;
  }

  /** Waits for every call so far and forgets any failure (after a migration failed). */
  async settle(): Promise<void> {
    await this.#idle();
    this.#error = undefined;
  }

  async #idle(): Promise<void> {
    // Tracked work may queue more calls while we wait.
    while (this.#tracked.size > 0) await Promise.allSettled([...this.#tracked]);
    await this.#chain;
  }

  #fail(error: unknown): void {
    this.#error ??= { value: error };
  }
}

const IGNORE = (): undefined => undefined;
/** What a call that ran now returns: the same settled promise every time. */
export const DONE: Promise<void> = Promise.resolve();
