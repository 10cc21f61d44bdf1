import type { Operation, Statement } from "./operation.js";
import type { OperationExecutor, OperationRunContext } from "./operation-context.js";
import { DONE, type OperationQueue } from "./operation-queue.js";
import type { PendingCreates } from "./pending-creates.js";
import type { SchemaModel } from "./schema-model.js";

/** What OfflineNow shares with the Operations it serves. */
export interface OfflineNowParts {
  readonly queue: OperationQueue;
  readonly pending: PendingCreates;
  readonly model: SchemaModel | undefined;
  /** Runs one operation the way a queued call does (the dialect's `runOperation`). */
  readonly run: (operation: Operation) => Promise<void>;
}

/**
 * Offline, on a dialect that renders without awaiting (`offlineStatements`): an `op` call
 * made while nothing is queued is written in the script's own turn, with no promise to
 * wait for and no call site to keep (it returns DONE). The order is that of the calls all
 * the same: anything queued makes the next calls queue behind it.
 */
export class OfflineNow {
  readonly #exec: OperationExecutor;
  readonly #render: (operation: Operation) => readonly Statement[] | undefined;
  readonly #parts: OfflineNowParts;

  private constructor(
    exec: OperationExecutor,
    render: (operation: Operation) => readonly Statement[] | undefined,
    parts: OfflineNowParts,
  ) {
    this.#exec = exec;
    this.#render = render;
    this.#parts = parts;
  }

  /** One for an executor and dialect that can, else undefined. */
  static for(
    exec: OperationExecutor,
    context: OperationRunContext,
    parts: OfflineNowParts,
  ): OfflineNow | undefined {
    const { dialect } = exec;
    const render = exec.executeNow && dialect.offlineStatements;
    if (!render) return undefined;
    return new OfflineNow(exec, (operation) => render.call(dialect, operation, context), parts);
  }

  /** `op.invoke(operation)` now; undefined when it must be queued. */
  invoke(operation: Operation): Promise<void> | undefined {
    const { queue, pending } = this.#parts;
    if (!queue.idle) return undefined;
    let rest: Operation[] | undefined;
    const now = queue.runNow(() => {
      if (pending.take(operation)) return;
      rest = this.#write(pending.holding ? [...pending.drain(), operation] : [operation]);
    });
    return rest === undefined ? now : this.#queueAll(rest);
  }

  /** `op.flush()` now (the held CREATE TABLEs written): false when it must wait. */
  flush(): boolean {
    const { queue, pending } = this.#parts;
    if (!queue.idle) return false;
    let rest: Operation[] | undefined;
    const now = queue.runNow(() => {
      if (pending.holding) rest = this.#write(pending.drain());
    });
    if (rest !== undefined) void this.#queueAll(rest);
    return now === DONE && rest === undefined;
  }

  /** Writes `operations` in order while the dialect renders them now; returns the rest. */
  #write(operations: Operation[]): Operation[] | undefined {
    const exec = this.#exec;
    const model = this.#parts.model;
    for (let at = 0; at < operations.length; at++) {
      const operation = operations[at]!;
      const statements = this.#render(operation);
      if (statements === undefined) return operations.slice(at);
      // Indexed: each step's script gets here before the run's code is optimized.
      for (let i = 0; i < statements.length; i++)
        exec.executeNow!(statements[i]!.sql, statements[i]!.params);
      model?.apply(operation);
    }
    return undefined;
  }

  #queueAll(operations: readonly Operation[]): Promise<void> {
    const run = this.#parts.run;
    return this.#parts.queue.enqueue(async () => {
      for (const operation of operations) await run(operation);
    });
  }
}
