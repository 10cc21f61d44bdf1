import type { QualifiedName } from "../connection/qualified-name.js";
import { MigError } from "../errors/mig-error.js";
import { valueKind } from "../errors/value-kind.js";
import type { Operation } from "./operation.js";
import {
  checkColumnKeys,
  checkColumnShape,
  checkColumnsShape,
  checkCreateIndexKeys,
  checkTableKeys,
} from "./spec-key-lists.js";
import type {
  ColumnSpec,
  ColumnsSpec,
  CreateIndexOptions,
  CreateTableOptions,
  IndexColumn,
  IndexSpec,
  NamedColumnSpec,
  ReferenceSpec,
} from "./spec-types.js";
import {
  type ColumnDefinition,
  type ForeignKeyDefinition,
  type IndexDefinition,
  type PrimaryKeyDefinition,
  type TableDefinition,
  type TableRef,
  tableName,
  type UniqueDefinition,
} from "./table-definition.js";

export function columnDefinition(name: string, spec: ColumnSpec): ColumnDefinition {
  return {
    name,
    type: spec.type,
    nullable: spec.nullable ?? !spec.primaryKey,
    default: spec.default,
    autoincrement: spec.autoincrement || spec.identity !== undefined || undefined,
    identity: spec.identity,
    generated: spec.generated,
    collation: spec.collation,
    comment: spec.comment,
  };
}

/** The columns as a list, each with its name; `where` names the table for an error. */
export function namedColumns(columns: ColumnsSpec, where: string): NamedColumnSpec[] {
  if (Array.isArray(columns)) {
    for (const [i, spec] of columns.entries()) {
      checkColumnShape(spec, `${where}, column [${i}]`);
      checkColumnName((spec as { name?: unknown }).name, `${where}, column [${i}]`);
    }
    return [...(columns as readonly NamedColumnSpec[])];
  }
  checkColumnsShape(columns, where);
  return Object.entries(columns as Record<string, ColumnSpec>).map(([name, spec]) => {
    checkColumnName(name, `${where}, column ${JSON.stringify(name)}`);
    checkColumnShape(spec, `${where}, column ${name}`);
    return { ...spec, name };
  });
}

/** A column needs a name a database takes: not empty, not only blanks. */
export function checkColumnName(
  name: unknown,
  where: string,
  hint = 'Name the column: { id: { type: "integer" } }.',
): void {
  if (typeof name === "string" && name.trim() !== "") return;
  throw new MigError(
    "invalid_option",
    `${where} needs a column name; got ${name === "" ? "an empty string" : typeof name === "string" ? JSON.stringify(name) : valueKind(name)}.`,
    { usage: true, hint },
  );
}

export function foreignKeyFromReference(column: string, ref: ReferenceSpec): ForeignKeyDefinition {
  return {
    name: ref.name,
    columns: [column],
    references: tableName(ref.table),
    referencedColumns: [ref.column],
    onDelete: ref.onDelete,
    onUpdate: ref.onUpdate,
  };
}

/** `op.createIndex(...)` as an operation. */
export function createIndexOperation(
  name: string,
  table: QualifiedName,
  columns: readonly IndexColumn[],
  options: CreateIndexOptions,
): Operation {
  checkCreateIndexKeys(options, `createIndex ${name}`);
  const { unique, where, method, include, nullsNotDistinct, concurrently } = options;
  const index = { name, columns, unique, where, method, include, nullsNotDistinct };
  return { kind: "createIndex", table, index, concurrently };
}

/** `{ nullsNotDistinct: true }` when asked for, else nothing (the default, NULLS DISTINCT). */
export function nullsNotDistinct(options: { nullsNotDistinct?: boolean }): {
  nullsNotDistinct?: true;
} {
  return options.nullsNotDistinct ? { nullsNotDistinct: true } : {};
}

/** A table is named by a non-empty string, or `{ name, schema? }` with one. */
export function checkTableName(table: unknown, call: string): void {
  const name =
    typeof table === "object" && table !== null ? (table as TableRef & object).name : table;
  if (typeof name === "string" && name.trim() !== "") return;
  throw new MigError(
    "invalid_option",
    `${call} needs a table name; got ${name === "" ? "an empty string" : typeof name === "string" ? JSON.stringify(name) : String(name)}.`,
    { usage: true, hint: `Name the table: ${call.replace("()", '("users", { ... })')}.` },
  );
}

export function tableDefinition(
  table: TableRef,
  columns: ColumnsSpec,
  options: CreateTableOptions = {},
  call = "op.createTable()",
): TableDefinition {
  checkTableName(table, call);
  const shown = typeof table === "string" ? table : table.name;
  const specs = namedColumns(columns, `table ${shown}`);
  checkTableKeys(options, `table ${shown}`);
  for (const c of specs) checkColumnKeys(c, `table ${shown}, column ${c.name}`);
  const pkColumns = specs.filter((c) => c.primaryKey).map((c) => c.name);
  const given = options.primaryKey;
  const primaryKey: PrimaryKeyDefinition | undefined = given
    ? "columns" in given
      ? given
      : { columns: given as readonly string[] }
    : pkColumns.length > 0
      ? { columns: pkColumns }
      : undefined;
  const inPk = new Set(primaryKey?.columns ?? []);
  return {
    table: tableName(table, options.schema),
    columns: specs.map((c) =>
      columnDefinition(c.name, { ...c, nullable: c.nullable ?? !inPk.has(c.name) }),
    ),
    primaryKey,
    foreignKeys: [
      ...specs.flatMap((c) =>
        c.references ? [foreignKeyFromReference(c.name, c.references)] : [],
      ),
      ...(options.foreignKeys ?? []).map((fk) => ({ ...fk, references: tableName(fk.references) })),
    ],
    uniques: [
      ...specs.flatMap((c) =>
        c.unique
          ? [{ name: typeof c.unique === "string" ? c.unique : undefined, columns: [c.name] }]
          : [],
      ),
      ...(options.uniques ?? []).map((u) =>
        "columns" in u ? (u as UniqueDefinition) : { columns: u as readonly string[] },
      ),
    ],
    checks: (options.checks ?? []).map((c) => (typeof c === "string" ? { expression: c } : c)),
    indexes: options.indexes ?? [],
    comment: options.comment,
    ...(options.collation === undefined ? {} : { collation: options.collation }),
    ...(options.withoutRowid ? { withoutRowid: true } : {}),
    ...(options.strict ? { strict: true } : {}),
  };
}

export function indexDefinition(spec: IndexSpec): IndexDefinition {
  return {
    name: spec.name,
    columns: spec.columns,
    unique: spec.unique,
    where: spec.where,
    method: spec.method,
    include: spec.include,
    nullsNotDistinct: spec.nullsNotDistinct,
  };
}
