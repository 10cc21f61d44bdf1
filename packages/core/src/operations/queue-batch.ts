import { BatchOperations } from "./batch-operations.js";
import type { Operation } from "./operation.js";
import type { OperationQueue } from "./operation-queue.js";
import { type TableDefinition, type TableRef, tableName } from "./table-definition.js";

export interface BatchOptions {
  readonly copyFrom?: TableDefinition;
  readonly recreate?: "auto" | "always" | "never";
}

/**
 * Queues `op.batchAlterTable`'s batch: `build` collects the changes, and `apply` runs them as
 * one `batch` operation in the queue's order. A synchronous build keeps its place in the
 * queue; an async one (which may await other `op` calls) queues the batch when it finishes,
 * and flush() waits for it either way. A build that throws fails the batch, as a call would.
 */
export function queueBatch(
  queue: OperationQueue,
  apply: (operation: Operation) => Promise<void>,
  table: TableRef,
  build: (batch: BatchOperations) => void | Promise<void>,
  options: BatchOptions,
): Promise<void> {
  const batch = new BatchOperations(tableName(table));
  const run = () =>
    apply({
      kind: "batch",
      table: batch.table,
      operations: batch.operations,
      copyFrom: options.copyFrom,
      recreate: options.recreate ?? "auto",
    });
  let built: void | Promise<void>;
  try {
    built = build(batch);
  } catch (error) {
    return queue.enqueue(() => Promise.reject(error));
  }
  if (typeof (built as Promise<void> | undefined)?.then !== "function") {
    return queue.enqueue(run);
  }
  return queue.track(Promise.resolve(built).then(() => queue.enqueue(run)));
}
