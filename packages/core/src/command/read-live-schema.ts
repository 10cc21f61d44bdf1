import type { QualifiedName } from "../connection/qualified-name.js";
import type { Session } from "../runtime/session.js";
import type { SchemaSnapshot } from "../schema/schema-snapshot.js";
import { qualifyForeignKeys } from "./compare-database.js";

/**
 * The live database as `mig pull` and `mig baseline` read it: its default schema plus
 * `schemas`, foreign keys qualified across schemas, without the version table.
 */
export async function readLiveSchema(
  session: Session,
  schemas: readonly string[],
  versionTable: QualifiedName,
): Promise<SchemaSnapshot> {
  const { dialect, connection } = session;
  const first = await dialect.introspect(connection);
  const more = [];
  for (const schema of new Set(schemas)) {
    if (schema !== first.defaultSchema) more.push(await dialect.introspect(connection, { schema }));
  }
  const all = [first, ...more];
  const inSchema = (schema: string | undefined) => schema ?? first.defaultSchema;
  const isVersionTable = (t: { name: string; schema?: string | undefined }) =>
    t.name === versionTable.name && inSchema(t.schema) === inSchema(versionTable.schema);
  return qualifyForeignKeys({
    defaultSchema: first.defaultSchema,
    tables: all.flatMap((s) => s.tables).filter((t) => !isVersionTable(t)),
    enums: all.flatMap((s) => s.enums),
    unsupported: all.flatMap((s) => s.unsupported),
  });
}
