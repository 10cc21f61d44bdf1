import type { DefaultValue, IndexKey, Operation, SqlExpression, TableDefinition } from "@mig/core";
import { applyToTable, indexKey, isSqlExpression, sql } from "@mig/core/dialect";
import { nameOf, tokenize } from "./sqlite-table-sql.js";

/**
 * Why SQLite's ALTER TABLE cannot do `op` (so the table must be copied), or undefined
 * when it can. `def`, the table as it is now, decides a dropColumn; without it (offline,
 * table unknown) the native DROP COLUMN is tried.
 */
export function copyReason(op: Operation, def: TableDefinition | undefined): string | undefined {
  switch (op.kind) {
    case "addColumn": {
      const c = op.column;
      if (c.autoincrement) return "add an autoincrement column";
      if (c.generated?.stored) return "add a STORED generated column";
      if (c.default !== undefined && isSqlExpression(c.default))
        return "add a column whose default is an expression";
      // A generated column needs no default: SQLite computes it for the existing rows.
      if (!c.nullable && c.default === undefined && !c.generated)
        return "add a NOT NULL column without a default";
      return undefined;
    }
    case "dropColumn":
      return def && columnInUse(def, op.column)
        ? `drop column "${op.column}", which a key, constraint or index uses`
        : undefined;
    case "alterColumn": {
      const { type, nullable, default: dflt } = op.changes;
      return type !== undefined || nullable !== undefined || dflt !== undefined
        ? "change a column's type, nullability or default"
        : undefined;
    }
    case "createPrimaryKey":
      return "add a primary key";
    case "createForeignKey":
      return "add a foreign key";
    case "createUniqueConstraint":
      return "add a unique constraint";
    case "createCheckConstraint":
      return "add a check constraint";
    case "dropConstraint":
      return "drop a constraint";
    case "batch": {
      if (op.recreate === "always") return "recreate the table";
      let table = def;
      for (const inner of op.operations) {
        const reason = copyReason(inner, table);
        if (reason !== undefined) return reason;
        table = table && applyToTable(table, inner);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** SQLite's DROP COLUMN refuses a column a key, constraint or index names. */
function columnInUse(def: TableDefinition, column: string): boolean {
  const named = (cols: readonly (string | SqlExpression)[]) =>
    cols.some((c) => (isSqlExpression(c) ? mentions(c.text, column) : same(c, column)));
  return (
    named(def.primaryKey?.columns ?? []) ||
    def.uniques.some((u) => named(u.columns)) ||
    def.foreignKeys.some((fk) => named(fk.columns)) ||
    def.indexes.some(
      (i) =>
        named(i.columns.map((k) => indexKey(k).column)) ||
        (i.where !== undefined && mentions(i.where, column)),
    )
  );
}

function mentions(sql: string, column: string): boolean {
  return tokenize(sql).some(
    (t) => (t.kind === "word" || t.kind === "identifier") && same(nameOf(t), column),
  );
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The table after the copy, and for each of its columns the old column its rows come from. */
export interface CopyPlan {
  readonly after: TableDefinition;
  /** New column name -> old column name; new columns are absent (they take their default). */
  readonly sources: ReadonlyMap<string, string>;
  /**
   * Columns the batch added whose default changed later in the same batch: existing rows
   * get the default the column was added with (or NULL), as running the changes one by
   * one would give them, not the final one.
   */
  readonly filled: ReadonlyMap<string, DefaultValue | null>;
}

export function planCopy(before: TableDefinition, operations: readonly Operation[]): CopyPlan {
  const sources = new Map(before.columns.map((c) => [c.name, c.name]));
  const added = new Map<string, DefaultValue | null>();
  let after = before;
  for (const op of flatten(operations)) {
    if (op.kind === "dropColumn") after = withoutKeyIndexes(after, op.column);
    after = applyToTable(after, op);
    if (op.kind === "dropColumn") {
      sources.delete(op.column);
      added.delete(op.column);
    }
    if (op.kind === "addColumn") {
      sources.delete(op.column.name);
      added.set(op.column.name, op.column.default ?? null);
    }
    if (op.kind === "alterColumn" && op.changes.newName !== undefined) {
      const from = sources.get(op.column);
      sources.delete(op.column);
      if (from !== undefined) sources.set(op.changes.newName, from);
      if (added.has(op.column)) {
        added.set(op.changes.newName, added.get(op.column)!);
        added.delete(op.column);
      }
      after = renameInExpressions(after, op.column, op.changes.newName);
    }
  }
  const filled = new Map<string, DefaultValue | null>();
  for (const column of after.columns) {
    const atAdd = added.get(column.name);
    if (atAdd !== undefined && defaultKey(atAdd) !== defaultKey(column.default ?? null)) {
      filled.set(column.name, atAdd);
    }
  }
  return { after: withoutStaleAutoincrement(after), sources, filled };
}

function defaultKey(value: DefaultValue | null): string {
  if (value === null) return "null";
  if (isSqlExpression(value)) return `sql:${value.text}`;
  return `${typeof value}:${String(value)}`;
}

/**
 * What SQLite's RENAME COLUMN does to checks, generated columns and index keys (those
 * `applyToTable` leaves: expressions and keys with an order or collation), done for the copy.
 */
function renameInExpressions(def: TableDefinition, from: string, to: string): TableDefinition {
  const rename = (text: string) => renameColumn(text, from, to);
  const column = (c: string | SqlExpression) =>
    isSqlExpression(c) ? sql(rename(c.text)) : same(c, from) ? to : c;
  // Plain names were renamed by applyToTable.
  const key = (c: string | SqlExpression | IndexKey) =>
    typeof c === "string" ? c : isSqlExpression(c) ? column(c) : { ...c, column: column(c.column) };
  return {
    ...def,
    columns: def.columns.map((c) =>
      c.generated
        ? { ...c, generated: { ...c.generated, expression: rename(c.generated.expression) } }
        : c,
    ),
    checks: def.checks.map((c) => ({ ...c, expression: rename(c.expression) })),
    indexes: def.indexes.map((i) => ({
      ...i,
      columns: i.columns.map(key),
      where: i.where === undefined ? undefined : rename(i.where),
    })),
  };
}

/** The indexes with a key (order or collation given) on `column`, which a drop takes with it. */
function withoutKeyIndexes(def: TableDefinition, column: string): TableDefinition {
  const onColumn = (k: string | SqlExpression | IndexKey) =>
    typeof k === "object" &&
    "column" in k &&
    typeof k.column === "string" &&
    same(k.column, column);
  return { ...def, indexes: def.indexes.filter((i) => !i.columns.some(onColumn)) };
}

function renameColumn(text: string, from: string, to: string): string {
  let out = "";
  let at = 0;
  for (const token of tokenize(text)) {
    if ((token.kind === "word" || token.kind === "identifier") && same(nameOf(token), from)) {
      out += `${text.slice(at, token.start)}"${to.replaceAll('"', '""')}"`;
      at = token.end;
    }
  }
  return out + text.slice(at);
}

function flatten(operations: readonly Operation[]): Operation[] {
  return operations.flatMap((op) => (op.kind === "batch" ? flatten(op.operations) : [op]));
}

/**
 * A column keeps its autoincrement flag only while it is still the single-column primary
 * key; dropping the key (or widening it) leaves an ordinary integer column.
 */
function withoutStaleAutoincrement(def: TableDefinition): TableDefinition {
  const pk = def.primaryKey?.columns;
  const keep = (name: string) => pk?.length === 1 && pk[0] === name;
  if (!def.columns.some((c) => c.autoincrement && !keep(c.name))) return def;
  return {
    ...def,
    columns: def.columns.map((c) =>
      c.autoincrement && !keep(c.name) ? { ...c, autoincrement: undefined } : c,
    ),
  };
}
