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
  /**
   * PostgreSQL: `GENERATED ALWAYS | BY DEFAULT AS IDENTITY` (implies autoincrement). Without
   * it an autoincrement column is `serial`-style on PostgreSQL.
   */
  readonly identity?: "always" | "by default" | undefined;
  /** A generated column: its SQL expression, STORED or VIRTUAL (PostgreSQL: stored only). */
  readonly generated?: GeneratedColumn | undefined;
  /** A collation for this column (`"C"`, `"utf8mb4_bin"`, `"NOCASE"`). */
  readonly collation?: string | undefined;
  readonly comment?: string | undefined;
}

export interface GeneratedColumn {
  /** SQL expression, used as written. */
  readonly expression: string;
  /** Computed on write and stored (default), or computed on read (`virtual`, MySQL/SQLite). */
  readonly stored: boolean;
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
  /**
   * `DEFERRABLE`: checked at the end of the transaction when deferred. `"immediate"` is
   * `DEFERRABLE INITIALLY IMMEDIATE` (deferred by `SET CONSTRAINTS`), `"deferred"` is
   * `DEFERRABLE INITIALLY DEFERRED`. Missing: not deferrable (PostgreSQL, SQLite).
   */
  readonly deferrable?: "immediate" | "deferred" | undefined;
}

export interface UniqueDefinition {
  readonly name?: string | undefined;
  readonly columns: readonly string[];
  /** PostgreSQL 15+ `NULLS NOT DISTINCT`: two NULLs count as equal, so only one is allowed. */
  readonly nullsNotDistinct?: boolean | undefined;
}

export interface CheckDefinition {
  readonly name?: string | undefined;
  /** SQL boolean expression, used as written. */
  readonly expression: string;
}

export interface IndexDefinition {
  readonly name: string;
  /**
   * Column names, `sql("lower(email)")` for an expression, or an `IndexKey` for a key
   * with an order, a prefix length or an operator class.
   */
  readonly columns: readonly (string | SqlExpression | IndexKey)[];
  readonly unique?: boolean | undefined;
  /** Partial index predicate, SQL used as written (PostgreSQL, SQLite). */
  readonly where?: string | undefined;
  /**
   * The index method when not the default: PostgreSQL `USING gin | gist | hash | brin |
   * spgist`; MySQL `fulltext` or `spatial` (`CREATE FULLTEXT INDEX`).
   */
  readonly method?: string | undefined;
  /** PostgreSQL covering columns: `INCLUDE (...)`. */
  readonly include?: readonly string[] | undefined;
  /** A unique index's PostgreSQL 15+ `NULLS NOT DISTINCT`: only one NULL is allowed. */
  readonly nullsNotDistinct?: boolean | undefined;
}

/** One index key with more than a name: `{ column: "created_at", descending: true }`. */
export interface IndexKey {
  readonly column: string | SqlExpression;
  readonly descending?: boolean | undefined;
  /**
   * PostgreSQL `NULLS FIRST | LAST`. The default is last ascending, first descending;
   * autogenerate reads it only when it is not the default.
   */
  readonly nulls?: "first" | "last" | undefined;
  /** MySQL prefix length: the first N characters (`title(10)`). */
  readonly length?: number | undefined;
  /** PostgreSQL operator class (`gin_trgm_ops`, `text_pattern_ops`). */
  readonly opclass?: string | undefined;
  readonly collation?: string | undefined;
}

/** A key's column or expression, whichever form it was written in. */
export function indexKey(key: string | SqlExpression | IndexKey): IndexKey {
  return typeof key === "object" && "column" in key ? key : { column: key };
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
  /** MySQL/MariaDB: the table's default collation (`"utf8mb3_general_ci"`); implies its charset. */
  readonly collation?: string | undefined;
  /** SQLite: `WITHOUT ROWID`. */
  readonly withoutRowid?: boolean | undefined;
  /** SQLite: `STRICT`. */
  readonly strict?: boolean | undefined;
}

export function tableName(ref: TableRef, schema?: string): QualifiedName {
  if (typeof ref === "string") return schema === undefined ? { name: ref } : { name: ref, schema };
  return ref.schema === undefined && schema !== undefined ? { name: ref.name, schema } : ref;
}
