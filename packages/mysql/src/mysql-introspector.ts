import type {
  ForeignKeySnapshot,
  IntrospectOptions,
  Queryable,
  SchemaSnapshot,
  TableSnapshot,
  UnsupportedObject,
} from "@mig/core/dialect";
import {
  COLUMN_FIELDS,
  type ColumnRow,
  catalogScope,
  columnSnapshot,
  isJsonCheck,
} from "./mysql-catalog.js";
import { isUniqueIndex, readIndexes } from "./mysql-indexes.js";
import { unsupportedObjects, unsupportedTable } from "./mysql-unsupported.js";

type Row = Record<string, unknown>;

/**
 * Reads one database's tables from information_schema, one query per catalog table
 * (a fixed number of queries whatever the number of tables). Rows are matched in
 * JavaScript, not joined in SQL: information_schema compares names case-insensitively,
 * and `Foo` and `foo` can be two tables.
 *
 * MySQL keeps no difference between a unique constraint and a unique index: both are
 * listed in `uniques` (unless a key has a prefix or DESC, which only an index can say).
 * The index MySQL made for a foreign key is left out of `indexes`. MySQL has no schemas
 * inside a database, so `defaultSchema` stays undefined.
 */
export async function introspect(
  db: Queryable,
  options: IntrospectOptions = {},
): Promise<SchemaSnapshot> {
  const scope = await catalogScope(db, options.schema);
  const q = (sql: string) => db.query<Row>(sql, [scope.schema]);
  const [tables, columns, keys, rules, checks, stats, constraints, others, schemata] =
    await Promise.all([
      q(
        "SELECT TABLE_NAME, TABLE_TYPE, TABLE_COMMENT, TABLE_COLLATION, CREATE_OPTIONS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?",
      ),
      q(
        `SELECT ${COLUMN_FIELDS}, ORDINAL_POSITION FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?`,
      ),
      q(
        "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION, REFERENCED_TABLE_SCHEMA, REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ?",
      ),
      q(
        "SELECT TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?",
      ),
      q("SELECT * FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ?"),
      // SELECT *: MySQL 8 has EXPRESSION (functional key parts), MariaDB has not.
      q("SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ?"),
      // MySQL's CHECK_CONSTRAINTS has no TABLE_NAME; MariaDB's has.
      scope.mariadb
        ? Promise.resolve([])
        : q(
            "SELECT TABLE_NAME, CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? AND CONSTRAINT_TYPE = 'CHECK'",
          ),
      unsupportedObjects(db, scope.schema),
      q("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?"),
    ]);
  // A table's collation is news only where it is not the database's default.
  const databaseCollation = str(schemata[0]?.DEFAULT_COLLATION_NAME) || undefined;
  const checkTable = new Map(constraints.map((r) => [str(r.CONSTRAINT_NAME), str(r.TABLE_NAME)]));
  const ofTable = (rows: Row[], table: string) => rows.filter((r) => r.TABLE_NAME === table);
  const wanted = (name: string) =>
    (options.tables === undefined || options.tables.includes(name)) &&
    !(options.exclude ?? []).includes(name);
  const unsupported: UnsupportedObject[] = others.filter((o) => wanted(o.table ?? o.name));

  const out: TableSnapshot[] = [];
  for (const t of tables) {
    const name = str(t.TABLE_NAME);
    if (!wanted(name)) continue;
    const odd = unsupportedTable(t);
    if (odd) unsupported.push(odd);
    if (t.TABLE_TYPE !== "BASE TABLE" && t.TABLE_TYPE !== "SYSTEM VERSIONED") continue;
    const cols = ofTable(columns, name).sort(
      (a, b) => Number(a.ORDINAL_POSITION) - Number(b.ORDINAL_POSITION),
    );
    const tableChecks = checks.filter(
      (c) => (c.TABLE_NAME ?? checkTable.get(str(c.CONSTRAINT_NAME))) === name,
    );
    const jsonColumns = new Set(tableChecks.filter(isJsonCheck).map((c) => str(c.CONSTRAINT_NAME)));
    const tableStats = ofTable(stats, name);
    const tableKeys = groupBy(ofTable(keys, name), (r) => str(r.CONSTRAINT_NAME));
    const primary = tableKeys.get("PRIMARY");
    const foreignKeys: ForeignKeySnapshot[] = [];
    const uniques: { name: string; columns: string[] }[] = [];
    const constraintNames = new Set<string>(["PRIMARY"]);
    for (const [constraint, rows] of tableKeys) {
      if (constraint === "PRIMARY") continue;
      if (rows[0]!.REFERENCED_TABLE_NAME == null) {
        if (isUniqueIndex(tableStats, constraint)) continue;
        uniques.push({ name: constraint, columns: keyColumns(rows) });
        constraintNames.add(constraint);
        continue;
      }
      const rule = ofTable(rules, name).find((r) => r.CONSTRAINT_NAME === constraint);
      const refSchema = str(rows[0]!.REFERENCED_TABLE_SCHEMA);
      foreignKeys.push({
        name: constraint,
        columns: keyColumns(rows),
        referencedTable: str(rows[0]!.REFERENCED_TABLE_NAME),
        ...(refSchema === scope.schema ? {} : { referencedSchema: refSchema }),
        referencedColumns: keyColumns(rows, "REFERENCED_COLUMN_NAME"),
        onDelete: str(rule?.DELETE_RULE ?? "NO ACTION").toLowerCase(),
        onUpdate: str(rule?.UPDATE_RULE ?? "NO ACTION").toLowerCase(),
      });
    }
    const tableCollation = str(t.TABLE_COLLATION) || undefined;
    out.push({
      name,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
      comment: str(t.TABLE_COMMENT) || null,
      extension: null,
      collation:
        tableCollation === undefined || tableCollation === databaseCollation
          ? null
          : tableCollation,
      columns: cols.map((c) =>
        columnSnapshot(c as unknown as ColumnRow, scope.mariadb, {
          tableCollation,
          json: jsonColumns.has(str(c.COLUMN_NAME)),
        }),
      ),
      // MySQL names every primary key PRIMARY, whatever name it was given.
      primaryKey: primary ? { name: null, columns: keyColumns(primary) } : null,
      foreignKeys: byName(foreignKeys),
      uniques: byName(uniques),
      checks: byName(
        tableChecks
          .filter((c) => !isJsonCheck(c))
          .map((c) => ({ name: str(c.CONSTRAINT_NAME), expression: str(c.CHECK_CLAUSE) })),
      ),
      indexes: byName(readIndexes(tableStats, constraintNames, foreignKeys)),
    });
  }
  return {
    tables: byName(out),
    enums: [],
    unsupported: unsupported.sort(
      (a, b) =>
        compare(a.kind, b.kind) || compare(a.name, b.name) || compare(a.table ?? "", b.table ?? ""),
    ),
  };
}

function keyColumns(rows: Row[], field = "COLUMN_NAME"): string[] {
  return [...rows]
    .sort((a, b) => Number(a.ORDINAL_POSITION) - Number(b.ORDINAL_POSITION))
    .map((r) => str(r[field]));
}

function groupBy(rows: Row[], key: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byName<T extends { readonly name: string | null }>(items: T[]): T[] {
  return items.sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : a.name === b.name ? 0 : 1));
}

function str(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return value === null || value === undefined ? "" : String(value);
}
