import type { TableSnapshot } from "../dialect/schema-snapshot.js";
import { t } from "../operations/column-type.js";
import { sql } from "../operations/sql-expression.js";
import type { ReferentialAction, TableDefinition } from "../operations/table-definition.js";

/**
 * A table read from the database as a definition operations can build on: types and
 * defaults stay in the database's own spelling (`t.raw`, `sql`).
 */
export function snapshotToDefinition(table: TableSnapshot): TableDefinition {
  const action = (a: string): ReferentialAction | undefined =>
    a === "no action" ? undefined : (a as ReferentialAction);
  const name = (n: string | null) => n ?? undefined;
  const columns = new Set(table.columns.map((c) => c.name));
  return {
    table:
      table.schema === undefined
        ? { name: table.name }
        : { name: table.name, schema: table.schema },
    columns: table.columns.map((c) => ({
      name: c.name,
      type: t.raw(c.type),
      nullable: c.nullable,
      default: c.default === null ? undefined : sql(c.default),
      autoincrement: c.autoincrement || undefined,
      comment: c.comment ?? undefined,
    })),
    primaryKey: table.primaryKey
      ? { name: name(table.primaryKey.name), columns: table.primaryKey.columns }
      : undefined,
    foreignKeys: table.foreignKeys.map((fk) => ({
      name: name(fk.name),
      columns: fk.columns,
      references:
        fk.referencedSchema === undefined
          ? { name: fk.referencedTable }
          : { name: fk.referencedTable, schema: fk.referencedSchema },
      referencedColumns: fk.referencedColumns,
      onDelete: action(fk.onDelete),
      onUpdate: action(fk.onUpdate),
    })),
    uniques: table.uniques.map((u) => ({ name: name(u.name), columns: u.columns })),
    checks: table.checks.map((c) => ({ name: name(c.name), expression: c.expression })),
    // A key that names no column of the table is an expression (`lower(email)`).
    indexes: table.indexes.map((i) => ({
      name: i.name,
      columns: i.columns.map((c) => (columns.has(c) ? c : sql(c))),
      unique: i.unique,
      where: i.where ?? undefined,
    })),
    comment: table.comment ?? undefined,
  };
}
