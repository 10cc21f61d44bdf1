import { MigError } from "../errors/mig-error.js";
import type { Operation } from "./operation.js";
import type {
  ColumnDefinition,
  ConstraintDefinition,
  TableDefinition,
} from "./table-definition.js";

/**
 * The table as it is after `op`: how SQLite's batch builds the new table, and how an
 * offline run knows a table it created earlier without a database to read.
 */
export function applyToTable(def: TableDefinition, op: Operation): TableDefinition {
  switch (op.kind) {
    case "renameTable":
      return { ...def, table: { ...def.table, name: op.newName } };
    case "addColumn":
      if (def.columns.some((c) => c.name === op.column.name)) {
        throw tableError(def, `already has a column "${op.column.name}"`);
      }
      return { ...def, columns: [...def.columns, op.column] };
    case "dropColumn": {
      column(def, op.column);
      const uses = (cols: readonly (string | object)[]) => cols.includes(op.column);
      return {
        ...def,
        columns: def.columns.filter((c) => c.name !== op.column),
        primaryKey: def.primaryKey && uses(def.primaryKey.columns) ? undefined : def.primaryKey,
        foreignKeys: def.foreignKeys.filter((fk) => !uses(fk.columns)),
        uniques: def.uniques.filter((u) => !uses(u.columns)),
        indexes: def.indexes.filter((i) => !uses(i.columns)),
      };
    }
    case "alterColumn": {
      const before = column(def, op.column);
      const { changes } = op;
      const after: ColumnDefinition = {
        ...before,
        name: changes.newName ?? before.name,
        type: changes.type ?? before.type,
        nullable: changes.nullable ?? before.nullable,
        default: changes.default === undefined ? before.default : (changes.default ?? undefined),
        comment: changes.comment === undefined ? before.comment : (changes.comment ?? undefined),
      };
      const rename = (cols: readonly string[]) =>
        changes.newName === undefined ? cols : cols.map((c) => (c === op.column ? after.name : c));
      return {
        ...def,
        columns: def.columns.map((c) => (c.name === op.column ? after : c)),
        primaryKey: def.primaryKey && {
          ...def.primaryKey,
          columns: rename(def.primaryKey.columns),
        },
        foreignKeys: def.foreignKeys.map((fk) => ({ ...fk, columns: rename(fk.columns) })),
        uniques: def.uniques.map((u) => ({ ...u, columns: rename(u.columns) })),
        indexes: def.indexes.map((i) => ({
          ...i,
          columns: i.columns.map((c) => (c === op.column && changes.newName ? after.name : c)),
        })),
      };
    }
    case "createIndex":
      return { ...def, indexes: [...def.indexes, op.index] };
    case "dropIndex":
      if (!def.indexes.some((i) => i.name === op.name)) {
        throw tableError(def, `has no index "${op.name}"`);
      }
      return { ...def, indexes: def.indexes.filter((i) => i.name !== op.name) };
    case "createPrimaryKey":
      return { ...def, primaryKey: op.constraint };
    case "createForeignKey":
      return { ...def, foreignKeys: [...def.foreignKeys, op.constraint] };
    case "createUniqueConstraint":
      return { ...def, uniques: [...def.uniques, op.constraint] };
    case "createCheckConstraint":
      return { ...def, checks: [...def.checks, op.constraint] };
    case "dropConstraint":
      return dropConstraint(def, op.name, op.existing);
    case "setTableComment":
      return { ...def, comment: op.comment ?? undefined };
    case "batch":
      return op.operations.reduce(applyToTable, def);
    default:
      throw tableError(def, `cannot take a ${op.kind} inside a batch`);
  }
}

function dropConstraint(
  def: TableDefinition,
  name: string,
  existing: ConstraintDefinition | undefined,
): TableDefinition {
  if (def.primaryKey?.name === name) return { ...def, primaryKey: undefined };
  const named = <T extends { name?: string | undefined }>(list: readonly T[]) =>
    list.filter((c) => c.name !== name);
  const next = {
    ...def,
    foreignKeys: named(def.foreignKeys),
    uniques: named(def.uniques),
    checks: named(def.checks),
  };
  const count = (d: TableDefinition) => d.foreignKeys.length + d.uniques.length + d.checks.length;
  if (count(next) !== count(def)) return next;
  // An unnamed constraint (SQLite's `unique: true`, `references`) is found by what it is.
  const found = existing && dropByDefinition(def, existing);
  if (found) return found;
  throw tableError(def, `has no constraint "${name}"`);
}

function dropByDefinition(
  def: TableDefinition,
  existing: ConstraintDefinition,
): TableDefinition | undefined {
  const without = <T>(list: readonly T[], matches: (c: T) => boolean): T[] | undefined => {
    const at = list.findIndex(matches);
    return at < 0 ? undefined : list.filter((_, i) => i !== at);
  };
  switch (existing.type) {
    case "primary":
      return def.primaryKey && sameNames(def.primaryKey.columns, existing.columns)
        ? { ...def, primaryKey: undefined }
        : undefined;
    case "unique": {
      const uniques = without(def.uniques, (u) => sameNames(u.columns, existing.columns));
      return uniques && { ...def, uniques };
    }
    case "check": {
      const checks = without(def.checks, (c) => sameExpression(c.expression, existing.expression));
      return checks && { ...def, checks };
    }
    case "foreign": {
      const foreignKeys = without(
        def.foreignKeys,
        (fk) =>
          sameNames(fk.columns, existing.columns) &&
          sameNames([fk.references.name], [existing.references.name]) &&
          // `REFERENCES t` without columns means t's primary key: either side may omit them.
          (fk.referencedColumns.length === 0 ||
            existing.referencedColumns.length === 0 ||
            sameNames(fk.referencedColumns, existing.referencedColumns)),
      );
      return foreignKeys && { ...def, foreignKeys };
    }
  }
}

/** Identifiers compare case-insensitively, as SQLite and MySQL compare column names. */
function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x.toLowerCase() === b[i]!.toLowerCase());
}

function sameExpression(a: string, b: string): boolean {
  const squash = (s: string) => s.replace(/\s+/g, " ").trim();
  return squash(a) === squash(b);
}

function column(def: TableDefinition, name: string): ColumnDefinition {
  const found = def.columns.find((c) => c.name === name);
  if (!found) throw tableError(def, `has no column "${name}"`);
  return found;
}

function tableError(def: TableDefinition, what: string): MigError {
  return new MigError("schema_mismatch", `Table "${def.table.name}" ${what}.`, {
    hint: "Check the migration against the table's current definition.",
  });
}
