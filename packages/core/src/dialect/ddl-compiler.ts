import type { ColumnType } from "../operations/column-type.js";
import type { Operation, Statement } from "../operations/operation.js";

/** Turns operations into the dialect's SQL. Pure: it never reads the database. */
export interface DdlCompiler {
  /** The statements for one operation, in order. */
  compile(operation: Operation): Statement[];
  /** The dialect's spelling of a portable type. */
  columnType(type: ColumnType): string;
}
