import type { QualifiedName } from "../connection/qualified-name.js";
import { checkColumnType } from "./column-type.js";
import type { Operation } from "./operation.js";
import {
  checkColumnName,
  columnDefinition,
  foreignKeyFromReference,
  nullsNotDistinct,
} from "./operation-specs.js";
import {
  checkAlterColumnKeys,
  checkColumnKeys,
  checkForeignKeyOptionKeys,
} from "./spec-key-lists.js";
import { refuseUnknownKeys } from "./spec-keys.js";
import type {
  AlterColumnSpec,
  ColumnSpec,
  DropColumnOptions,
  ForeignKeyOptions,
} from "./spec-types.js";
import type { SqlExpression } from "./sql-expression.js";
import {
  type ConstraintDefinition,
  type ConstraintType,
  type TableRef,
  tableName,
} from "./table-definition.js";

/**
 * The changes to one table that `op.batchAlterTable` collects. On SQLite they become one
 * copy of the table; elsewhere each runs natively, in order.
 */
export class BatchOperations {
  readonly table: QualifiedName;
  readonly operations: Operation[] = [];

  constructor(table: QualifiedName) {
    this.table = table;
  }

  addColumn(name: string, spec: ColumnSpec): void {
    this.operations.push(...addColumnOperations(this.table, name, spec));
  }

  dropColumn(name: string, { existing }: DropColumnOptions = {}): void {
    this.operations.push({ kind: "dropColumn", table: this.table, column: name, existing });
  }

  alterColumn(name: string, spec: AlterColumnSpec): void {
    this.operations.push(alterColumnOperation(this.table, name, spec));
  }

  createIndex(
    name: string,
    columns: readonly (string | SqlExpression)[],
    options: { unique?: boolean; where?: string } = {},
  ): void {
    refuseUnknownKeys(options, ["unique", "where"], [], `batch createIndex ${name}`);
    const index = { name, columns, unique: options.unique, where: options.where };
    this.operations.push({ kind: "createIndex", table: this.table, index });
  }

  dropIndex(name: string): void {
    this.operations.push({ kind: "dropIndex", name, table: this.table });
  }

  createPrimaryKey(name: string, columns: readonly string[]): void {
    this.operations.push({
      kind: "createPrimaryKey",
      table: this.table,
      constraint: { name, columns },
    });
  }

  createForeignKey(
    name: string,
    referent: TableRef,
    localColumns: readonly string[],
    remoteColumns: readonly string[],
    options: ForeignKeyOptions = {},
  ): void {
    checkForeignKeyOptionKeys(options, `createForeignKey ${name}`);
    this.operations.push({
      kind: "createForeignKey",
      table: this.table,
      constraint: {
        name,
        columns: localColumns,
        references: tableName(referent),
        referencedColumns: remoteColumns,
        onDelete: options.onDelete,
        onUpdate: options.onUpdate,
        ...(options.deferrable === undefined ? {} : { deferrable: options.deferrable }),
      },
    });
  }

  createUniqueConstraint(
    name: string,
    columns: readonly string[],
    options: { nullsNotDistinct?: boolean } = {},
  ): void {
    refuseUnknownKeys(options, ["nullsNotDistinct"], [], `createUniqueConstraint ${name}`);
    this.operations.push({
      kind: "createUniqueConstraint",
      table: this.table,
      constraint: { name, columns, ...nullsNotDistinct(options) },
    });
  }

  createCheckConstraint(name: string, condition: string): void {
    this.operations.push({
      kind: "createCheckConstraint",
      table: this.table,
      constraint: { name, expression: condition },
    });
  }

  /** `existing` as for `op.dropConstraint`: reversible, and finds an unnamed constraint. */
  dropConstraint(
    name: string,
    options: { type?: ConstraintType; existing?: ConstraintDefinition } = {},
  ): void {
    this.operations.push({
      kind: "dropConstraint",
      table: this.table,
      name,
      type: options.type ?? options.existing?.type,
      existing: options.existing,
    });
  }
}

/** addColumn, plus the constraints a column spec asks for (named, so they can be dropped). */
export function addColumnOperations(
  table: QualifiedName,
  name: string,
  spec: ColumnSpec,
): Operation[] {
  checkColumnName(name, `addColumn ${table.name}`, ADD_COLUMN);
  checkColumnKeys(spec, `addColumn ${table.name}.${name}`);
  checkColumnType(spec.type, `addColumn ${table.name}.${name}`);
  const ops: Operation[] = [{ kind: "addColumn", table, column: columnDefinition(name, spec) }];
  if (spec.primaryKey) {
    ops.push({
      kind: "createPrimaryKey",
      table,
      constraint: { name: `${table.name}_pkey`, columns: [name] },
    });
  }
  if (spec.unique) {
    const constraint = {
      name: typeof spec.unique === "string" ? spec.unique : `${table.name}_${name}_key`,
      columns: [name],
    };
    ops.push({ kind: "createUniqueConstraint", table, constraint });
  }
  if (spec.references) {
    const fk = foreignKeyFromReference(name, spec.references);
    const constraint = { ...fk, name: fk.name ?? `${table.name}_${name}_fkey` };
    ops.push({ kind: "createForeignKey", table, constraint });
  }
  return ops;
}

const ADD_COLUMN = 'Name the column: op.addColumn("users", "email", { type: "text" }).';
const NEW_NAME = 'Name the column it becomes: { newName: "email" }, or leave newName out.';

export function alterColumnOperation(
  table: QualifiedName,
  column: string,
  spec: AlterColumnSpec,
): Operation {
  const where = `alterColumn ${table.name}.${column}`;
  checkAlterColumnKeys(spec, where);
  if (spec.newName !== undefined) checkColumnName(spec.newName, `${where}, newName`, NEW_NAME);
  if (spec.type !== undefined) checkColumnType(spec.type, where);
  if (spec.existing?.type !== undefined) checkColumnType(spec.existing.type, `${where}, existing`);
  const { existing, ...changes } = spec;
  return { kind: "alterColumn", table, column, changes, existing };
}
