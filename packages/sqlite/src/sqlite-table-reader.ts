import {
  type QualifiedName,
  type Queryable,
  snapshotToDefinition,
  sql,
  type TableDefinition,
} from "@mig/core";
import { readTableByName } from "./sqlite-introspector.js";
import { parenGroup, textOf, tokenize } from "./sqlite-table-sql.js";

/** A table as a batch copy needs it: its definition, and what a definition cannot hold. */
export interface TableSource {
  readonly definition: TableDefinition;
  /** Generated columns, which cannot be copied by INSERT ... SELECT. */
  readonly generatedColumns: readonly string[];
  /** What follows the column list (`WITHOUT ROWID`, `STRICT`), kept on the copy. */
  readonly tableOptions: string;
}

/**
 * Reads a table's definition from the database, keeping the declared type text,
 * stored defaults, constraint names, checks and AUTOINCREMENT, and index expressions as
 * `sql(...)` so the copy recreates them as expressions.
 */
export async function readTableDefinition(
  db: Queryable,
  table: QualifiedName,
): Promise<TableSource | undefined> {
  const reading = await readTableByName(db, table.name, table.schema);
  if (!reading) return undefined;
  const def = snapshotToDefinition(reading.snapshot);
  const indexes = def.indexes.map((index) => {
    const expressions = reading.expressionKeys.get(index.name) ?? [];
    return {
      ...index,
      columns: index.columns.map((c, i) => (expressions[i] && typeof c === "string" ? sql(c) : c)),
      unique: index.unique || undefined,
    };
  });
  return {
    definition: { ...def, indexes },
    generatedColumns: reading.generatedColumns,
    tableOptions: tableOptions(reading.sql),
  };
}

function tableOptions(createSql: string): string {
  const tokens = tokenize(createSql);
  const body = parenGroup(tokens);
  return body ? textOf(createSql, tokens.slice(body.close + 1)) : "";
}
