import { type Executor, MigError } from "@mig/core/dialect";

/**
 * After a table copy, each view that worked before it must still work: the copy renames the
 * new table into place with `legacy_alter_table` on (else SQLite re-checks every view at the
 * moment the old table is gone, and refuses the rename of a table any view reads: "error in
 * view v: no such table"), which also skips the check that catches a view the change broke
 * (one that reads a dropped column). `brokenViews` before the copy, then `assertViewsWork`
 * with them after: a view broken already (it reads a table dropped long ago) is not this
 * change's, and is left alone; one the change broke fails the migration, rolled back with it.
 */
export async function brokenViews(exec: Executor): Promise<Map<string, string>> {
  const views = await exec.query<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'view' ORDER BY name",
  );
  const broken = new Map<string, string>();
  for (const { name } of views) {
    try {
      await exec.query(`SELECT * FROM "${name.replaceAll('"', '""')}" LIMIT 0`);
    } catch (error) {
      broken.set(name, error instanceof Error ? error.message : String(error));
    }
  }
  return broken;
}

/** Fails when a view that worked before the copy (`before`: brokenViews then) no longer does. */
export async function assertViewsWork(
  exec: Executor,
  table: string,
  before: ReadonlyMap<string, string>,
): Promise<void> {
  for (const [name, why] of await brokenViews(exec)) {
    if (before.has(name)) continue;
    throw new MigError(
      "sqlite_view_broken",
      `View ${name} no longer works after this change to table ${table}: ${why}.`,
      {
        hint: `Drop the view before the change and create it again after it, in the same migration (op.execute("DROP VIEW ${name}"), then CREATE VIEW with the new columns).`,
      },
    );
  }
}
