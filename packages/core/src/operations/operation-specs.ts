import type { QualifiedName } from "../connection/qualified-name.js";
import type { ColumnType } from "./column-type.js";
import type { ExistingColumn, Operation } from "./operation.js";
import { refuseUnknownKeys } from "./spec-keys.js";
import type { SqlExpression } from "./sql-expression.js";
import {
  type CheckDefinition,
  type ColumnDefinition,
  type DefaultValue,
  type ForeignKeyDefinition,
  type GeneratedColumn,
  type IndexDefinition,
  type IndexKey,
  type PrimaryKeyDefinition,
  type ReferentialAction,
  type TableDefinition,
  type TableRef,
  tableName,
  type UniqueDefinition,
} from "./table-definition.js";

/** A column as a migration writes it; `createTable` and `addColumn` take these. */
export interface ColumnSpec {
  readonly type: ColumnType;
  /** Default true, except for primary-key columns. */
  readonly nullable?: boolean;
  readonly primaryKey?: boolean;
  readonly autoincrement?: boolean;
  /** PostgreSQL identity column (`GENERATED ALWAYS AS IDENTITY`); implies autoincrement. */
  readonly identity?: "always" | "by default";
  /** A generated column: `{ expression: "price * qty", stored: true }`. */
  readonly generated?: GeneratedColumn;
  readonly collation?: string;
  readonly default?: DefaultValue;
  /** A unique constraint on this column alone; a string names it. */
  readonly unique?: boolean | string;
  /** A foreign key from this column. */
  readonly references?: ReferenceSpec;
  readonly comment?: string;
}

export interface ReferenceSpec {
  readonly table: TableRef;
  readonly column: string;
  readonly name?: string;
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
}

export type NamedColumnSpec = ColumnSpec & { readonly name: string };

/** Columns by name (written order), or a list when order or names need it. */
export type ColumnsSpec = Readonly<Record<string, ColumnSpec>> | readonly NamedColumnSpec[];

export interface ForeignKeySpec {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly references: TableRef;
  readonly referencedColumns: readonly string[];
  readonly onDelete?: ReferentialAction;
  readonly onUpdate?: ReferentialAction;
  /** `DEFERRABLE INITIALLY IMMEDIATE | DEFERRED` (PostgreSQL). */
  readonly deferrable?: "immediate" | "deferred";
}

/** createForeignKey's options: `Pick` of a foreign key spec's. */
export type ForeignKeyOptions = Pick<ForeignKeySpec, "onDelete" | "onUpdate" | "deferrable">;

export interface IndexSpec {
  readonly name: string;
  readonly columns: readonly (string | SqlExpression | IndexKey)[];
  readonly unique?: boolean;
  readonly where?: string;
  /** PostgreSQL `gin`, `gist`...; MySQL `fulltext`, `spatial`. */
  readonly method?: string;
  /** PostgreSQL `INCLUDE` columns. */
  readonly include?: readonly string[];
  /** A unique index's `NULLS NOT DISTINCT` (PostgreSQL 15+). */
  readonly nullsNotDistinct?: boolean;
}

export interface CreateIndexOptions {
  readonly unique?: boolean;
  /** Partial index predicate (PostgreSQL, SQLite). */
  readonly where?: string;
  /** PostgreSQL `CREATE INDEX CONCURRENTLY`. */
  readonly concurrently?: boolean;
  /** PostgreSQL `gin`, `gist`...; MySQL `fulltext`, `spatial`. */
  readonly method?: string;
  /** PostgreSQL covering columns. */
  readonly include?: readonly string[];
  /** PostgreSQL 15+ `NULLS NOT DISTINCT` on a unique index. */
  readonly nullsNotDistinct?: boolean;
}

export interface CreateTableOptions {
  readonly schema?: string;
  readonly primaryKey?: readonly string[] | PrimaryKeyDefinition;
  readonly foreignKeys?: readonly ForeignKeySpec[];
  readonly uniques?: readonly (readonly string[] | UniqueDefinition)[];
  readonly checks?: readonly (string | CheckDefinition)[];
  /** Created right after the table. */
  readonly indexes?: readonly IndexSpec[];
  readonly comment?: string;
  /** MySQL/MariaDB: the table's default collation (it implies the character set). */
  readonly collation?: string;
  /** SQLite: a `WITHOUT ROWID` table (it needs a primary key). */
  readonly withoutRowid?: boolean;
  /** SQLite 3.37+: a `STRICT` table, whose columns accept only their declared type. */
  readonly strict?: boolean;
}

export interface AlterColumnSpec {
  readonly type?: ColumnType;
  /** PostgreSQL: how to convert existing values, `USING` expression. */
  readonly using?: string;
  readonly nullable?: boolean;
  /** A new server default, or `null` to drop it. */
  readonly default?: DefaultValue | null;
  readonly newName?: string;
  /** A new comment, or `null` to drop it. */
  readonly comment?: string | null;
  /** The column before the change: lets the change be reversed, and spares MySQL a lookup. */
  readonly existing?: ExistingColumn;
}

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

export function namedColumns(columns: ColumnsSpec): NamedColumnSpec[] {
  if (Array.isArray(columns)) return [...(columns as readonly NamedColumnSpec[])];
  return Object.entries(columns as Record<string, ColumnSpec>).map(([name, spec]) => ({
    ...spec,
    name,
  }));
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

const COLUMN_KEYS = [
  "type",
  "nullable",
  "primaryKey",
  "autoincrement",
  "identity",
  "generated",
  "collation",
  "default",
  "unique",
  "references",
  "comment",
] as const satisfies readonly (keyof ColumnSpec)[];

const TABLE_KEYS = [
  "schema",
  "primaryKey",
  "foreignKeys",
  "uniques",
  "checks",
  "indexes",
  "comment",
  "collation",
  "withoutRowid",
  "strict",
] as const satisfies readonly (keyof CreateTableOptions)[];

// Fails to compile when a spec gains a key the lists above do not name.
type Unlisted<T, L extends readonly PropertyKey[]> = Exclude<keyof T, L[number]>;
const everyKeyListed: [
  Unlisted<ColumnSpec, typeof COLUMN_KEYS>,
  Unlisted<CreateTableOptions, typeof TABLE_KEYS>,
] extends [never, never]
  ? true
  : never = true;
void everyKeyListed;

/**
 * Refuses a column spec with a key mig does not know. A list form's `name` and the schema
 * module's `renamedFrom` (read before this) are known.
 */
export function checkColumnKeys(spec: object, where: string): void {
  refuseUnknownKeys(spec, COLUMN_KEYS, ["name", "renamedFrom"], where);
}

/** Refuses createTable / table() options with a key mig does not know. */
export function checkTableKeys(options: object, where: string): void {
  refuseUnknownKeys(options, TABLE_KEYS, ["renamedFrom"], where);
}

/** An index key as `op.createIndex` takes it: a column, an expression or a key object. */
export type IndexColumn = string | SqlExpression | IndexKey;

/** `op.createIndex(...)` as an operation. */
export function createIndexOperation(
  name: string,
  table: QualifiedName,
  columns: readonly IndexColumn[],
  options: CreateIndexOptions,
): Operation {
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

export function tableDefinition(
  table: TableRef,
  columns: ColumnsSpec,
  options: CreateTableOptions = {},
): TableDefinition {
  const specs = namedColumns(columns);
  const shown = typeof table === "string" ? table : table.name;
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
