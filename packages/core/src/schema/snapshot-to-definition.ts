import { t } from "../operations/column-type.js";
import { type SqlExpression, sql } from "../operations/sql-expression.js";
import type {
  IndexKey,
  ReferentialAction,
  TableDefinition,
} from "../operations/table-definition.js";
import type { IndexKeySnapshot, TableSnapshot } from "./schema-snapshot.js";

export interface SnapshotToDefinitionOptions {
  /**
   * The action a foreign key gets when it names none, left out of the definition: `no
   * action` (the default) on PostgreSQL and SQLite, `restrict` on MySQL, where NO ACTION
   * written out is read back as NO ACTION and must stay written out.
   */
  readonly defaultAction?: ReferentialAction | undefined;
}

/**
 * A table read from the database as a definition operations can build on: types and
 * defaults stay in the database's own spelling (`t.raw`, `sql`).
 */
export function snapshotToDefinition(
  table: TableSnapshot,
  options: SnapshotToDefinitionOptions = {},
): TableDefinition {
  const omitted = options.defaultAction ?? "no action";
  const action = (a: string): ReferentialAction | undefined =>
    a === omitted ? undefined : (a as ReferentialAction);
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
      identity: c.identity ?? undefined,
      generated: c.generated ?? undefined,
      collation: c.collation ?? undefined,
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
      ...(fk.deferrable === undefined ? {} : { deferrable: fk.deferrable }),
    })),
    uniques: table.uniques.map((u) => ({
      name: name(u.name),
      columns: u.columns,
      ...(u.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
    })),
    checks: table.checks.map((c) => ({ name: name(c.name), expression: c.expression })),
    indexes: table.indexes.map((i) => ({
      name: i.name,
      columns:
        i.keys.length === i.columns.length
          ? i.keys.map(keyDefinition)
          : i.columns.map((c) => (columns.has(c) ? c : sql(c))),
      unique: i.unique,
      where: i.where ?? undefined,
      method: i.method ?? undefined,
      include: i.include.length > 0 ? i.include : undefined,
      ...(i.nullsNotDistinct ? { nullsNotDistinct: true } : {}),
    })),
    comment: table.comment ?? undefined,
    collation: table.collation ?? undefined,
    ...(table.withoutRowid ? { withoutRowid: true } : {}),
    ...(table.strict ? { strict: true } : {}),
  };
}

/** A plain key stays a name or `sql(...)`; one with more to say becomes an `IndexKey`. */
function keyDefinition(k: IndexKeySnapshot): string | SqlExpression | IndexKey {
  const column = k.column ?? sql(k.expression ?? "");
  const extra = {
    ...(k.descending ? { descending: true } : {}),
    ...(k.nulls === undefined ? {} : { nulls: k.nulls }),
    ...(k.length === null ? {} : { length: k.length }),
    ...(k.opclass === null ? {} : { opclass: k.opclass }),
    ...(k.collation === null ? {} : { collation: k.collation }),
  };
  return Object.keys(extra).length === 0 ? column : { column, ...extra };
}
