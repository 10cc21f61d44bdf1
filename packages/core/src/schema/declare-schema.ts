import type { QualifiedName } from "../connection/qualified-name.js";
import { MigError } from "../errors/mig-error.js";
import { checkTableName, namedColumns, tableDefinition } from "../operations/operation-specs.js";
import type { ColumnSpec, CreateTableOptions, NamedColumnSpec } from "../operations/spec-types.js";
import type { TableDefinition, TableRef } from "../operations/table-definition.js";
import { validateTables } from "./validate-schema.js";

const DECLARED = Symbol.for("mig.declaredTable");

/** A column in a schema module: what `op.createTable` takes, plus a declared rename. */
export interface DeclaredColumnSpec extends ColumnSpec {
  /** The column's previous name: autogenerate renames it instead of drop + add. */
  readonly renamedFrom?: string;
}

export type DeclaredColumns =
  | Readonly<Record<string, DeclaredColumnSpec>>
  | readonly (DeclaredColumnSpec & { readonly name: string })[];

export interface DeclaredTableOptions extends CreateTableOptions {
  /** The table's previous name: autogenerate renames it instead of drop + create. */
  readonly renamedFrom?: string;
}

/** One table of the declared schema, as `table(...)` builds it. */
export interface DeclaredTable {
  readonly [DECLARED]: true;
  readonly definition: TableDefinition;
  /** The previous name, when the table was renamed. */
  readonly renamedFrom?: string | undefined;
  /** New column name to previous name, for declared column renames. */
  readonly columnRenames: ReadonlyMap<string, string>;
}

/** The schema a project declares: what autogenerate makes the database look like. */
export interface DeclaredSchema {
  readonly tables: readonly DeclaredTable[];
}

/**
 * Declares a table, with the same column specs and options as `op.createTable`:
 *
 *     export const users = table("users", {
 *       id: { type: "integer", primaryKey: true, autoincrement: true },
 *       email: { type: t.varchar(255), nullable: false, unique: true },
 *     });
 */
export function table(
  name: TableRef,
  columns: DeclaredColumns,
  options: DeclaredTableOptions = {},
): DeclaredTable {
  checkTableName(name, "table()");
  const shown = typeof name === "string" ? name : name.name;
  const specs = namedColumns(
    columns as Parameters<typeof namedColumns>[0],
    `table ${shown}`,
  ) as (NamedColumnSpec & DeclaredColumnSpec)[];
  const { renamedFrom, ...createOptions } = options;
  const renames = new Map<string, string>();
  for (const spec of specs) if (spec.renamedFrom) renames.set(spec.name, spec.renamedFrom);
  return {
    [DECLARED]: true,
    definition: tableDefinition(name, specs, createOptions, "table()"),
    renamedFrom,
    columnRenames: renames,
  };
}

/** A table declared by its definition, no renames: a database read back as a declaration. */
export function declaredTable(definition: TableDefinition): DeclaredTable {
  return { [DECLARED]: true, definition, columnRenames: new Map() };
}

export function isDeclaredTable(value: unknown): value is DeclaredTable {
  return typeof value === "object" && value !== null && DECLARED in value;
}

/** The schema from a list of tables: `export default defineSchema([users, posts])`. */
export function defineSchema(tables: readonly DeclaredTable[]): DeclaredSchema {
  const seen = new Set<string>();
  for (const t of tables) {
    const key = tableKey(t.definition.table);
    if (seen.has(key)) {
      throw new MigError("schema_invalid", `The schema declares table ${key} twice.`, {
        hint: "Give each table one table(...) declaration.",
      });
    }
    seen.add(key);
  }
  validateTables(tables.map((t) => t.definition));
  return { tables };
}

/**
 * A schema module's declared schema: its default export when that is a schema (or a list
 * of tables), else every exported `table(...)`, in export order.
 */
export function schemaFromModule(module: Readonly<Record<string, unknown>>): DeclaredSchema {
  const fallback = module.default;
  if (isDeclaredSchema(fallback)) return defineSchema(fallback.tables);
  if (Array.isArray(fallback) && fallback.every(isDeclaredTable)) return defineSchema(fallback);
  return defineSchema(Object.values(module).filter(isDeclaredTable));
}

function isDeclaredSchema(value: unknown): value is DeclaredSchema {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as DeclaredSchema).tables) &&
    (value as DeclaredSchema).tables.every(isDeclaredTable)
  );
}

function tableKey(name: QualifiedName): string {
  return name.schema === undefined ? name.name : `${name.schema}.${name.name}`;
}
