import type { Operation } from "../operations/operation.js";
import { call, type Expr, optionsArg, str } from "./code-expr.js";
import { tableRefExpr, valueExpr } from "./render-values.js";

type DropColumn = Extract<Operation, { kind: "dropColumn" }>;

/**
 * `op.dropColumn(table, column)` or `batch.dropColumn(column)`. A dropped column's
 * `existing` mostly only reverses the drop, which the generated downgrade already does,
 * so it is left out; but an enum-typed column's names the type the dialect drops after
 * the type's last column (PostgreSQL), so it is kept: without it the type would outlive
 * the column that `check` said it goes with.
 */
export function dropColumnExpr(op: DropColumn, inBatch: boolean): Expr {
  const enumTyped = typeof op.existing?.type === "object" && op.existing.type.kind === "enum";
  const options = optionsArg([["existing", enumTyped ? valueExpr(op.existing) : undefined]]);
  return inBatch
    ? call("batch.dropColumn", str(op.column), ...options)
    : call("op.dropColumn", tableRefExpr(op.table), str(op.column), ...options);
}
