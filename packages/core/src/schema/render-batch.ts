import type { Operation } from "../operations/operation.js";
import { call, code, type Expr, obj, optionsArg, str, strings } from "./code-expr.js";
import { alterSpecExpr } from "./render-alter-column.js";
import { dropColumnExpr } from "./render-drop-column.js";
import {
  columnSpecEntries,
  dropConstraintOptions,
  tableRefExpr,
  valueExpr,
} from "./render-values.js";

type BatchOperation = Extract<Operation, { kind: "batch" }>;

/**
 * `op.batchAlterTable(table, (batch) => { ... })` with one `batch.<name>(...)` per change,
 * or undefined when a change is one the batch methods cannot express.
 */
export function batchExpr(op: BatchOperation): Expr | undefined {
  const body: Expr[] = [];
  for (const inner of op.operations) {
    const statement = batchCall(inner, op);
    if (statement === undefined) return undefined;
    body.push(statement);
  }
  const build: Expr = { kind: "arrow", params: "batch", body };
  return call(
    "op.batchAlterTable",
    tableRefExpr(op.table),
    build,
    ...optionsArg([
      ["copyFrom", op.copyFrom && valueExpr(op.copyFrom)],
      ["recreate", op.recreate === "auto" ? undefined : str(op.recreate)],
    ]),
  );
}

function batchCall(op: Operation, batch: BatchOperation): Expr | undefined {
  // Inner operations name the batch's own table; any other is not a batch method call.
  if (
    "table" in op &&
    (op.table?.name !== batch.table.name || op.table.schema !== batch.table.schema)
  ) {
    return undefined;
  }
  switch (op.kind) {
    case "addColumn":
      return call("batch.addColumn", str(op.column.name), obj(columnSpecEntries(op.column, true)));
    case "dropColumn":
      return dropColumnExpr(op, true);
    case "alterColumn":
      return call("batch.alterColumn", str(op.column), alterSpecExpr(op));
    case "createIndex": {
      const { index } = op;
      const plain = index.columns.every((c) => typeof c === "string" || !("column" in c));
      const extra = index.method ?? index.include ?? (index.nullsNotDistinct || undefined);
      if (!plain || extra !== undefined || op.concurrently) {
        return undefined;
      }
      return call(
        "batch.createIndex",
        str(index.name),
        valueExpr(index.columns),
        ...optionsArg([
          ["unique", index.unique ? code("true") : undefined],
          ["where", index.where === undefined ? undefined : str(index.where)],
        ]),
      );
    }
    case "dropIndex":
      return op.concurrently ? undefined : call("batch.dropIndex", str(op.name));
    case "createPrimaryKey":
    case "createUniqueConstraint": {
      const { name, columns } = op.constraint;
      if (name === undefined) return undefined;
      const distinct = "nullsNotDistinct" in op.constraint && op.constraint.nullsNotDistinct;
      const rest = optionsArg([["nullsNotDistinct", distinct ? code("true") : undefined]]);
      return call(`batch.${op.kind}`, str(name), strings(columns), ...rest);
    }
    case "createCheckConstraint": {
      const { name, expression } = op.constraint;
      return name === undefined
        ? undefined
        : call("batch.createCheckConstraint", str(name), str(expression));
    }
    case "createForeignKey": {
      const fk = op.constraint;
      if (fk.name === undefined) return undefined;
      return call(
        "batch.createForeignKey",
        str(fk.name),
        tableRefExpr(fk.references),
        strings(fk.columns),
        strings(fk.referencedColumns),
        ...optionsArg([
          ["onDelete", fk.onDelete === undefined ? undefined : str(fk.onDelete)],
          ["onUpdate", fk.onUpdate === undefined ? undefined : str(fk.onUpdate)],
          ["deferrable", fk.deferrable === undefined ? undefined : str(fk.deferrable)],
        ]),
      );
    }
    case "dropConstraint":
      return call("batch.dropConstraint", str(op.name), ...optionsArg(dropConstraintOptions(op)));
    default:
      return undefined;
  }
}
