import { change, type PendingChange, Phase } from "./schema-changes.js";
import type { SchemaSnapshot } from "./schema-snapshot.js";

/**
 * The schemas (other than the default) that declared tables live in and the database has
 * nothing in: there it may not exist, and CREATE TABLE would fail. Where the dialect makes
 * schemas (`createsSchemas`), each gets `op.createSchema` (IF NOT EXISTS) before any table,
 * undone by `op.dropSchema` after the downgrade's last table; elsewhere a warning says to
 * make sure it exists. A schema the database has something in is left alone, as is one
 * no declared table needs any more (mig never drops a schema it did not create).
 */
export function compareSchemaNames(
  live: SchemaSnapshot,
  target: SchemaSnapshot,
  createsSchemas: boolean,
  warnings: string[],
): PendingChange[] {
  const used = new Set<string>();
  for (const o of [...live.tables, ...live.enums, ...live.unsupported]) {
    if (o.schema !== undefined) used.add(o.schema);
  }
  const needed = new Set<string>();
  for (const t of target.tables) {
    const schema = t.schema;
    if (schema === undefined || schema === live.defaultSchema || used.has(schema)) continue;
    needed.add(schema);
  }
  const out: PendingChange[] = [];
  for (const schema of needed) {
    if (!createsSchemas) {
      warnings.push(
        `the database has nothing in schema ${schema}: make sure it exists before this migration runs`,
      );
      continue;
    }
    const op = { kind: "createSchema", name: schema } as const;
    out.push(
      change("addSchema", undefined, schema, `add schema ${schema}`, [
        { phase: Phase.createSchemas, op },
      ]),
    );
  }
  return out;
}
