/** The kinds of object autogenerate compares; filters see them by these names. */
export type SchemaObjectType =
  | "table"
  | "column"
  | "index"
  | "unique"
  | "foreignKey"
  | "check"
  | "enum";

/** An object the comparator is about to compare (Alembic's `include_object`). */
export interface SchemaObjectInfo {
  readonly type: SchemaObjectType;
  readonly name: string;
  readonly schema?: string | undefined;
  /** The table a column, index or constraint belongs to. */
  readonly table?: string | undefined;
  /** In the database. */
  readonly reflected: boolean;
  /** In the schema module. */
  readonly declared: boolean;
  /** The extension that owns the object (PostGIS's `spatial_ref_sys`), else null. */
  readonly extension: string | null;
}

/** Filters from the config: an object for which one returns false is not compared. */
export interface SchemaFilter {
  /** By name, before anything is compared (Alembic's `include_name`). */
  includeName?(name: string, info: Pick<SchemaObjectInfo, "type" | "schema" | "table">): boolean;
  includeObject?(object: SchemaObjectInfo): boolean;
}

/** Without a filter of the user's, objects an extension owns are left out. */
export const DEFAULT_INCLUDE_OBJECT = (object: SchemaObjectInfo): boolean =>
  object.extension === null;
