import {
  DEFAULT_INCLUDE_OBJECT,
  type SchemaFilter,
  type SchemaObjectInfo,
  type SchemaObjectType,
} from "./schema-filter.js";
import type { SchemaSnapshot, TableSnapshot } from "./schema-snapshot.js";

type Include = (info: SchemaObjectInfo) => boolean;

/**
 * The config's filters as one test. A filter without `includeObject` still leaves
 * extension-owned objects out, as no filter at all does.
 */
export function includer(filter: SchemaFilter | undefined): Include {
  const byObject = filter?.includeObject?.bind(filter) ?? DEFAULT_INCLUDE_OBJECT;
  return (info) =>
    (filter?.includeName?.(info.name, {
      type: info.type,
      schema: info.schema,
      table: info.table,
    }) ??
      true) &&
    byObject(info);
}

/** Both snapshots with the objects the filters leave out removed, from either side. */
export function filterSnapshots(
  live: SchemaSnapshot,
  target: SchemaSnapshot,
  include: Include,
): { live: SchemaSnapshot; target: SchemaSnapshot } {
  return {
    live: filterOne(live, target, true, include),
    target: filterOne(target, live, false, include),
  };
}

function filterOne(
  snap: SchemaSnapshot,
  other: SchemaSnapshot,
  reflected: boolean,
  include: Include,
): SchemaSnapshot {
  const schemaOf = (s: string | undefined) => s ?? snap.defaultSchema;
  const info = (
    type: SchemaObjectType,
    name: string,
    inOther: boolean,
    extra: Partial<SchemaObjectInfo> = {},
  ): SchemaObjectInfo => ({
    type,
    name,
    reflected: reflected || inOther,
    declared: !reflected || inOther,
    extension: null,
    ...extra,
  });
  const otherTables = new Map(other.tables.map((t) => [t.name, t]));
  const tables = snap.tables
    .filter((t) =>
      include(
        info("table", t.name, otherTables.has(t.name), {
          schema: schemaOf(t.schema),
          extension: t.extension,
        }),
      ),
    )
    .map((t) => filterTable(t, otherTables.get(t.name), schemaOf(t.schema), info, include));
  const otherEnums = new Set(other.enums.map((e) => e.name));
  return {
    ...snap,
    tables,
    enums: snap.enums.filter((e) =>
      include(info("enum", e.name, otherEnums.has(e.name), { schema: schemaOf(e.schema) })),
    ),
  };
}

function filterTable(
  t: TableSnapshot,
  other: TableSnapshot | undefined,
  schema: string | undefined,
  info: (
    type: SchemaObjectType,
    name: string,
    inOther: boolean,
    extra?: Partial<SchemaObjectInfo>,
  ) => SchemaObjectInfo,
  include: Include,
): TableSnapshot {
  const keep = (type: SchemaObjectType, name: string, otherNames: readonly (string | null)[]) =>
    include(info(type, name, otherNames.includes(name), { schema, table: t.name }));
  const cols = (c: readonly string[]) => c.join(",");
  return {
    ...t,
    columns: t.columns.filter((c) =>
      keep("column", c.name, other?.columns.map((o) => o.name) ?? []),
    ),
    indexes: t.indexes.filter((i) =>
      keep("index", i.name, other?.indexes.map((o) => o.name) ?? []),
    ),
    uniques: t.uniques.filter((u) =>
      keep(
        "unique",
        u.name ?? cols(u.columns),
        other?.uniques.map((o) => o.name ?? cols(o.columns)) ?? [],
      ),
    ),
    foreignKeys: t.foreignKeys.filter((f) =>
      keep(
        "foreignKey",
        f.name ?? cols(f.columns),
        other?.foreignKeys.map((o) => o.name ?? cols(o.columns)) ?? [],
      ),
    ),
    checks: t.checks.filter((c) =>
      keep("check", c.name ?? c.expression, other?.checks.map((o) => o.name ?? o.expression) ?? []),
    ),
  };
}
