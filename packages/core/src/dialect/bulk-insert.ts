import type { QualifiedName } from "../connection/qualified-name.js";
import { MigError } from "../errors/mig-error.js";
import type { Statement } from "../operations/operation.js";
import type { SqlWriter } from "./sql-writer.js";

type Rows = readonly Readonly<Record<string, unknown>>[];

/** Parameters per INSERT, kept under every driver's bound-parameter limit. */
const MAX_PARAMS = 30_000;

/**
 * INSERT statements for `op.bulkInsert`, values bound as parameters. Rows with the same
 * columns share an INSERT; a different set of columns starts a new one.
 */
export function bulkInsertStatements(
  writer: SqlWriter,
  table: QualifiedName,
  rows: Rows,
): Statement[] {
  const out: Statement[] = [];
  let group: Readonly<Record<string, unknown>>[] = [];
  let keys = "";
  const flush = () => {
    if (group.length > 0) out.push(...insertRows(writer, table, group));
    group = [];
  };
  for (const row of rows) {
    const rowKeys = JSON.stringify(Object.keys(row));
    if (rowKeys !== keys) {
      flush();
      keys = rowKeys;
    }
    group.push(row);
  }
  flush();
  return out;
}

function insertRows(writer: SqlWriter, table: QualifiedName, rows: Rows): Statement[] {
  const columns = Object.keys(rows[0]!);
  if (columns.length === 0) {
    throw new MigError("bulk_insert_empty_row", "bulkInsert() got a row with no columns.", {
      hint: "Give each row at least one column value.",
    });
  }
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
  const names = columns.map((c) => writer.quoteIdentifier(c)).join(", ");
  const head = `INSERT INTO ${writer.qualify(table)} (${names}) VALUES `;
  const out: Statement[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const params: unknown[] = [];
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      const marks = columns.map((c) => {
        params.push(row[c] ?? null);
        return writer.placeholder === "$n" ? `$${params.length}` : "?";
      });
      return `(${marks.join(", ")})`;
    });
    out.push({ sql: head + tuples.join(", "), params });
  }
  return out;
}
