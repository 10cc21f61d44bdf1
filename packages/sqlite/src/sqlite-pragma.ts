import type { Queryable } from "@mig/core/dialect";

/** `pragma_<name>(arg[, schema])` as rows. */
export function pragma<R extends Record<string, unknown>>(
  db: Queryable,
  name: string,
  arg: string,
  schema: string | undefined,
): Promise<R[]> {
  return schema === undefined
    ? db.query<R>(`SELECT * FROM pragma_${name}(?)`, [arg])
    : db.query<R>(`SELECT * FROM pragma_${name}(?, ?)`, [arg, schema]);
}

/** The schema table of the main database, or of an attached one. */
export function master(schema: string | undefined): string {
  return schema === undefined ? "sqlite_master" : `"${schema.replaceAll('"', '""')}".sqlite_master`;
}
