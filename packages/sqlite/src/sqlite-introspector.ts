import type {
  ColumnSnapshot,
  ForeignKeySnapshot,
  IntrospectOptions,
  Queryable,
  SchemaSnapshot,
  TableSnapshot,
} from "@mig/core/dialect";
import { columnCollation } from "./sqlite-collation.js";
import { type IndexListRow, readIndexes, takeName } from "./sqlite-index-reader.js";
import { master, pragma } from "./sqlite-pragma.js";
import { schemaObjects } from "./sqlite-schema-objects.js";
import { parseCreateTable, type TableDeclaration } from "./sqlite-table-declaration.js";

/** A table as read, plus which index keys are expressions (a snapshot keeps only text). */
export interface TableReading {
  readonly snapshot: TableSnapshot;
  /** Index name -> for each key, whether it is an expression rather than a column. */
  readonly expressionKeys: ReadonlyMap<string, readonly boolean[]>;
  /** The CREATE TABLE statement as SQLite keeps it. */
  readonly sql: string;
}

/**
 * Reads SQLite's schema from sqlite_master and the table PRAGMAs. Types are lowercase as
 * declared, defaults as SQLite stores them (`DEFAULT NULL` is no default). `autoincrement`
 * is true only for a column declared AUTOINCREMENT: a plain INTEGER PRIMARY KEY (an alias
 * of the rowid) also numbers new rows, but reuses the numbers of deleted ones, and is
 * reported as an ordinary primary key that is never NULL.
 */
export async function introspect(
  db: Queryable,
  options: IntrospectOptions = {},
): Promise<SchemaSnapshot> {
  const schema = options.schema;
  const objects = await schemaObjects(db, schema);
  const only = options.tables && new Set(options.tables.map(lower));
  const exclude = new Set((options.exclude ?? []).map(lower));
  const wanted = (name: string) => !(only && !only.has(lower(name))) && !exclude.has(lower(name));
  const tables: TableSnapshot[] = [];
  for (const row of objects.tables) {
    if (wanted(row.name)) tables.push((await readTable(db, row.name, schema, row.sql)).snapshot);
  }
  return {
    defaultSchema: "main",
    tables: tables.sort((a, b) => compare(a.name, b.name)),
    enums: [],
    unsupported: objects.unsupported.filter((o) => wanted(o.table ?? o.name)),
  };
}

/** One table, or undefined when it does not exist. */
export async function readTableByName(
  db: Queryable,
  name: string,
  schema?: string,
): Promise<TableReading | undefined> {
  const rows = await db.query<{ name: string; sql: string | null }>(
    `SELECT name, sql FROM ${master(schema)} WHERE type = 'table' AND name = ? COLLATE NOCASE`,
    [name],
  );
  const row = rows[0];
  return row ? readTable(db, row.name, schema, row.sql ?? "") : undefined;
}

async function readTable(
  db: Queryable,
  name: string,
  schema: string | undefined,
  sql: string,
): Promise<TableReading> {
  const declared = parseCreateTable(sql);
  const info = await pragma<XInfoRow>(db, "table_xinfo", name, schema);
  const visible = info.filter((c) => c.hidden === 0 || c.hidden === 2 || c.hidden === 3);
  const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const indexList = await pragma<IndexListRow>(db, "index_list", name, schema);
  // A single INTEGER key column is the rowid (unless the table is WITHOUT ROWID, or the
  // key is declared DESC): then SQLite builds no index for the key.
  const rowid =
    pk.length === 1 && /^integer$/i.test(pk[0]!.type) && !indexList.some((i) => i.origin === "pk")
      ? pk[0]!.name
      : undefined;
  const collations = new Map<string, string>();
  for (const [column, collation] of declared.collations) {
    const known = columnCollation(collation);
    if (known !== null) collations.set(lower(column), known);
  }
  const columns = visible.map((c) => column(c, declared, c.name === rowid, collations));
  const { uniques, indexes, expressionKeys } = await readIndexes(
    db,
    schema,
    indexList,
    declared.uniques,
    collations,
  );
  const snapshot: TableSnapshot = {
    name,
    ...(schema === undefined ? {} : { schema }),
    comment: null,
    extension: null,
    columns,
    primaryKey:
      pk.length === 0 ? null : { name: declared.primaryKeyName, columns: pk.map((c) => c.name) },
    foreignKeys: sortNamed(await foreignKeys(db, name, schema, declared)),
    uniques: sortNamed(uniques),
    checks: [...declared.checks].sort((a, b) =>
      compare(`${a.name ?? ""}\u0000${a.expression}`, `${b.name ?? ""}\u0000${b.expression}`),
    ),
    indexes: indexes.sort((a, b) => compare(a.name, b.name)),
  };
  return { snapshot, expressionKeys, sql };
}

type XInfoRow = {
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly dflt_value: string | null;
  readonly pk: number;
  readonly hidden: number;
};

type ForeignKeyRow = {
  readonly id: number;
  readonly seq: number;
  readonly table: string;
  readonly from: string;
  readonly to: string | null;
  readonly on_update: string;
  readonly on_delete: string;
};

function column(
  c: XInfoRow,
  declared: TableDeclaration,
  rowid: boolean,
  collations: ReadonlyMap<string, string>,
): ColumnSnapshot {
  const generated = c.hidden === 2 || c.hidden === 3;
  const expression = [...declared.generated].find(([name]) => lower(name) === lower(c.name));
  return {
    name: c.name,
    type: c.type.toLowerCase(),
    nullable: c.notnull === 0 && !rowid,
    default: c.dflt_value === null || /^null$/i.test(c.dflt_value) ? null : c.dflt_value,
    autoincrement: declared.autoincrement.some((a) => lower(a) === lower(c.name)),
    identity: null,
    generated: generated
      ? { expression: expression?.[1].expression ?? "", stored: c.hidden === 3 }
      : null,
    collation: collations.get(lower(c.name)) ?? null,
    comment: null,
  };
}

async function foreignKeys(
  db: Queryable,
  table: string,
  schema: string | undefined,
  declared: TableDeclaration,
): Promise<ForeignKeySnapshot[]> {
  const rows = await pragma<ForeignKeyRow>(db, "foreign_key_list", table, schema);
  const byId = new Map<number, ForeignKeyRow[]>();
  for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  const unnamed = [...declared.foreignKeys];
  const out: ForeignKeySnapshot[] = [];
  // SQLite numbers foreign keys last-declared first; walk them in declared order.
  for (const id of [...byId.keys()].sort((a, b) => b - a)) {
    const parts = byId.get(id)!.sort((a, b) => a.seq - b.seq);
    const first = parts[0]!;
    const columns = parts.map((p) => p.from);
    let referenced = parts.map((p) => p.to);
    if (referenced.some((r) => r === null)) {
      // `REFERENCES parent` alone means the parent's primary key.
      const parentPk = (await pragma<XInfoRow>(db, "table_xinfo", first.table, schema))
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk);
      referenced = parentPk.map((c) => c.name);
    }
    out.push({
      name: takeName(unnamed, columns),
      columns,
      referencedTable: first.table,
      ...(schema === undefined ? {} : { referencedSchema: schema }),
      referencedColumns: referenced as string[],
      onDelete: first.on_delete.toLowerCase(),
      onUpdate: first.on_update.toLowerCase(),
    });
  }
  return out;
}

function sortNamed<T extends { readonly name: string | null; readonly columns: readonly string[] }>(
  list: T[],
): T[] {
  const key = (x: T) => `${x.name ?? ""}\u0000${JSON.stringify(x.columns)}`;
  return list.sort((a, b) => compare(key(a), key(b)));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lower(name: string): string {
  return name.toLowerCase();
}
