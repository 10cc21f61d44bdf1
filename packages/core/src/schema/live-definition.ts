import { type ColumnType, t } from "../operations/column-type.js";
import type { ExistingColumn } from "../operations/operation.js";
import { sql } from "../operations/sql-expression.js";
import type {
  ColumnDefinition,
  ReferentialAction,
  TableDefinition,
} from "../operations/table-definition.js";
import type { ColumnSnapshot, EnumSnapshot, TableSnapshot } from "./schema-snapshot.js";
import { snapshotToDefinition } from "./snapshot-to-definition.js";

/**
 * The enum a column type names, in any spelling the server prints it (`mood`, `"Mood"`,
 * `app.mood`: qualified with whatever schema, as a scratch schema's may be), or undefined
 * when the type is not one of `enums`.
 */
export function enumOfType(type: string, enums: readonly EnumSnapshot[]): EnumSnapshot | undefined {
  const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return enums.find((e) =>
    [e.name, quote(e.name)].some((n) => type === n || type.endsWith(`.${n}`)),
  );
}

/** Two column types are the same: same text, or the same enum however qualified. */
export function sameType(
  live: string,
  liveEnums: readonly EnumSnapshot[],
  target: string,
  targetEnums: readonly EnumSnapshot[],
): boolean {
  if (foldType(live) === foldType(target)) return true;
  const a = enumOfType(live, liveEnums);
  return a !== undefined && a.name === enumOfType(target, targetEnums)?.name;
}

/**
 * A type's text with case folded outside quotes: SQLite keeps the declared case
 * (`NVARCHAR(160)`), while a quoted PostgreSQL type name or a MySQL enum value is exact.
 */
export function foldType(type: string): string {
  return type.replace(/("(?:[^"]|"")*"|'(?:[^']|'')*')|[^"']+/g, (part, quoted) =>
    quoted === undefined ? part.toLowerCase() : part,
  );
}

/**
 * A live column's type as an operation carries it: the server's spelling, except an enum,
 * which stays an enum so PostgreSQL creates it again when a drop is undone (and drops it
 * when its last column goes).
 */
export function liveType(type: string, enums: readonly EnumSnapshot[]): ColumnType {
  const e = enumOfType(type, enums);
  return e === undefined ? t.raw(type) : t.enum(e.name, e.values);
}

/** A live table as the definition a downgrade re-creates. */
export function liveDefinition(
  table: TableSnapshot,
  enums: readonly EnumSnapshot[],
  defaultAction?: ReferentialAction | undefined,
): TableDefinition {
  const def = snapshotToDefinition(table, { defaultAction });
  return {
    ...def,
    columns: def.columns.map((c, i) => ({
      ...c,
      type: liveType(table.columns[i]?.type ?? "", enums),
    })),
  };
}

export function liveColumn(def: TableDefinition, name: string): ColumnDefinition {
  const found = def.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`liveColumn: ${def.table.name}.${name} is missing`);
  return found;
}

/** A column before an alterColumn, so the change can be reversed and MySQL need not look. */
export function existingColumn(
  column: ColumnSnapshot,
  enums: readonly EnumSnapshot[],
): ExistingColumn {
  return {
    type: liveType(column.type, enums),
    nullable: column.nullable,
    default: column.default === null ? null : sql(column.default),
    comment: column.comment,
    autoincrement: column.autoincrement,
  };
}
