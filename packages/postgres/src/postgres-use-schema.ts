import type { Connection } from "@mig/core/dialect";

/**
 * Schema-per-tenant on PostgreSQL: creates the schema when missing and makes it the only one
 * on the session's `search_path`, so a migration's unqualified names land in it. The returned
 * function sets the path back to what it was (the connection may go back to a shared pool).
 */
export async function usePostgresSchema(
  connection: Connection,
  schema: string,
  quote: (name: string) => string,
): Promise<() => Promise<void>> {
  const [row] = await connection.query<{ path: string }>(
    "SELECT current_setting('search_path') AS path",
  );
  // One round trip for both (a fleet does this once per target).
  await connection.execute(
    `CREATE SCHEMA IF NOT EXISTS ${quote(schema)}; SET search_path TO ${quote(schema)}`,
  );
  const previous = row?.path ?? "";
  return async () => {
    await connection.execute("SELECT set_config('search_path', $1, false)", [previous]);
  };
}
