import type { QualifiedName } from "../connection/qualified-name.js";
import type { SqlExecutor } from "../connection/sql-executor.js";
import type { Operation, Statement } from "./operation.js";
import type { TableDefinition } from "./table-definition.js";

/** What `op` hands `runOperation` besides the operation (the dialect's OperationContext narrows the executor). */
export interface OperationRunContext {
  readonly executor: SqlExecutor;
  /** In `--sql` runs, a table this run created or changed earlier, if it knows it. */
  knownTable(table: QualifiedName): TableDefinition | undefined;
}

/** The part of a dialect `op` uses; declared here so operations/ needs nothing from dialect/. */
export interface OperationRunner {
  readonly name: string;
  runOperation(operation: Operation, context: OperationRunContext): Promise<void>;
  foldIntoCreate?(table: TableDefinition, operation: Operation): TableDefinition | undefined;
  offlineStatements?(
    operation: Operation,
    context: OperationRunContext,
  ): readonly Statement[] | undefined;
}

/** An executor with the dialect that runs `op`'s operations (runtime's `Executor` is one). */
export interface OperationExecutor extends SqlExecutor {
  readonly dialect: OperationRunner;
}
