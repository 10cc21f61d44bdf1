import { MigError } from "@mig/core/dialect";

/** A row of `PRAGMA foreign_key_check`: a child row whose parent row is missing. */
export interface ForeignKeyViolation {
  readonly table: string;
  readonly rowid: number | bigint | null;
  readonly parent: string;
}

/** The error for rows a migration left pointing at parent rows that do not exist. */
export function foreignKeyViolationError(rows: readonly ForeignKeyViolation[]): MigError {
  const pairs = new Map<string, number>();
  for (const row of rows) {
    const key = `"${row.table}" -> "${row.parent}"`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const list = [...pairs].map(([pair, n]) => `${pair} (${n} row${n === 1 ? "" : "s"})`);
  return new MigError(
    "sqlite_foreign_key_violation",
    `Foreign keys are broken at the end of the migration: ${list.join(", ")}.`,
    {
      hint: "SQLite checks foreign keys when a migration commits; fix or delete the rows whose parent is missing, or add the parent rows, in the same migration.",
    },
  );
}
