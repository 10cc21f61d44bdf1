import { join } from "node:path";
import { type CorpusDatabase, run, uniqueName } from "./client.js";

/**
 * A SQLite file, loaded and read with the `sqlite3` command-line shell (required: the
 * test fails when it is missing). The schema is, per table, `pragma table_xinfo`,
 * `index_list`, `index_xinfo` of each index and `foreign_key_list`, as JSON rows.
 * These pragmas do not show CHECK constraints or the table's SQL text. An explicit
 * `DEFAULT NULL` reads as no default: mig does not tell the two apart (schema-snapshot.ts).
 * The rowid alias (a table's one `INTEGER PRIMARY KEY` column) counts as NOT NULL however
 * it was written: SQLite never stores NULL there, mig reads it as not nullable and writes
 * it `NOT NULL`, while `pragma table_xinfo` shows whether the words were in the DDL.
 */
export function createSqliteDatabase(label: string, dir: string): CorpusDatabase {
  const file = join(dir, `${uniqueName(label)}.db`);
  const json = (sql: string): Record<string, unknown>[] => {
    const out = run("sqlite3", ["-json", file, sql]).trim();
    return out === "" ? [] : (JSON.parse(out) as Record<string, unknown>[]);
  };
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  const tableNames = () =>
    json(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
      AND name NOT IN ('mig_version', 'mig_log') ORDER BY name`).map((r) => String(r.name));
  return {
    url: `sqlite:${file}`,
    load: (sqlFile) => void run("sqlite3", ["-bail", file, `.read ${quote(sqlFile)}`]),
    tables: tableNames,
    describe: (tables) =>
      Object.fromEntries(
        tables.map((t) => {
          const row = (kind: string, value: unknown) => `${kind} ${JSON.stringify(value)}`;
          const columns = json(`SELECT * FROM pragma_table_xinfo(${quote(t)})`);
          const alias = rowidAlias(
            columns,
            json(`SELECT sql FROM sqlite_schema WHERE name = ${quote(t)}`),
          );
          const lines = [
            ...columns.map((c) =>
              // mig reads `DEFAULT NULL` as no default (schema-snapshot.ts): the same column.
              row("column", {
                ...c,
                ...(c.dflt_value === "NULL" ? { dflt_value: null } : {}),
                ...(c.name === alias ? { notnull: 1 } : {}),
              }),
            ),
            ...json(`SELECT * FROM pragma_index_list(${quote(t)}) ORDER BY name`).flatMap(
              ({ seq: _, ...index }) => [
                row("index", index),
                ...json(`SELECT * FROM pragma_index_xinfo(${quote(String(index.name))})`).map((k) =>
                  row("  key", k),
                ),
              ],
            ),
            ...foreignKeys(json(`SELECT * FROM pragma_foreign_key_list(${quote(t)})`)).map((fk) =>
              row("foreign key", fk),
            ),
          ];
          return [t, lines];
        }),
      ),
    leftovers: () => tableNames().map((t) => `table ${t}`),
    drop: () => undefined,
  };
}

/** The column that is the table's rowid, if one is: the only key column, typed INTEGER. */
function rowidAlias(
  columns: readonly Record<string, unknown>[],
  sql: readonly Record<string, unknown>[],
): unknown {
  const keys = columns.filter((c) => Number(c.pk) > 0);
  const withoutRowid = /\bWITHOUT\s+ROWID\b/i.test(String(sql[0]?.sql ?? ""));
  const only = keys.length === 1 ? keys[0] : undefined;
  return !withoutRowid && String(only?.type).toUpperCase() === "INTEGER" ? only?.name : undefined;
}

/** Foreign keys as whole keys, sorted: the pragma's `id` only says in which order they came. */
function foreignKeys(rows: readonly Record<string, unknown>[]): unknown[] {
  const byId = new Map<unknown, Record<string, unknown>[]>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  return [...byId.values()]
    .map((keyRows) => {
      const {
        id: _,
        seq: __,
        from: ___,
        to: ____,
        ...rest
      } = keyRows[0] as Record<string, unknown>;
      return { ...rest, from: keyRows.map((r) => r.from), to: keyRows.map((r) => r.to) };
    })
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
