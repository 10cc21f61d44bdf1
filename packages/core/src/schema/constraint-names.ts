import type { TableSnapshot } from "./schema-snapshot.js";

const SUFFIX = { primary: "pkey", unique: "key", check: "check", foreign: "fkey" } as const;

/**
 * A name for a constraint made on an existing table when neither the declaration nor the
 * server gives one (SQLite leaves constraints unnamed), so the downgrade can drop it by
 * name. PostgreSQL's pattern, made unique among the table's names on both sides.
 */
export function inventName(
  kind: keyof typeof SUFFIX,
  table: string,
  columns: readonly string[],
  sides: readonly TableSnapshot[],
): string {
  const taken = new Set(
    sides.flatMap((t) => [
      t.primaryKey?.name,
      ...t.uniques.map((u) => u.name),
      ...t.checks.map((c) => c.name),
      ...t.foreignKeys.map((f) => f.name),
      ...t.indexes.map((i) => i.name),
    ]),
  );
  const base = [table, ...(kind === "primary" ? [] : columns), SUFFIX[kind]].join("_");
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}${n}`;
  return name;
}
