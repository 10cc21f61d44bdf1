import type {
  ColumnSnapshot,
  ForeignKeySnapshot,
  IndexSnapshot,
  IntrospectOptions,
  Queryable,
  SchemaSnapshot,
  TableSnapshot,
} from "@mig/core/dialect";
import {
  parseCreateIndex,
  parseCreateTable,
  type TableDeclaration,
} from "./sqlite-table-declaration.js";

/** A table as read, plus which index keys are expressions (a snapshot keeps only text). */
export interface TableReading {
  readonly snapshot: TableSnapshot;
  /** Index name -> for each key, whether it is an expression rather than a column. */
  readonly expressionKeys: ReadonlyMap<string, readonly boolean[]>;
  /** Generated (computed) columns, which a copy cannot insert into. */
  readonly generatedColumns: readonly string[];
  /** The CREATE TABLE statement as SQLite keeps it. */
  readonly sql: string;
}

type MasterRow = {
  readonly name: string;
  readonly sql: string | null;
};

/**
 * Reads SQLite's schema from sqlite_master and the table PRAGMAs. Types are lowercase as
 * declared, defaults as SQLite stores them. `autoincrement` is true only for a column
 * declared AUTOINCREMENT: a plain INTEGER PRIMARY KEY also numbers new rows, but reuses
 * the numbers of deleted ones, and is reported as an ordinary primary key.
 */
export async function introspect(
  db: Queryable,
  options: IntrospectOptions = {},
): Promise<SchemaSnapshot> {
  const schema = options.schema;
  const rows = await db.query<MasterRow>(
    `SELECT name, sql FROM ${master(schema)} WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
  );
  const only = options.tables && new Set(options.tables.map(lower));
  const exclude = new Set((options.exclude ?? []).map(lower));
  const tables: TableSnapshot[] = [];
  for (const row of rows) {
    if (only && !only.has(lower(row.name))) continue;
    if (exclude.has(lower(row.name))) continue;
    if (/^\s*CREATE\s+VIRTUAL\b/i.test(row.sql ?? "")) continue;
    tables.push((await readTable(db, row.name, schema, row.sql ?? "")).snapshot);
  }
  return { tables: tables.sort((a, b) => compare(a.name, b.name)), enums: [], unsupported: [] };
}

/** One table, or undefined when it does not exist. */
export async function readTableByName(
  db: Queryable,
  name: string,
  schema?: string,
): Promise<TableReading | undefined> {
  const rows = await db.query<MasterRow>(
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
  const columns = visible.map((c) => column(c, declared));
  const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
  const indexList = await pragma<IndexListRow>(db, "index_list", name, schema);
  const uniques: { name: string | null; columns: string[] }[] = [];
  const indexes: IndexSnapshot[] = [];
  const expressionKeys = new Map<string, boolean[]>();
  const unnamed = [...declared.uniques];
  for (const index of indexList) {
    const keys = (await pragma<IndexInfoRow>(db, "index_xinfo", index.name, schema))
      .filter((k) => k.key === 1)
      .sort((a, b) => a.seqno - b.seqno);
    if (index.origin === "u") {
      const cols = keys.map((k) => k.name ?? "");
      uniques.push({ name: takeName(unnamed, cols), columns: cols });
    } else if (index.origin === "c") {
      const text = await indexSql(db, index.name, schema);
      const parsed = parseCreateIndex(text);
      expressionKeys.set(
        index.name,
        keys.map((k) => k.cid === -2),
      );
      indexes.push({
        name: index.name,
        columns: keys.map((k, i) => (k.cid === -2 ? (parsed.keys[i] ?? "") : (k.name ?? ""))),
        keys: keys.map((k, i) => ({
          column: k.cid === -2 ? null : (k.name ?? ""),
          expression: k.cid === -2 ? (parsed.keys[i] ?? "") : null,
          descending: false,
          length: null,
          opclass: null,
          collation: null,
        })),
        unique: index.unique === 1,
        where: index.partial === 1 ? parsed.where : null,
        method: null,
        include: [],
      });
    }
  }
  // SQLite makes one index for identical UNIQUE constraints; each is still declared.
  for (const rest of unnamed) uniques.push({ name: rest.name, columns: [...rest.columns] });
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
  const generatedColumns = info.filter((c) => c.hidden === 2 || c.hidden === 3).map((c) => c.name);
  return { snapshot, expressionKeys, generatedColumns, sql };
}

type XInfoRow = {
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly dflt_value: string | null;
  readonly pk: number;
  readonly hidden: number;
};

type IndexListRow = {
  readonly name: string;
  readonly unique: number;
  readonly origin: string;
  readonly partial: number;
};

type IndexInfoRow = {
  readonly seqno: number;
  readonly cid: number;
  readonly name: string | null;
  readonly key: number;
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

function column(c: XInfoRow, declared: TableDeclaration): ColumnSnapshot {
  return {
    name: c.name,
    type: c.type.toLowerCase(),
    nullable: c.notnull === 0,
    default: c.dflt_value,
    autoincrement: declared.autoincrement.some((a) => lower(a) === lower(c.name)),
    identity: null,
    generated: null,
    collation: null,
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

/** The declared name of the first not-yet-matched constraint over these columns. */
function takeName(declared: { name: string | null; columns: readonly string[] }[], cols: string[]) {
  const key = JSON.stringify(cols.map(lower));
  const at = declared.findIndex((d) => JSON.stringify(d.columns.map(lower)) === key);
  if (at < 0) return null;
  const [found] = declared.splice(at, 1);
  return found!.name;
}

async function indexSql(db: Queryable, name: string, schema: string | undefined): Promise<string> {
  const rows = await db.query<{ sql: string | null }>(
    `SELECT sql FROM ${master(schema)} WHERE type = 'index' AND name = ?`,
    [name],
  );
  return rows[0]?.sql ?? "";
}

function pragma<R extends Record<string, unknown>>(
  db: Queryable,
  name: string,
  arg: string,
  schema: string | undefined,
): Promise<R[]> {
  return schema === undefined
    ? db.query<R>(`SELECT * FROM pragma_${name}(?)`, [arg])
    : db.query<R>(`SELECT * FROM pragma_${name}(?, ?)`, [arg, schema]);
}

function master(schema: string | undefined): string {
  return schema === undefined ? "sqlite_master" : `"${schema.replaceAll('"', '""')}".sqlite_master`;
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
