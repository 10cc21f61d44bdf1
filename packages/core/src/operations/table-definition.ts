import type { QualifiedName } from "../connection/qualified-name.js";
import type { ColumnType } from "./column-type.js";
import type { SqlExpression } from "./sql-expression.js";

/** A table by name, or by name and schema. A string is one name: dots are not split. */
export type TableRef = string | QualifiedName;

/** A server default: a value rendered as a literal, or `sql("...")` rendered as written. */
export type DefaultValue = string | number | bigint | boolean | SqlExpression;

export type ReferentialAction = "cascade" | "restrict" | "set null" | "set default" | "no action";

export interface ColumnDefinition {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly default?: DefaultValue | undefined;
  /** Identity / serial / AUTO_INCREMENT / INTEGER PRIMARY KEY AUTOINCREMENT. */
  readonly autoincrement?: boolean | undefined;
  readonly comment?: string | undefined;
}

export interface PrimaryKeyDefinition {
  readonly name?: string | undefined;
  readonly columns: readonly string[];
}

export interface ForeignKeyDefinition {
  readonly name?: string | undefined;
  readonly columns: readonly string[];
  readonly references: QualifiedName;
  readonly referencedColumns: readonly string[];
  readonly onDelete?: ReferentialAction | undefined;
  readonly onUpdate?: ReferentialAction | undefined;
}

export interface UniqueDefinition {
  readonly name?: string | undefined;
  readonly columns: readonly string[];
}

export interface CheckDefinition {
  readonly name?: string | undefined;
  /** SQL boolean expression, used as written. */
  readonly expression: string;
}

export interface IndexDefinition {
  readonly name: string;
  /** Column names, or `sql("lower(email)")` for an expression. */
  readonly columns: readonly (string | SqlExpression)[];
  readonly unique?: boolean | undefined;
  /** Partial index predicate, SQL used as written (PostgreSQL, SQLite). */
  readonly where?: string | undefined;
}

export type ConstraintType = "primary" | "foreign" | "unique" | "check";

export type ConstraintDefinition =
  | ({ readonly type: "primary" } & PrimaryKeyDefinition)
  | ({ readonly type: "foreign" } & ForeignKeyDefinition)
  | ({ readonly type: "unique" } & UniqueDefinition)
  | ({ readonly type: "check" } & CheckDefinition);

/** Everything mig knows about a table: what createTable builds and batch copies. */
export interface TableDefinition {
  readonly table: QualifiedName;
  readonly columns: readonly ColumnDefinition[];
  readonly primaryKey?: PrimaryKeyDefinition | undefined;
  readonly foreignKeys: readonly ForeignKeyDefinition[];
  readonly uniques: readonly UniqueDefinition[];
  readonly checks: readonly CheckDefinition[];
  readonly indexes: readonly IndexDefinition[];
  readonly comment?: string | undefined;
}

export function tableName(ref: TableRef, schema?: string): QualifiedName {
  if (typeof ref === "string") return schema === undefined ? { name: ref } : { name: ref, schema };
  return ref.schema === undefined && schema !== undefined ? { name: ref.name, schema } : ref;
}
