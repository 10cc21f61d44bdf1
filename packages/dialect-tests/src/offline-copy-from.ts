import { applyToTable, type Operation, type TableDefinition } from "@mig/core";

/** Table definitions by name, as a chain of operations leaves them. */
export type Tables = ReadonlyMap<string, TableDefinition>;

/** `tables` after `ops`, as far as the operations tell (rows and raw SQL change nothing). */
export function applyAll(tables: Tables, ops: readonly Operation[]): Tables {
  const next = new Map(tables);
  for (const op of ops) follow(next, op);
  return next;
}

function follow(tables: Map<string, TableDefinition>, op: Operation): void {
  if (op.kind === "createTable") {
    tables.set(op.definition.table.name, op.definition);
    return;
  }
  if (op.kind === "dropTable") {
    tables.delete(op.table.name);
    return;
  }
  if (op.kind === "execute" || op.kind === "bulkInsert" || op.kind === "alterEnum") return;
  if (op.kind === "createSchema" || op.kind === "dropSchema" || !op.table) return;
  const def = tables.get(op.table.name);
  if (!def) return;
  tables.delete(op.table.name);
  try {
    const after = applyToTable(def, op);
    tables.set(after.table.name, after);
  } catch {
    // A table the operations cannot follow stays unknown, as in an offline run.
  }
}

const COPIED = new Set<Operation["kind"]>([
  "addColumn",
  "dropColumn",
  "alterColumn",
  "createPrimaryKey",
  "createForeignKey",
  "createUniqueConstraint",
  "createCheckConstraint",
  "dropConstraint",
]);

/**
 * The downgrade a user writes for `--sql` where tables are altered by copying them (SQLite):
 * there is no database to read a table from, so each change goes through batchAlterTable
 * with `copyFrom`, the table as it is at that point (what the dialect's error hint asks for).
 */
export function withCopyFrom(down: readonly Operation[], atStart: Tables): Operation[] {
  const tables = new Map(atStart);
  return down.map((op) => {
    let out = op;
    if (op.kind === "batch" || (COPIED.has(op.kind) && "table" in op && op.table)) {
      const table = (op as { table: TableDefinition["table"] }).table;
      const copyFrom = tables.get(table.name);
      if (copyFrom) {
        out =
          op.kind === "batch"
            ? { ...op, copyFrom }
            : { kind: "batch", table, operations: [op], copyFrom, recreate: "auto" };
      }
    }
    follow(tables, op);
    return out;
  });
}
