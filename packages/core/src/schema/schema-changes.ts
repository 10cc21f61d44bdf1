import type { QualifiedName } from "../connection/qualified-name.js";
import type { Operation } from "../operations/operation.js";
import type { SchemaChangeKind } from "./schema-diff.js";

/**
 * When an operation runs in the upgrade. Changes are built table by table; their
 * operations are then merged by phase, so dependencies hold across tables: an enum
 * changes before its columns, a foreign key goes before the key it points at, a new
 * table exists before a foreign key refers to it. Within a phase, build order is kept.
 */
export const Phase = {
  createSchemas: -1,
  enums: 0,
  dropForeignKeys: 1,
  dropIndexes: 2,
  renameTables: 3,
  createTables: 4,
  columns: 5,
  createIndexes: 6,
  dropColumns: 7,
  createForeignKeys: 8,
  dropTables: 9,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export interface PhasedOperation {
  readonly phase: Phase;
  readonly op: Operation;
}

/** A change as the comparator builds it: its operations not yet put in order. */
export interface PendingChange {
  readonly kind: SchemaChangeKind;
  readonly table?: QualifiedName | undefined;
  readonly object?: string | undefined;
  readonly description: string;
  destructive?: string | undefined;
  renameHint?: string | undefined;
  readonly ops: readonly PhasedOperation[];
}

export function change(
  kind: SchemaChangeKind,
  table: QualifiedName | undefined,
  object: string | undefined,
  description: string,
  ops: readonly PhasedOperation[],
  destructive?: string,
): PendingChange {
  return {
    kind,
    ...(table === undefined ? {} : { table }),
    ...(object === undefined ? {} : { object }),
    description,
    ...(destructive === undefined ? {} : { destructive }),
    ops,
  };
}

/** `users` or `app.users`, as descriptions print a table. */
export function label(table: QualifiedName): string {
  return table.schema === undefined ? table.name : `${table.schema}.${table.name}`;
}

/** The map key of a table: its schema (the default one when it names none) and name. */
export function tableKey(
  schema: string | undefined,
  name: string,
  defaultSchema: string | undefined,
): string {
  return JSON.stringify([schema ?? defaultSchema ?? null, name]);
}

/** Deep equality of plain data (snapshots, definitions). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/**
 * An identifier in SQL text replaced by another, for expressions that name a renamed
 * column (the server rewrites them itself; the live snapshot still has the old name).
 */
export function renameInSql(text: string, renames: ReadonlyMap<string, string>): string {
  let out = text;
  for (const [from, to] of renames) {
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out
      .replace(new RegExp(`"${escaped}"`, "g"), `"${to}"`)
      .replace(new RegExp(`(?<![\\w"$.])${escaped}(?![\\w"$])`, "g"), to);
  }
  return out;
}

/** Whether SQL text mentions a column, as a whole word or quoted. */
export function mentions(text: string, column: string): boolean {
  return renameInSql(text, new Map([[column, "\u0000"]])) !== text;
}
