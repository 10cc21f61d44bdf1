import type { ColumnSnapshot, Dialect, Row, SchemaSnapshot, TableSnapshot } from "@mig/core";
import { expect } from "vitest";
import { withConnection } from "./inspect.js";
import type { TestProject } from "./project.js";

/**
 * The schema a user made: every table but mig's own, the version table and whatever a
 * dialect keeps beside it (PostgreSQL's table lock adds `mig_version_lock`).
 */
export async function snapshot(dialect: Dialect, project: TestProject): Promise<SchemaSnapshot> {
  const schema = await withConnection(dialect, project, (c) =>
    dialect.introspect(c, { exclude: ["mig_version", "mig_log"] }),
  );
  return { ...schema, tables: schema.tables.filter((t) => !t.name.startsWith("mig_version")) };
}

/** Every table's rows, keyed by table name, ordered by the first column. */
export type TableRows = Readonly<Record<string, readonly Row[]>>;

export function readRows(
  dialect: Dialect,
  project: TestProject,
  schema: SchemaSnapshot,
): Promise<TableRows> {
  return withConnection(dialect, project, async (c) => {
    const out: Record<string, Row[]> = {};
    for (const table of schema.tables) {
      const columns = table.columns.map((col) => dialect.quoteIdentifier(col.name)).join(", ");
      out[table.name] = await c.query(
        `SELECT ${columns} FROM ${dialect.qualify({ name: table.name })} ORDER BY 1`,
      );
    }
    return out;
  });
}

/**
 * The rows of `before` that should have survived into `after`: tables present in both,
 * limited to the columns present in both. Returns [expected, actual] for one toEqual.
 */
export function keptRows(
  before: SchemaSnapshot,
  rowsBefore: TableRows,
  after: SchemaSnapshot,
  rowsAfter: TableRows,
): [TableRows, TableRows] {
  const expected: Record<string, Row[]> = {};
  const actual: Record<string, Row[]> = {};
  for (const table of before.tables) {
    const later = after.tables.find((t) => t.name === table.name);
    if (!later) continue;
    const names = table.columns
      .map((c) => c.name)
      .filter((name) => later.columns.some((c) => c.name === name));
    const pick = (row: Row) => Object.fromEntries(names.map((name) => [name, row[name]]));
    expected[table.name] = (rowsBefore[table.name] ?? []).map(pick);
    actual[table.name] = (rowsAfter[table.name] ?? []).map(pick);
  }
  return [expected, actual];
}

export function tableOf(schema: SchemaSnapshot, name: string): TableSnapshot {
  const table = schema.tables.find((t) => t.name === name);
  expect(table, `table ${JSON.stringify(name)} in ${names(schema)}`).toBeDefined();
  return table!;
}

export function columnOf(schema: SchemaSnapshot, table: string, name: string): ColumnSnapshot {
  const found = tableOf(schema, table).columns.find((c) => c.name === name);
  expect(found, `column ${JSON.stringify(name)} of ${JSON.stringify(table)}`).toBeDefined();
  return found!;
}

export function tableNames(schema: SchemaSnapshot): string[] {
  return schema.tables.map((t) => t.name).sort();
}

function names(schema: SchemaSnapshot): string {
  return JSON.stringify(tableNames(schema));
}
