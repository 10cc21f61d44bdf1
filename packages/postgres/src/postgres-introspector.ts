import {
  type ColumnSnapshot,
  type EnumSnapshot,
  type ForeignKeySnapshot,
  type IndexSnapshot,
  type IntrospectOptions,
  MigError,
  type Queryable,
  type SchemaSnapshot,
  type TableSnapshot,
  type UnsupportedObject,
} from "@mig/core/dialect";
import {
  COLUMNS_SQL,
  type ColumnRow,
  type ConstraintRow,
  constraintsSql,
  ENUMS_SQL,
  type EnumRow,
  type IndexRow,
  indexesSql,
  TABLES_SQL,
  type TableRow,
} from "./postgres-catalog-queries.js";
import { UNSUPPORTED_SQL, type UnsupportedRow } from "./postgres-unsupported-query.js";

const ACTIONS: Readonly<Record<string, string>> = {
  a: "no action",
  r: "restrict",
  c: "cascade",
  n: "set null",
  d: "set default",
};

/**
 * Reads one schema (default `current_schema()`) from pg_catalog in seven queries, however
 * many tables it has.
 *
 * Spelling: types as `format_type` prints them (built-in types lowercase; a user type by
 * its name, quoted and qualified as PostgreSQL would need). Checks and index predicates
 * as `pg_get_expr` pretty-prints them, expression index keys as `pg_get_indexdef`.
 * Serial and identity columns are `autoincrement` with no default; a `nextval` of a
 * sequence the column does not own stays a default. Partitions, partitioned and inheriting
 * tables are not tables here but `unsupported`, with views, triggers and the like. Tables and enums carry
 * `schema` only when `options.schema` named it; a foreign key names its referenced
 * schema only when that differs from the schema read. Enum types are the schema's, not
 * limited by `options.tables`.
 */
export async function introspect(
  db: Queryable,
  options: IntrospectOptions = {},
): Promise<SchemaSnapshot> {
  const [current, schema, version] = await schemaNames(db, options.schema);
  const params = [schema, options.tables ?? null, options.exclude ?? []];
  const tables = await db.query<TableRow>(TABLES_SQL, params);
  const columns = groupBy(await db.query<ColumnRow>(COLUMNS_SQL, params));
  const constraints = groupBy(await db.query<ConstraintRow>(constraintsSql(version), params));
  const indexes = groupBy(await db.query<IndexRow>(indexesSql(version), params));
  const enums = await db.query<EnumRow>(ENUMS_SQL, [schema]);
  const unsupported = await db.query<UnsupportedRow>(UNSUPPORTED_SQL, params);
  const inSchema = options.schema === undefined ? {} : { schema };
  return {
    ...(current === null ? {} : { defaultSchema: current }),
    tables: sortByName(
      tables.map((t) => ({
        name: t.table_name,
        ...inSchema,
        comment: t.comment,
        extension: t.extension,
        collation: null,
        ...tableParts(
          columns.get(t.table_name) ?? [],
          constraints.get(t.table_name) ?? [],
          indexes.get(t.table_name) ?? [],
          schema,
        ),
      })),
    ),
    enums: sortByName(
      enums.map((e): EnumSnapshot => ({ name: e.name, ...inSchema, values: e.values })),
    ),
    unsupported: unsupported
      .map(
        (u): UnsupportedObject => ({
          kind: u.kind,
          name: u.name,
          ...inSchema,
          ...(u.table_name === null ? {} : { table: u.table_name }),
        }),
      )
      .sort((a, b) => compare(a.kind, b.kind) || compare(a.name, b.name)),
  };
}

type TableParts = Omit<TableSnapshot, "name" | "schema" | "comment" | "extension" | "collation">;

function tableParts(
  columns: readonly ColumnRow[],
  constraints: readonly ConstraintRow[],
  indexes: readonly IndexRow[],
  schema: string,
): TableParts {
  const ofType = (type: string) => sortByName(constraints.filter((c) => c.type === type));
  const pk = ofType("p")[0];
  return {
    columns: columns.map(column),
    primaryKey: pk ? { name: pk.name, columns: pk.columns } : null,
    foreignKeys: ofType("f").map((c) => foreignKey(c, schema)),
    uniques: ofType("u").map((c) => ({
      name: c.name,
      columns: c.columns,
      ...(c.nulls_not_distinct ? { nullsNotDistinct: true as const } : {}),
    })),
    checks: ofType("c").map((c) => ({ name: c.name, expression: c.expression ?? "" })),
    indexes: sortByName(indexes.map(index)),
  };
}

const IDENTITY: Readonly<Record<string, "always" | "by default">> = {
  a: "always",
  d: "by default",
};

function column(c: ColumnRow): ColumnSnapshot {
  const identity = IDENTITY[c.identity] ?? null;
  const generated = c.generated === "s" && c.default !== null;
  const autoincrement = identity !== null || c.owned_sequence;
  return {
    name: c.name,
    type: c.type,
    nullable: !c.not_null,
    default: autoincrement || generated ? null : c.default,
    autoincrement,
    identity,
    generated: generated ? { expression: c.default ?? "", stored: true } : null,
    collation: c.collation,
    comment: c.comment,
  };
}

function index(i: IndexRow): IndexSnapshot {
  return {
    name: i.name,
    columns: i.keys.map((k) => k.column ?? k.expression ?? ""),
    keys: i.keys.map((k) => ({
      column: k.column,
      expression: k.column === null ? k.expression : null,
      descending: k.descending,
      // The default is NULLS LAST ascending, NULLS FIRST descending: only the other is read.
      ...(k.nulls_first === k.descending ? {} : { nulls: k.nulls_first ? "first" : "last" }),
      length: null,
      opclass: k.opclass,
      collation: k.collation,
    })),
    unique: i.unique,
    where: i.predicate,
    method: i.method === "btree" ? null : i.method,
    include: i.include,
    ...(i.nulls_not_distinct ? { nullsNotDistinct: true as const } : {}),
  };
}

function foreignKey(c: ConstraintRow, schema: string): ForeignKeySnapshot {
  const refSchema = c.ref_schema ?? schema;
  return {
    name: c.name,
    columns: c.columns,
    referencedTable: c.ref_table ?? "",
    ...(refSchema === schema ? {} : { referencedSchema: refSchema }),
    referencedColumns: c.ref_columns ?? [],
    onDelete: ACTIONS[c.on_delete ?? "a"] ?? "no action",
    onUpdate: ACTIONS[c.on_update ?? "a"] ?? "no action",
    ...(c.deferrable ? { deferrable: c.deferred ? "deferred" : "immediate" } : {}),
  };
}

/** `current_schema()`, the schema to read (the given one, else that), the server version. */
async function schemaNames(
  db: Queryable,
  given: string | undefined,
): Promise<[string | null, string, number]> {
  const rows = await db.query<{ schema: string | null; version: string }>(
    "SELECT current_schema() AS schema, current_setting('server_version_num') AS version",
  );
  const current = rows[0]?.schema ?? null;
  const version = Number(rows[0]?.version ?? 0);
  if (given !== undefined) return [current, given, version];
  if (current === null) {
    throw new MigError("no_schema", "The connection has no current schema to introspect.", {
      hint: "Set search_path to an existing schema, or pass { schema } to introspect().",
    });
  }
  return [current, current, version];
}

function groupBy<R extends { readonly table_name: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const row of rows) {
    const list = out.get(row.table_name);
    if (list) list.push(row);
    else out.set(row.table_name, [row]);
  }
  return out;
}

/** By UTF-16 code unit, so the order does not depend on the server's or Node's collation. */
function sortByName<T extends { readonly name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => compare(a.name, b.name));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
