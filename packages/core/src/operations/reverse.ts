import type { QualifiedName } from "../connection/qualified-name.js";
import type { AlterColumnChanges, ExistingColumn, Operation } from "./operation.js";
import type { ConstraintDefinition } from "./table-definition.js";

/**
 * The operation that undoes `op`, or undefined when `op` does not carry enough to know
 * (a dropTable without the table's definition, raw SQL, inserted rows).
 */
export function reverseOperation(op: Operation): Operation | undefined {
  switch (op.kind) {
    case "createTable":
      return { kind: "dropTable", table: op.definition.table, existing: op.definition };
    case "dropTable":
      return op.existing ? { kind: "createTable", definition: op.existing } : undefined;
    case "createSchema":
      return { kind: "dropSchema", name: op.name };
    case "dropSchema":
      return { kind: "createSchema", name: op.name };
    case "renameTable":
      return {
        kind: "renameTable",
        table: { ...op.table, name: op.newName },
        newName: op.table.name,
      };
    case "addColumn":
      return { kind: "dropColumn", table: op.table, column: op.column.name, existing: op.column };
    case "dropColumn":
      return op.existing ? { kind: "addColumn", table: op.table, column: op.existing } : undefined;
    case "alterColumn":
      return reverseAlter(op);
    case "createIndex":
      return {
        kind: "dropIndex",
        name: op.index.name,
        table: op.table,
        concurrently: op.concurrently,
        existing: op.index,
      };
    case "dropIndex":
      return op.existing && op.table
        ? {
            kind: "createIndex",
            table: op.table,
            index: op.existing,
            concurrently: op.concurrently,
          }
        : undefined;
    case "createPrimaryKey":
      return dropOf(op.table, { type: "primary", ...op.constraint });
    case "createForeignKey":
      return dropOf(op.table, { type: "foreign", ...op.constraint });
    case "createUniqueConstraint":
      return dropOf(op.table, { type: "unique", ...op.constraint });
    case "createCheckConstraint":
      return dropOf(op.table, { type: "check", ...op.constraint });
    case "dropConstraint":
      return op.existing ? createOf(op.table, op.existing) : undefined;
    case "setTableComment":
      return op.existing === undefined
        ? undefined
        : { kind: "setTableComment", table: op.table, comment: op.existing, existing: op.comment };
    case "alterEnum":
      return op.existing === undefined
        ? undefined
        : { ...op, values: op.existing, existing: op.values };
    case "execute":
    case "bulkInsert":
      return undefined;
    case "batch": {
      const reversed: Operation[] = [];
      for (const inner of [...op.operations].reverse()) {
        const back = reverseOperation(inner);
        if (!back) return undefined;
        reversed.push(back);
      }
      return { ...op, operations: reversed, copyFrom: undefined };
    }
  }
}

function dropOf(table: QualifiedName, constraint: ConstraintDefinition): Operation | undefined {
  if (constraint.name === undefined) return undefined;
  return {
    kind: "dropConstraint",
    table,
    name: constraint.name,
    type: constraint.type,
    existing: constraint,
  };
}

function createOf(table: QualifiedName, c: ConstraintDefinition): Operation {
  switch (c.type) {
    case "primary":
      return { kind: "createPrimaryKey", table, constraint: { name: c.name, columns: c.columns } };
    case "foreign": {
      const { type: _, ...constraint } = c;
      return { kind: "createForeignKey", table, constraint };
    }
    case "unique": {
      // With its nullsNotDistinct, if it has one.
      const { type: _, ...constraint } = c;
      return { kind: "createUniqueConstraint", table, constraint };
    }
    case "check":
      return {
        kind: "createCheckConstraint",
        table,
        constraint: { name: c.name, expression: c.expression },
      };
  }
}

function reverseAlter(op: Extract<Operation, { kind: "alterColumn" }>): Operation | undefined {
  const { changes } = op;
  const existing: ExistingColumn = op.existing ?? {};
  const back: { -readonly [K in keyof AlterColumnChanges]: AlterColumnChanges[K] } = {};
  if (changes.type !== undefined) {
    if (existing.type === undefined) return undefined;
    back.type = existing.type;
  }
  if (changes.nullable !== undefined) {
    if (existing.nullable === undefined) return undefined;
    back.nullable = existing.nullable;
  }
  if (changes.default !== undefined) {
    if (existing.default === undefined) return undefined;
    back.default = existing.default;
  }
  if (changes.comment !== undefined) {
    if (existing.comment === undefined) return undefined;
    back.comment = existing.comment;
  }
  if (changes.newName !== undefined) back.newName = op.column;
  return {
    kind: "alterColumn",
    table: op.table,
    column: changes.newName ?? op.column,
    changes: back,
    existing: {
      type: changes.type ?? existing.type,
      nullable: changes.nullable ?? existing.nullable,
      default: changes.default === undefined ? existing.default : changes.default,
      comment: changes.comment === undefined ? existing.comment : changes.comment,
      autoincrement: existing.autoincrement,
    },
  };
}
