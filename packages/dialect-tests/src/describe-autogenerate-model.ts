import {
  type ColumnType,
  type DeclaredColumnSpec,
  type DeclaredTable,
  type ReferentialAction,
  sql,
  t,
  table,
} from "@mig/core";

/**
 * A schema as plain data, so the property test can copy and mutate it before it becomes
 * `table(...)` declarations. References (indexes, checks, foreign keys) hold names and are
 * rewritten when what they name is renamed.
 */
export interface ModelSchema {
  readonly tables: ModelTable[];
}

export interface ModelTable {
  name: string;
  /** The name in schema A, when B renamed it. */
  renamedFrom?: string | undefined;
  /** Present in schema A (only those can be renamed). */
  fromA: boolean;
  columns: ModelColumn[];
  indexes: ModelIndex[];
  uniques: { name?: string | undefined; columns: string[] }[];
  foreignKeys: ModelForeignKey[];
  checks: { name?: string | undefined; column: string; min: number }[];
  comment?: string | undefined;
}

export interface ModelColumn {
  name: string;
  renamedFrom?: string | undefined;
  fromA: boolean;
  kind: TypeKind;
  nullable: boolean;
  /** A value, or `{ sql }` for an expression (kept as data: copies drop symbol keys). */
  default?: string | number | boolean | { sql: string } | undefined;
  comment?: string | undefined;
}

export interface ModelIndex {
  name: string;
  columns: string[];
  unique: boolean;
  /** `<column> > 0` as a partial index predicate. */
  whereColumn?: string | undefined;
  /** The single key is `lower(<column>)`. */
  lower?: boolean | undefined;
}

export interface ModelForeignKey {
  name?: string | undefined;
  column: string;
  references: string;
  onDelete: ReferentialAction;
}

/** The types the generator picks from; `family` says which changes of type are safe. */
export const TYPE_KINDS = {
  smallint: { family: "int", type: "smallint" },
  integer: { family: "int", type: "integer" },
  bigint: { family: "int", type: "bigint" },
  varchar20: { family: "str", type: t.varchar(20) },
  varchar60: { family: "str", type: t.varchar(60) },
  text: { family: "text", type: "text" },
  boolean: { family: "bool", type: "boolean" },
  numeric82: { family: "num", type: t.numeric(8, 2) },
  numeric123: { family: "num", type: t.numeric(12, 3) },
  date: { family: "date", type: "date" },
  timestamp: { family: "ts", type: "timestamp" },
} as const satisfies Record<string, { family: string; type: ColumnType }>;

export type TypeKind = keyof typeof TYPE_KINDS;

/** Kinds a plain index or unique can use everywhere (MySQL cannot index TEXT without a prefix). */
export const isIndexable = (kind: TypeKind): boolean => TYPE_KINDS[kind].family !== "text";

export function declareModel(model: ModelSchema): DeclaredTable[] {
  return model.tables.map((m) => {
    const columns = m.columns.map((c): DeclaredColumnSpec & { name: string } => ({
      name: c.name,
      type: TYPE_KINDS[c.kind].type,
      nullable: c.name === "id" ? false : c.nullable,
      ...(c.name === "id" ? { primaryKey: true } : {}),
      ...(c.default === undefined
        ? {}
        : { default: typeof c.default === "object" ? sql(c.default.sql) : c.default }),
      ...(c.comment === undefined ? {} : { comment: c.comment }),
      ...(c.renamedFrom === undefined ? {} : { renamedFrom: c.renamedFrom }),
    }));
    return table(m.name, columns, {
      ...(m.renamedFrom === undefined ? {} : { renamedFrom: m.renamedFrom }),
      ...(m.comment === undefined ? {} : { comment: m.comment }),
      indexes: m.indexes.map((i) => ({
        name: i.name,
        columns: i.lower ? [sql(`lower(${i.columns[0]})`)] : i.columns,
        unique: i.unique,
        ...(i.whereColumn === undefined ? {} : { where: `${i.whereColumn} > 0` }),
      })),
      uniques: m.uniques.map((u) => (u.name === undefined ? u.columns : u)),
      checks: m.checks.map((c) => ({
        ...(c.name === undefined ? {} : { name: c.name }),
        expression: `${c.column} >= ${c.min}`,
      })),
      foreignKeys: m.foreignKeys.map((f) => ({
        ...(f.name === undefined ? {} : { name: f.name }),
        columns: [f.column],
        references: f.references,
        referencedColumns: ["id"],
        onDelete: f.onDelete,
      })),
    });
  });
}

/** Everything in `table` that names `column`. */
export function usesColumn(table: ModelTable, column: string): boolean {
  return (
    table.indexes.some((i) => i.columns.includes(column) || i.whereColumn === column) ||
    table.uniques.some((u) => u.columns.includes(column)) ||
    table.checks.some((c) => c.column === column) ||
    table.foreignKeys.some((f) => f.column === column)
  );
}

/** A column dropped, with whatever in its table names it. */
export function dropColumn(table: ModelTable, column: string): void {
  table.columns = table.columns.filter((c) => c.name !== column);
  table.indexes = table.indexes.filter(
    (i) => !i.columns.includes(column) && i.whereColumn !== column,
  );
  table.uniques = table.uniques.filter((u) => !u.columns.includes(column));
  table.checks = table.checks.filter((c) => c.column !== column);
  table.foreignKeys = table.foreignKeys.filter((f) => f.column !== column);
}

/** A column renamed, with whatever in its table names it. */
export function renameColumn(table: ModelTable, from: string, to: string): void {
  const rename = (n: string) => (n === from ? to : n);
  for (const c of table.columns) if (c.name === from) c.name = to;
  for (const i of table.indexes) {
    i.columns = i.columns.map(rename);
    if (i.whereColumn !== undefined) i.whereColumn = rename(i.whereColumn);
  }
  for (const u of table.uniques) u.columns = u.columns.map(rename);
  for (const c of table.checks) c.column = rename(c.column);
  for (const f of table.foreignKeys) f.column = rename(f.column);
}

/** Foreign-key columns: always nullable integers, never indexed or retyped by the generator. */
export function isForeignKeyColumn(table: ModelTable, column: string): boolean {
  return table.foreignKeys.some((f) => f.column === column) || /^r\d+$/.test(column);
}
