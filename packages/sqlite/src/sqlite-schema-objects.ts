import type { Queryable, UnsupportedObject } from "@mig/core/dialect";
import { master } from "./sqlite-pragma.js";

export interface SchemaObjects {
  /** Ordinary tables: name and CREATE TABLE text, by name. */
  readonly tables: readonly { readonly name: string; readonly sql: string }[];
  /** Views, triggers and virtual tables: reported, never compared or dropped. */
  readonly unsupported: readonly UnsupportedObject[];
}

type MasterRow = {
  readonly type: string;
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string | null;
};

/**
 * What sqlite_master holds, sorted out. SQLite's own tables (sqlite_sequence,
 * sqlite_stat*) are left out; a virtual table (FTS5, R*Tree...) is reported as unsupported
 * and the shadow tables that store its data are hidden, so autogenerate never drops them.
 */
export async function schemaObjects(
  db: Queryable,
  schema: string | undefined,
): Promise<SchemaObjects> {
  const rows = await db.query<MasterRow>(
    `SELECT type, name, tbl_name, sql FROM ${master(schema)} WHERE type IN ('table', 'view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
  );
  const virtual = rows.filter(
    (r) => r.type === "table" && /^\s*CREATE\s+VIRTUAL\b/i.test(r.sql ?? ""),
  );
  const shadows = await shadowTables(
    db,
    schema,
    virtual.map((r) => r.name),
  );
  const where = schema === undefined ? {} : { schema };
  const tables: { name: string; sql: string }[] = [];
  const unsupported: UnsupportedObject[] = [];
  for (const row of rows) {
    if (row.type === "view") unsupported.push({ kind: "view", name: row.name, ...where });
    else if (row.type === "trigger") {
      unsupported.push({ kind: "trigger", name: row.name, ...where, table: row.tbl_name });
    } else if (virtual.includes(row)) {
      unsupported.push({ kind: "virtual table", name: row.name, ...where });
    } else if (!shadows.has(row.name.toLowerCase())) {
      tables.push({ name: row.name, sql: row.sql ?? "" });
    }
  }
  return { tables, unsupported };
}

/** The suffixes of the shadow tables SQLite's own virtual-table modules create. */
const SHADOW_SUFFIXES = [
  "config",
  "content",
  "data",
  "docsize",
  "idx", // fts5
  "segdir",
  "segments",
  "stat", // fts3/4
  "node",
  "parent",
  "rowid", // rtree
];

/**
 * Shadow tables, lowercase: those PRAGMA table_list marks (when the module is loaded),
 * and `<virtual table>_<suffix>` for the modules SQLite ships.
 */
async function shadowTables(
  db: Queryable,
  schema: string | undefined,
  virtual: readonly string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  if (virtual.length === 0) return out;
  for (const name of virtual) {
    for (const suffix of SHADOW_SUFFIXES) out.add(`${name}_${suffix}`.toLowerCase());
  }
  try {
    const rows = await db.query<{ name: string }>(
      "SELECT name FROM pragma_table_list WHERE type = 'shadow' AND schema = ?",
      [schema ?? "main"],
    );
    for (const row of rows) out.add(row.name.toLowerCase());
  } catch {
    // table_list is SQLite 3.37+, and fails on a virtual table whose module is not loaded.
  }
  return out;
}
