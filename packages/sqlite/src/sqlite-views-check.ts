import { type Executor, MigError } from "@mig/core/dialect";

/**
 * After a table copy, each view must still work: the copy renames the new table into place
 * with `legacy_alter_table` on (else SQLite re-checks every view against the moment the old
 * table is gone, and refuses the rename of a table any view reads: "error in view v: no
 * such table"), which also skips the check that catches a view the change broke (one that
 * reads a dropped column). Each view is read once, returning no rows: a broken one fails
 * the migration, rolled back with it.
 */
export async function assertViewsWork(exec: Executor, table: string): Promise<void> {
  const views = await exec.query<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name",
  );
  for (const { name } of views) {
    try {
      await exec.query(`SELECT * FROM "${name.replaceAll('"', '""')}" LIMIT 0`);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new MigError(
        "sqlite_view_broken",
        `View ${name} no longer works after this change to table ${table}: ${why}.`,
        {
          hint: `Drop the view before the change and create it again after it, in the same migration (op.execute("DROP VIEW ${name}"), then CREATE VIEW with the new columns).`,
        },
      );
    }
  }
}
