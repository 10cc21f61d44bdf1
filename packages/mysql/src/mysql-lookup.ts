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
  /** An index of the same name exists: for a foreign key, the one MySQL made for it. */
  readonly hasIndex: boolean;
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
  const params = [table.schema ?? null, table.name, name];
  const constraints = await db.query<Record<string, unknown>>(
    "SELECT TABLE_NAME, CONSTRAINT_NAME, CONSTRAINT_TYPE FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND CONSTRAINT_NAME = ?",
    params,
  );
  const indexes = await db.query<Record<string, unknown>>(
    "SELECT TABLE_NAME, INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? AND INDEX_NAME = ?",
    params,
  );
  const found = constraints.find((r) => r.TABLE_NAME === table.name && r.CONSTRAINT_NAME === name);
  return {
    type: found ? TYPES[String(found.CONSTRAINT_TYPE)] : undefined,
    hasIndex: indexes.some((r) => r.TABLE_NAME === table.name && r.INDEX_NAME === name),
  };
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
