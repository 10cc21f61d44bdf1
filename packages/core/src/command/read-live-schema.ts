import { logTableName } from "../config/log-table-name.js";
import type { Project } from "../config/project.js";
import type { QualifiedName } from "../connection/qualified-name.js";
import type { Dialect } from "../dialect/dialect.js";
import type { Session } from "../runtime/session.js";
import type { SchemaSnapshot } from "../schema/schema-snapshot.js";
import { qualifyForeignKeys } from "./compare-database.js";

/**
 * mig's own tables, never part of a user's schema: the version table, the applied log, and
 * the lock tables the dialect's table lock keeps beside the version table (`<name>_lock`,
 * or the name a `lockTable` option gives).
 */
export function migTables(project: Project, dialect: Dialect): QualifiedName[] {
  const version = project.versionTable;
  const locks = dialect.lockTables?.(version) ?? [{ ...version, name: `${version.name}_lock` }];
  return [version, ...locks, logTableName(project.config)];
}

/**
 * The live database as `mig pull` and `mig baseline` read it: its default schema plus
 * `schemas`, foreign keys qualified across schemas, without mig's own tables (`own`).
 */
export async function readLiveSchema(
  session: Session,
  schemas: readonly string[],
  own: readonly QualifiedName[],
): Promise<SchemaSnapshot> {
  const { dialect, connection } = session;
  const first = await dialect.introspect(connection);
  const more = [];
  for (const schema of new Set(schemas)) {
    if (schema !== first.defaultSchema) more.push(await dialect.introspect(connection, { schema }));
  }
  const all = [first, ...more];
  const inSchema = (schema: string | undefined) => schema ?? first.defaultSchema;
  const isOwn = (t: { name: string; schema?: string | undefined }) =>
    own.some((o) => t.name === o.name && inSchema(t.schema) === inSchema(o.schema));
  return qualifyForeignKeys({
    defaultSchema: first.defaultSchema,
    tables: all.flatMap((s) => s.tables).filter((t) => !isOwn(t)),
    enums: all.flatMap((s) => s.enums),
    unsupported: all.flatMap((s) => s.unsupported),
  });
}
