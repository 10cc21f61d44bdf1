import type { Operation } from "../operations/operation.js";
import {
  call,
  callees,
  code,
  type Expr,
  obj,
  optionsArg,
  statementLines,
  str,
  strings,
} from "./code-expr.js";
import { alterSpecExpr } from "./render-alter-column.js";
import { batchExpr } from "./render-batch.js";
import { createTableExpr } from "./render-create-table.js";
import { dropColumnExpr } from "./render-drop-column.js";
import {
  columnSpecEntries,
  dropConstraintOptions,
  indexKeysExpr,
  indexOptionEntries,
  tableRefExpr,
  valueExpr,
} from "./render-values.js";

/** A migration body sits inside `upgrade`/`downgrade`, two spaces in, in 100 columns. */
const BODY_WIDTH = 98;

/**
 * Operations as the TypeScript a migration's `upgrade`/`downgrade` body holds: one
 * `await op.<name>(...)` call per operation, formatted, with `comments` (a destructive
 * change, a rename hint) as `//` lines above the call they belong to. Lines carry no
 * indentation of their own beyond the call's: the caller indents them two spaces.
 */
export function renderOperations(
  operations: readonly Operation[],
  comments?: ReadonlyMap<Operation, readonly string[]>,
): string[] {
  const lines: string[] = [];
  for (const operation of operations) {
    for (const comment of comments?.get(operation) ?? []) {
      for (const text of comment.split(/\r\n|\r|\n/)) lines.push(`// ${text}`.trimEnd());
    }
    lines.push(...statementLines(operationExpr(operation), BODY_WIDTH, "await "));
  }
  return lines;
}

/**
 * What the rendered calls use from `@mig/core` besides `op`: `sql` and `t`, for the
 * migration's import line (an unused import would fail a lint).
 */
export function renderedImports(operations: readonly Operation[]): ("sql" | "t")[] {
  const used = new Set(operations.flatMap((o) => callees(operationExpr(o))));
  return (["sql", "t"] as const).filter((name) => used.has(name));
}

/**
 * The `op` call for one operation. Data that only reverses the operation (a dropped
 * index's `existing`, and a dropped column's unless its type is an enum) is left
 * out; an operation a method cannot express at all (an unnamed constraint) is written as
 * `op.invoke({ ... })`.
 */
export function operationExpr(op: Operation): Expr {
  const table = "table" in op && op.table !== undefined ? tableRefExpr(op.table) : str("");
  const options = optionsArg;
  switch (op.kind) {
    case "createTable":
      return createTableExpr("op.createTable", op.definition);
    case "dropTable":
      return call(
        "op.dropTable",
        table,
        ...options([["existing", op.existing && valueExpr(op.existing)]]),
      );
    case "renameTable":
      return call("op.renameTable", table, str(op.newName));
    case "createSchema":
    case "dropSchema":
      return call(`op.${op.kind}`, str(op.name));
    case "addColumn":
      return call(
        "op.addColumn",
        table,
        str(op.column.name),
        obj(columnSpecEntries(op.column, true)),
      );
    case "dropColumn":
      return dropColumnExpr(op, false);
    case "alterColumn":
      return call("op.alterColumn", table, str(op.column), alterSpecExpr(op));
    case "createIndex":
      return call(
        "op.createIndex",
        str(op.index.name),
        table,
        indexKeysExpr(op.index),
        ...options([
          ...indexOptionEntries(op.index),
          ["concurrently", op.concurrently ? code("true") : undefined],
        ]),
      );
    case "dropIndex":
      return call(
        "op.dropIndex",
        str(op.name),
        ...options([
          ["table", op.table && tableRefExpr(op.table)],
          ["concurrently", op.concurrently ? code("true") : undefined],
        ]),
      );
    case "createPrimaryKey":
    case "createUniqueConstraint": {
      const { name, columns } = op.constraint;
      if (name === undefined) return invoke(op);
      const distinct = "nullsNotDistinct" in op.constraint && op.constraint.nullsNotDistinct;
      const rest = options([["nullsNotDistinct", distinct ? code("true") : undefined]]);
      return call(`op.${op.kind}`, str(name), table, strings(columns), ...rest);
    }
    case "createCheckConstraint": {
      const { name, expression } = op.constraint;
      if (name === undefined) return invoke(op);
      return call("op.createCheckConstraint", str(name), table, str(expression));
    }
    case "createForeignKey": {
      const fk = op.constraint;
      if (fk.name === undefined) return invoke(op);
      return call(
        "op.createForeignKey",
        str(fk.name),
        table,
        tableRefExpr(fk.references),
        strings(fk.columns),
        strings(fk.referencedColumns),
        ...options([
          ["onDelete", fk.onDelete === undefined ? undefined : str(fk.onDelete)],
          ["onUpdate", fk.onUpdate === undefined ? undefined : str(fk.onUpdate)],
          ["deferrable", fk.deferrable === undefined ? undefined : str(fk.deferrable)],
        ]),
      );
    }
    case "dropConstraint":
      return call("op.dropConstraint", str(op.name), table, ...options(dropConstraintOptions(op)));
    case "setTableComment": {
      const existing = [
        "existing",
        op.existing === undefined ? undefined : valueExpr(op.existing),
      ] as [string, Expr | undefined];
      return op.comment === null
        ? call("op.dropTableComment", table, ...options([existing]))
        : call("op.createTableComment", table, str(op.comment), ...options([existing]));
    }
    case "alterEnum":
      return call(
        "op.alterEnum",
        str(op.name),
        strings(op.values),
        ...options([
          ["schema", op.schema === undefined ? undefined : str(op.schema)],
          ["existing", op.existing && strings(op.existing)],
        ]),
      );
    case "execute":
      return op.params === undefined
        ? call("op.execute", str(op.sql))
        : call("op.execute", str(op.sql), valueExpr(op.params));
    case "bulkInsert":
      return call("op.bulkInsert", table, valueExpr(op.rows));
    case "batch":
      return batchExpr(op) ?? invoke(op);
  }
}

/** The operation as data, run by `op.invoke`: exact, for what no method expresses. */
export function invoke(op: Operation): Expr {
  return call("op.invoke", valueExpr(op));
}
