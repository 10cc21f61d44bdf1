import type { QualifiedName } from "../connection/qualified-name.js";
import type { ColumnType } from "../operations/column-type.js";
import type { Operation, Statement } from "../operations/operation.js";
import type { TableDefinition } from "../operations/table-definition.js";
import type { Executor } from "../runtime/executor.js";

/** Turns operations into the dialect's SQL. Pure: it never reads the database. */
export interface DdlCompiler {
  /** The statements for one operation, in order. */
  compile(operation: Operation): Statement[];
  /** The dialect's spelling of a portable type. */
  columnType(type: ColumnType): string;
}

/** What `Dialect.runOperation` gets besides the operation. */
export interface OperationContext {
  readonly executor: Executor;
  /** In `--sql` runs, a table this run created or changed earlier, if it knows it. */
  knownTable(table: QualifiedName): TableDefinition | undefined;
}
