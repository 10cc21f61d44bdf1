import {
  type ColumnType,
  type DefaultValue,
  type IndexKey,
  isSqlExpression,
  normalizeType,
  type SqlExpression,
  sql,
  type TableDefinition,
} from "@mig/core";
import type { QualifiedName } from "@mig/core/dialect";
import { toScratchSql } from "./postgres-scratch-sql.js";

/** Declared schema to its scratch stand-in; `current` is where unqualified names go. */
export interface ScratchMap {
  readonly current: string;
  readonly toScratch: ReadonlyMap<string, string>;
}

/**
 * The declared tables moved into the scratch schemas: each table, each foreign key to a
 * declared table, and each `schema.name` in SQL text that names a declared table or enum.
 */
export function scratchDefinitions(
  tables: readonly TableDefinition[],
  map: ScratchMap,
): TableDefinition[] {
  const declared = new Set<string>();
  const add = (schema: string | undefined, name: string) =>
    declared.add(JSON.stringify([schema ?? map.current, name]));
  for (const t of tables) {
    add(t.table.schema, t.table.name);
    for (const c of t.columns) {
      const type = normalizeType(c.type);
      if (type.kind === "enum") add(t.table.schema, type.name);
    }
  }
  const has = (schema: string | undefined, name: string) =>
    declared.has(JSON.stringify([schema ?? map.current, name]));
  const moved = (name: QualifiedName): QualifiedName =>
    has(name.schema, name.name)
      ? { name: name.name, schema: map.toScratch.get(name.schema ?? map.current) }
      : name;
  const text = (s: string) =>
    toScratchSql(s, (schema, name) => (has(schema, name) ? map.toScratch.get(schema) : undefined));
  const expr = (e: SqlExpression) => sql(text(e.text));
  const key = (k: string | SqlExpression | IndexKey): string | SqlExpression | IndexKey => {
    if (typeof k === "string") return k;
    if (isSqlExpression(k)) return expr(k);
    return isSqlExpression(k.column) ? { ...k, column: expr(k.column) } : k;
  };
  const type = (t: ColumnType): ColumnType =>
    typeof t === "object" && t.kind === "raw" ? { kind: "raw", sql: text(t.sql) } : t;
  const value = (d: DefaultValue | undefined) => (isSqlExpression(d) ? expr(d) : d);
  return tables.map((t) => ({
    ...t,
    table: moved(t.table),
    columns: t.columns.map((c) => ({
      ...c,
      type: type(c.type),
      default: value(c.default),
      generated: c.generated && { ...c.generated, expression: text(c.generated.expression) },
    })),
    foreignKeys: t.foreignKeys.map((fk) => ({ ...fk, references: moved(fk.references) })),
    checks: t.checks.map((c) => ({ ...c, expression: text(c.expression) })),
    indexes: t.indexes.map((i) => ({
      ...i,
      columns: i.columns.map(key),
      where: i.where === undefined ? undefined : text(i.where),
    })),
  }));
}
