import type { Connection } from "@mig/core/dialect";

/**
 * Schema-per-tenant on MySQL, where a schema is a database: creates it when missing and
 * makes it the session's default database (`USE`). The returned function goes back to the
 * database the session had; one without a default database keeps the tenant's, since MySQL
 * cannot unselect it (the next user of the connection names its own).
 */
export async function useMysqlSchema(
  connection: Connection,
  schema: string,
  quote: (name: string) => string,
): Promise<() => Promise<void>> {
  const [row] = await connection.query<{ db: string | null }>("SELECT DATABASE() AS db");
  await connection.execute(`CREATE DATABASE IF NOT EXISTS ${quote(schema)}`);
  await connection.execute(`USE ${quote(schema)}`);
  const previous = row?.db;
  return async () => {
    if (previous) await connection.execute(`USE ${quote(previous)}`);
  };
}
