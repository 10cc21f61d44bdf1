import type { Queryable, UnsupportedObject } from "@mig/core/dialect";

type Row = Record<string, unknown>;

/** What a table row of information_schema.TABLES says mig does not model about it. */
export function unsupportedTable(row: Row): UnsupportedObject | undefined {
  const name = String(row.TABLE_NAME);
  switch (row.TABLE_TYPE) {
    case "VIEW":
      return { kind: "view", name };
    case "SEQUENCE":
      return { kind: "sequence", name };
    case "SYSTEM VERSIONED":
      return { kind: "system-versioned table", name, table: name };
  }
  // The table's columns and keys are read as usual; its partitioning is not.
  if (/\bpartitioned\b/i.test(String(row.CREATE_OPTIONS ?? ""))) {
    return { kind: "partitioned table", name, table: name };
  }
  return undefined;
}

/** Triggers, routines and events of one database: three queries, whatever its size. */
export async function unsupportedObjects(
  db: Queryable,
  schema: string,
): Promise<UnsupportedObject[]> {
  const q = (sql: string) => db.query<Row>(sql, [schema]);
  const [triggers, routines, events] = await Promise.all([
    q(
      "SELECT TRIGGER_NAME, EVENT_OBJECT_TABLE FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = ?",
    ),
    q(
      "SELECT ROUTINE_NAME, ROUTINE_TYPE FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = ?",
    ),
    q("SELECT EVENT_NAME FROM information_schema.EVENTS WHERE EVENT_SCHEMA = ?"),
  ]);
  return [
    ...triggers.map((r) => ({
      kind: "trigger",
      name: String(r.TRIGGER_NAME),
      table: String(r.EVENT_OBJECT_TABLE),
    })),
    ...routines.map((r) => ({
      kind: String(r.ROUTINE_TYPE).toLowerCase(),
      name: String(r.ROUTINE_NAME),
    })),
    ...events.map((r) => ({ kind: "event", name: String(r.EVENT_NAME) })),
  ];
}
