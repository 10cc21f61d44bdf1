import { type Connection, type Dialect, parseDatabaseUrl } from "@mig/core";
import type { TestProject } from "./project.js";

/** Runs `fn` on a plain connection to the project's database, outside any mig run. */
export async function withConnection<T>(
  dialect: Dialect,
  project: TestProject,
  fn: (c: Connection) => Promise<T>,
): Promise<T> {
  const source = await dialect.connect(parseDatabaseUrl(project.db.url), { cwd: project.dir });
  try {
    const conn = await source.acquire();
    try {
      return await fn(conn);
    } finally {
      await conn.release();
    }
  } finally {
    await source.close();
  }
}

/** Which of the given tables exist. */
export async function existingTables(
  dialect: Dialect,
  project: TestProject,
  names: readonly string[],
): Promise<string[]> {
  return withConnection(dialect, project, async (c) => {
    const found: string[] = [];
    for (const name of names) if (await dialect.hasTable(c, { name })) found.push(name);
    return found.sort();
  });
}

/** The version table's rows, sorted; empty when it does not exist. */
export async function versionRows(dialect: Dialect, project: TestProject): Promise<string[]> {
  return withConnection(dialect, project, async (c) => {
    if (!(await dialect.hasTable(c, { name: "mig_version" }))) return [];
    const rows = await c.query<{ version_num: string }>(
      dialect.versionTable.select({ name: "mig_version" }),
    );
    return rows.map((r) => String(r.version_num)).sort();
  });
}
