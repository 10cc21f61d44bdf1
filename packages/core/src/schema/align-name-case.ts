import type {
  ForeignKeySnapshot,
  IndexSnapshot,
  SchemaSnapshot,
  TableSnapshot,
} from "./schema-snapshot.js";

/**
 * On a database whose names ignore letter case (SQLite), a declared `Post` and a live `post`
 * are one table, and `Title` and `title` one column: compared as written they came out as
 * "add table Post, drop table post", a migration SQLite refuses ("table Post already exists")
 * and, ordered the other way, one that drops the data. The declared side takes the
 * database's spelling before the comparison, and each such name (tables, columns, indexes)
 * gets a warning.
 */
export function alignNameCase(
  live: SchemaSnapshot,
  target: SchemaSnapshot,
): { target: SchemaSnapshot; warnings: string[] } {
  const dflt = live.defaultSchema ?? target.defaultSchema;
  const fold = (schema: string | undefined, name: string) =>
    `${(schema ?? dflt ?? "").toLowerCase()}\0${name.toLowerCase()}`;
  const liveTables = new Map(live.tables.map((t) => [fold(t.schema, t.name), t]));
  const exact = new Set(live.tables.map((t) => `${t.schema ?? dflt ?? ""}\0${t.name}`));
  const warnings: string[] = [];
  const tableName = (schema: string | undefined, name: string): string => {
    if (exact.has(`${schema ?? dflt ?? ""}\0${name}`)) return name;
    return liveTables.get(fold(schema, name))?.name ?? name;
  };
  const tables = target.tables.map((t) => {
    const match = liveTables.get(fold(t.schema, t.name));
    const name = tableName(t.schema, t.name);
    if (name !== t.name) {
      warnings.push(
        `table ${t.name} is ${name} in the database, where names ignore case: compared as ${name}, and kept so`,
      );
    }
    const column = spelling(
      match?.columns.map((c) => c.name) ?? [],
      t.columns.map((c) => c.name),
    );
    for (const c of t.columns) {
      if (column(c.name) !== c.name) {
        warnings.push(
          `column ${t.name}.${c.name} is ${column(c.name)} in the database, where names ignore case: compared as ${column(c.name)}, and kept so`,
        );
      }
    }
    const index = spelling(
      match?.indexes.map((i) => i.name) ?? [],
      t.indexes.map((i) => i.name),
    );
    for (const i of t.indexes) {
      if (index(i.name) !== i.name) {
        warnings.push(
          `index ${i.name} on ${t.name} is ${index(i.name)} in the database, where names ignore case: compared as ${index(i.name)}, and kept so`,
        );
      }
    }
    const referenced = (fk: ForeignKeySnapshot) => {
      const table = liveTables.get(fold(fk.referencedSchema ?? t.schema, fk.referencedTable));
      const targetTable = target.tables.find(
        (o) => fold(o.schema, o.name) === fold(fk.referencedSchema ?? t.schema, fk.referencedTable),
      );
      return spelling(
        table?.columns.map((c) => c.name) ?? [],
        targetTable?.columns.map((c) => c.name) ?? fk.referencedColumns,
      );
    };
    const cols = (names: readonly string[]) => names.map(column);
    const aligned: TableSnapshot = {
      ...t,
      name,
      columns: t.columns.map((c) => ({ ...c, name: column(c.name) })),
      primaryKey: t.primaryKey && { ...t.primaryKey, columns: cols(t.primaryKey.columns) },
      uniques: t.uniques.map((u) => ({ ...u, columns: cols(u.columns) })),
      foreignKeys: t.foreignKeys.map((fk) => ({
        ...fk,
        columns: cols(fk.columns),
        referencedTable: tableName(fk.referencedSchema ?? t.schema, fk.referencedTable),
        referencedColumns: fk.referencedColumns.map(referenced(fk)),
      })),
      indexes: t.indexes.map(
        (i): IndexSnapshot => ({
          ...i,
          name: index(i.name),
          columns: cols(i.columns),
          keys: i.keys.map((k) => (k.column === null ? k : { ...k, column: column(k.column) })),
          include: cols(i.include),
        }),
      ),
    };
    return aligned;
  });
  return { target: { ...target, tables }, warnings };
}

/**
 * A name as the database spells it: the live name equal to it but for case, where the
 * declared side has no name spelled exactly so (two declared names one case apart are
 * left alone, for the comparison to report).
 */
function spelling(live: readonly string[], declared: readonly string[]): (name: string) => string {
  const exact = new Set(live);
  const byFold = new Map<string, string>();
  for (const name of live) byFold.set(name.toLowerCase(), name);
  const declaredFolds = new Map<string, number>();
  for (const name of declared)
    declaredFolds.set(name.toLowerCase(), (declaredFolds.get(name.toLowerCase()) ?? 0) + 1);
  return (name) => {
    if (exact.has(name)) return name;
    const folded = name.toLowerCase();
    if ((declaredFolds.get(folded) ?? 0) > 1) return name;
    return byFold.get(folded) ?? name;
  };
}
