/**
 * A database's schema as its introspector reads it, in the database's own spelling
 * (types lowercase as the catalog gives them, defaults as SQL text). Lists are sorted
 * (tables and constraints by name, columns by position) so two snapshots compare with
 * deep equality.
 */
export interface SchemaSnapshot {
  readonly tables: readonly TableSnapshot[];
  /** Named enum types (PostgreSQL). */
  readonly enums: readonly EnumSnapshot[];
}

export interface EnumSnapshot {
  readonly name: string;
  readonly schema?: string | undefined;
  readonly values: readonly string[];
}

export interface TableSnapshot {
  readonly name: string;
  readonly schema?: string | undefined;
  readonly comment: string | null;
  readonly columns: readonly ColumnSnapshot[];
  readonly primaryKey: { readonly name: string | null; readonly columns: readonly string[] } | null;
  readonly foreignKeys: readonly ForeignKeySnapshot[];
  readonly uniques: readonly {
    readonly name: string | null;
    readonly columns: readonly string[];
  }[];
  readonly checks: readonly { readonly name: string | null; readonly expression: string }[];
  /** Indexes the user made; those backing a primary key or unique constraint are left out. */
  readonly indexes: readonly IndexSnapshot[];
}

export interface ColumnSnapshot {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly default: string | null;
  readonly autoincrement: boolean;
  readonly comment: string | null;
}

export interface ForeignKeySnapshot {
  readonly name: string | null;
  readonly columns: readonly string[];
  readonly referencedTable: string;
  readonly referencedSchema?: string | undefined;
  readonly referencedColumns: readonly string[];
  /** Lowercase: `no action`, `cascade`, `set null`, `set default`, `restrict`. */
  readonly onDelete: string;
  readonly onUpdate: string;
}

export interface IndexSnapshot {
  readonly name: string;
  /** Column names; an expression is its SQL text. */
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly where: string | null;
}

export interface IntrospectOptions {
  /** The schema to read; the connection's default when missing. */
  readonly schema?: string | undefined;
  /** Only these tables. */
  readonly tables?: readonly string[] | undefined;
  /** Tables to leave out (the version table, say). */
  readonly exclude?: readonly string[] | undefined;
}
