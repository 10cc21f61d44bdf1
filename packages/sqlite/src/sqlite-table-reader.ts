import type { TableDefinition } from "@mig/core";
import type { QualifiedName, Queryable } from "@mig/core/dialect";
import { snapshotToDefinition, sql, t } from "@mig/core/dialect";
import { bareColumnNames } from "./sqlite-bare-identifiers.js";
import { readTableByName } from "./sqlite-introspector.js";
import { type NamedColumns, parseCreateTable } from "./sqlite-table-declaration.js";
import { tableOptions } from "./sqlite-table-sql.js";

/** A table as a batch copy needs it: its definition, and what a definition cannot hold. */
export interface TableSource {
  readonly definition: TableDefinition;
  /** What follows the column list (`WITHOUT ROWID`, `STRICT`), kept on the copy. */
  readonly tableOptions: string;
}

/**
 * Reads a table's definition from the database, keeping the declared type text as written,
 * stored defaults, constraint names, checks and AUTOINCREMENT, and index expressions as
 * `sql(...)` so the copy recreates them as expressions.
 */
export async function readTableDefinition(
  db: Queryable,
  table: QualifiedName,
): Promise<TableSource | undefined> {
  const reading = await readTableByName(db, table.name, table.schema);
  if (!reading) return undefined;
  // WITHOUT ROWID and STRICT ride as `tableOptions`, the text the copy appends as written.
  const { withoutRowid: _w, strict: _s, ...def } = snapshotToDefinition(reading.snapshot);
  // The copy keeps each type as the CREATE statement spells it, and the constraints in the
  // order it declares them (a snapshot sorts them), so the copied table's sqlite_master
  // text is the one an offline script (or the original statement) produces.
  const declared = parseCreateTable(reading.sql);
  const names = reading.snapshot.columns.map((c) => c.name);
  const types = new Map([...declared.types].map(([name, type]) => [lower(name), type]));
  const columns = def.columns.map((c) => {
    const type = types.get(lower(c.name));
    return type === undefined ? c : { ...c, type: t.raw(type) };
  });
  const indexes = def.indexes.map((index) => {
    const expressions = reading.expressionKeys.get(index.name) ?? [];
    return {
      ...index,
      columns: index.columns.map((c, i) => (expressions[i] && typeof c === "string" ? sql(c) : c)),
      unique: index.unique || undefined,
    };
  });
  return {
    definition: {
      ...def,
      columns,
      uniques: inDeclaredOrder(def.uniques, declared.uniques),
      foreignKeys: inDeclaredOrder(def.foreignKeys, declared.foreignKeys),
      checks: inDeclaredOrder(
        def.checks.map((c) => ({ ...c, columns: [c.expression] })),
        declared.checks.map((c) => ({
          name: c.name,
          // As the introspector reads it, so the two match.
          columns: [bareColumnNames(c.expression, names)],
        })),
      ).map(({ columns: _, ...c }) => c),
      indexes,
    },
    tableOptions: tableOptions(reading.sql),
  };
}

/** `items` sorted as `declared` lists them (matched by name and columns); the rest last. */
function inDeclaredOrder<
  T extends { readonly name?: string | undefined; readonly columns: readonly unknown[] },
>(items: readonly T[], declared: readonly NamedColumns[]): T[] {
  const keyOf = (name: string | null | undefined, columns: readonly unknown[]) =>
    JSON.stringify([name ?? null, columns.map((c) => lower(String(c)))]);
  const slots = declared.map((d) => keyOf(d.name, d.columns));
  const position = (item: T) => {
    const at = slots.indexOf(keyOf(item.name, item.columns));
    if (at < 0) return slots.length;
    slots[at] = "";
    return at;
  };
  return items
    .map((item) => ({ item, at: position(item) }))
    .sort((a, b) => a.at - b.at)
    .map((x) => x.item);
}

function lower(name: string): string {
  return name.toLowerCase();
}
