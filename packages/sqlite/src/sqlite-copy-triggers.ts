import type { Executor } from "@mig/core/dialect";

/**
 * A table copy drops the old table, and its triggers with it: they are read before the copy
 * and created again after it, as written (SQLite's own procedure for changing a table). A
 * trigger the change broke (its body reads a dropped column) is created all the same and
 * fails when it fires, as SQLite checks trigger bodies only then. Online only: offline SQL
 * does not know the table's triggers.
 */
export async function tableTriggers(exec: Executor, table: string): Promise<string[]> {
  const rows = await exec.query<{ sql: string | null }>(
    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND lower(tbl_name) = lower(?) ORDER BY rowid",
    [table],
  );
  return rows.flatMap((r) => (r.sql ? [r.sql] : []));
}
