/**
 * A database's schema as its introspector reads it, in the database's own spelling
 * (types lowercase as the catalog gives them, defaults and expressions as SQL text the
 * server prints). Lists are sorted (tables, constraints and indexes by name, columns by
 * position) so two snapshots of one server compare with deep equality.
 *
 * Autogenerate compares two snapshots read by the same introspector: the live database's,
 * and the declared schema's after the dialect applied it to a scratch area
 * (`Dialect.snapshotDeclared`). Both sides are then in the server's own spelling.
 */
export interface SchemaSnapshot {
  /**
   * The schema unqualified names mean (PostgreSQL's `current_schema()`), where the
   * database has schemas. Tables in it carry no `schema` unless one was asked for.
   */
  readonly defaultSchema?: string | undefined;
  readonly tables: readonly TableSnapshot[];
  /** Named enum types (PostgreSQL). */
  readonly enums: readonly EnumSnapshot[];
  /**
   * Objects mig does not model (views, triggers, functions, sequences not owned by a
   * column, partitions, domains, exclusion constraints, inherited tables...): reported by
   * `check` and `pull` as warnings, never dropped by autogenerate.
   */
  readonly unsupported: readonly UnsupportedObject[];
}

export interface UnsupportedObject {
  /** `view`, `materialized view`, `trigger`, `function`, `domain`, `partitioned table`... */
  readonly kind: string;
  readonly name: string;
  readonly schema?: string | undefined;
  /** The table it belongs to (a trigger's, an exclusion constraint's). */
  readonly table?: string | undefined;
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
  /** The extension that owns the table (PostGIS's `spatial_ref_sys`), else null. */
  readonly extension: string | null;
  /**
   * MySQL/MariaDB: the table's default collation (it implies the character set) when it
   * differs from the database's default; null otherwise and on other dialects.
   */
  readonly collation: string | null;
  /** SQLite: a `WITHOUT ROWID` table (absent means false). */
  readonly withoutRowid?: boolean;
  /** SQLite: a `STRICT` table, whose columns hold only their declared type (absent: false). */
  readonly strict?: boolean;
  readonly columns: readonly ColumnSnapshot[];
  readonly primaryKey: { readonly name: string | null; readonly columns: readonly string[] } | null;
  readonly foreignKeys: readonly ForeignKeySnapshot[];
  readonly uniques: readonly UniqueSnapshot[];
  readonly checks: readonly CheckSnapshot[];
  /** Indexes the user made; those backing a primary key or unique constraint are left out. */
  readonly indexes: readonly IndexSnapshot[];
}

export interface ColumnSnapshot {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  /** The server default as SQL text; null when there is none (`DEFAULT NULL` is none). */
  readonly default: string | null;
  /** Serial / identity / AUTO_INCREMENT / SQLite's INTEGER PRIMARY KEY [AUTOINCREMENT]. */
  readonly autoincrement: boolean;
  /** PostgreSQL identity kind; null for serial and everywhere else. */
  readonly identity: "always" | "by default" | null;
  /** A generated column's expression as the server prints it; null for a plain column. */
  readonly generated: { readonly expression: string; readonly stored: boolean } | null;
  /** The column's collation when it differs from the table's / database's default. */
  readonly collation: string | null;
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
  /** `DEFERRABLE [INITIALLY DEFERRED]`; absent when not deferrable. */
  readonly deferrable?: "immediate" | "deferred" | undefined;
}

export interface UniqueSnapshot {
  readonly name: string | null;
  readonly columns: readonly string[];
  /** PostgreSQL 15+ `NULLS NOT DISTINCT`; absent otherwise. */
  readonly nullsNotDistinct?: true | undefined;
}

export interface CheckSnapshot {
  readonly name: string | null;
  readonly expression: string;
}

export interface IndexSnapshot {
  readonly name: string;
  /** Column names; an expression key is its SQL text. One entry per key, as `keys`. */
  readonly columns: readonly string[];
  /** Per key, in order: what `columns` cannot say (expression, order, prefix, opclass). */
  readonly keys: readonly IndexKeySnapshot[];
  readonly unique: boolean;
  readonly where: string | null;
  /**
   * The access method when not the default: PostgreSQL `gin`, `gist`, `hash`, `brin`...;
   * MySQL `fulltext` or `spatial`. Null for a plain (btree) index.
   */
  readonly method: string | null;
  /** PostgreSQL `INCLUDE (...)` columns. */
  readonly include: readonly string[];
  /** A unique index's PostgreSQL 15+ `NULLS NOT DISTINCT`; absent otherwise. */
  readonly nullsNotDistinct?: true | undefined;
}

export interface IndexKeySnapshot {
  /** The column, or null for an expression key. */
  readonly column: string | null;
  /** An expression key's SQL text, as the server prints it. */
  readonly expression: string | null;
  readonly descending: boolean;
  /** PostgreSQL `NULLS FIRST | LAST` when not the default for the key's direction; else absent. */
  readonly nulls?: "first" | "last" | undefined;
  /** MySQL prefix length (`name(10)`). */
  readonly length: number | null;
  /** PostgreSQL operator class when not the type's default (`gin_trgm_ops`). */
  readonly opclass: string | null;
  /** A key's collation when not the column's. */
  readonly collation: string | null;
}

export interface IntrospectOptions {
  /** The schema to read; the connection's default when missing. */
  readonly schema?: string | undefined;
  /** Only these tables. */
  readonly tables?: readonly string[] | undefined;
  /** Tables to leave out (the version table, say). */
  readonly exclude?: readonly string[] | undefined;
}
