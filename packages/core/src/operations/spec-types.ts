import type { ColumnType } from "./column-type.js";
import type { ExistingColumn } from "./operation.js";
import type { SqlExpression } from "./sql-expression.js";
import type {
  CheckDefinition,
  ColumnDefinition,
  DefaultValue,
  GeneratedColumn,
  IndexKey,
  PrimaryKeyDefinition,
  ReferentialAction,
  TableRef,
  UniqueDefinition,
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

export interface DropColumnOptions {
  /**
   * The column's definition: it makes the drop reversible, and names the enum type that is
   * dropped with the column when no other column uses it (PostgreSQL).
   */
  readonly existing?: ColumnDefinition | undefined;
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

/** An index key as `op.createIndex` takes it: a column, an expression or a key object. */
export type IndexColumn = string | SqlExpression | IndexKey;
