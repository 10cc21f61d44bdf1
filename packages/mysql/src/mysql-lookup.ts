import type { ConstraintType, TableDefinition } from "@mig/core";
import type { ColumnSnapshot, QualifiedName, Queryable } from "@mig/core/dialect";
import {
  COLUMN_FIELDS,
  type ColumnRow,
  catalogScope,
  columnSnapshot,
  isJsonCheck,
} from "./mysql-catalog.js";
import { columnNotFoundError } from "./mysql-ddl-errors.js";
import { implicitIndexOf } from "./mysql-indexes.js";

/*
 * What runOperation reads before compiling. Names are matched exactly in JavaScript:
 * information_schema compares them case-insensitively.
 */

export async function readColumn(
  db: Queryable,
  table: QualifiedName,
  column: string,
): Promise<ColumnSnapshot> {
  const scope = await catalogScope(db, table.schema);
  const rows = await db.query<ColumnRow & Record<string, unknown>>(
    `SELECT ${COLUMN_FIELDS} FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND COLUMN_NAME = ?`,
    [scope.schema, table.name, column],
  );
  const row = rows.find((r) => r.TABLE_NAME === table.name && r.COLUMN_NAME === column);
  if (!row) throw columnNotFoundError(table.name, column);
  // MariaDB's JSON is LONGTEXT and a check: restated as LONGTEXT, MODIFY would drop the check.
  const checks = scope.mariadb
    ? await db.query<Record<string, unknown>>(
        "SELECT TABLE_NAME, CONSTRAINT_NAME, LEVEL, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?",
        [scope.schema, table.name, column],
      )
    : [];
  const json = checks.some((c) => c.TABLE_NAME === table.name && isJsonCheck(c));
  return columnSnapshot(row, scope.mariadb, { json });
}

export interface ConstraintFacts {
  /** Undefined when the table has no constraint of that name. */
  readonly type: ConstraintType | undefined;
  /**
   * For a foreign key, the index MySQL made for it (named after the key, or after its first
   * column when the key had no name), unless another foreign key needs it too.
   */
  readonly implicitIndex: string | undefined;
}

const TYPES: Readonly<Record<string, ConstraintType>> = {
  "PRIMARY KEY": "primary",
  "FOREIGN KEY": "foreign",
  UNIQUE: "unique",
  CHECK: "check",
};

export async function readConstraint(
  db: Queryable,
  table: QualifiedName,
  name: string,
): Promise<ConstraintFacts> {
  const params = [table.schema ?? null, table.name];
  const where = "TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?";
  const [constraints, keys, stats] = await Promise.all(
    [
      "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS",
      "SELECT TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, ORDINAL_POSITION, REFERENCED_TABLE_NAME FROM information_schema.KEY_COLUMN_USAGE",
      "SELECT * FROM information_schema.STATISTICS",
    ].map((select) =>
      db
        .query<Record<string, unknown>>(`${select} WHERE ${where}`, params)
        .then((rows) => rows.filter((r) => r.TABLE_NAME === table.name)),
    ),
  );
  const found = constraints!.find((r) => r.CONSTRAINT_NAME === name);
  const type = found ? TYPES[String(found.CONSTRAINT_TYPE)] : undefined;
  if (type !== "foreign") return { type, implicitIndex: undefined };
  const columnsOf = (constraint: unknown) =>
    keys!
      .filter((r) => r.CONSTRAINT_NAME === constraint && r.REFERENCED_TABLE_NAME != null)
      .sort((a, b) => Number(a.ORDINAL_POSITION) - Number(b.ORDINAL_POSITION))
      .map((r) => String(r.COLUMN_NAME));
  const columns = columnsOf(name);
  const shared = constraints!.some(
    (r) =>
      r.CONSTRAINT_NAME !== name &&
      r.CONSTRAINT_TYPE === "FOREIGN KEY" &&
      columns.every((c, i) => columnsOf(r.CONSTRAINT_NAME)[i] === c),
  );
  return { type, implicitIndex: shared ? undefined : implicitIndexOf(stats!, { name, columns }) };
}

/** The type of a named constraint in a definition an offline run knows. */
export function knownConstraintType(
  def: TableDefinition,
  name: string,
): ConstraintType | undefined {
  if (def.primaryKey?.name === name) return "primary";
  if (def.foreignKeys.some((c) => c.name === name)) return "foreign";
  if (def.uniques.some((c) => c.name === name)) return "unique";
  if (def.checks.some((c) => c.name === name)) return "check";
  return undefined;
}

/**
 * Whether MySQL made an index for foreign key `name`: it does when no other index starts
 * with the key's columns, and drops it by itself once another such index is created.
 */
export function knownImplicitIndex(def: TableDefinition, name: string): boolean {
  const fk = def.foreignKeys.find((c) => c.name === name);
  if (!fk) return false;
  const others: (readonly unknown[])[] = [
    ...(def.primaryKey ? [def.primaryKey.columns] : []),
    ...def.uniques.map((u) => u.columns),
    ...def.indexes.map((i) => i.columns),
    ...def.foreignKeys.filter((c) => c !== fk).map((c) => c.columns),
  ];
  const covers = (cols: readonly unknown[]) => fk.columns.every((c, i) => cols[i] === c);
  return !others.some(covers);
}
