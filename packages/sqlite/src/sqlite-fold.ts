import type { Operation, TableDefinition } from "@mig/core";
import { applyToTable } from "@mig/core/dialect";

/**
 * What may join a CREATE TABLE that has not run yet: the constraints SQLite could only add
 * later by copying the table, and the columns and indexes that come with them. Folding
 * gives the same table as running them one by one, without the copy.
 */
const FOLDED = new Set<Operation["kind"]>([
  "addColumn",
  "createPrimaryKey",
  "createForeignKey",
  "createUniqueConstraint",
  "createCheckConstraint",
  "createIndex",
]);

export function foldIntoCreate(
  table: TableDefinition,
  operation: Operation,
): TableDefinition | undefined {
  if (!FOLDED.has(operation.kind)) return undefined;
  // Adding a primary key replaces the one declared; an autoincrement column keeps its own.
  if (operation.kind === "createPrimaryKey" && table.columns.some((c) => c.autoincrement)) {
    return undefined;
  }
  return applyToTable(table, operation);
}
