import {
  type ColumnSnapshot,
  type ForeignKeySnapshot,
  type IntrospectOptions,
  MigError,
  type Queryable,
  type SchemaSnapshot,
  type TableSnapshot,
} from "@mig/core/dialect";
import { bareColumnNames } from "./sqlite-bare-identifiers.js";
import {
  type ForeignKeyRow,
  readCatalog,
  type TableCatalog,
  type XInfoRow,
} from "./sqlite-catalog.js";
import { columnCollation } from "./sqlite-collation.js";
import { readIndexes, takeDeclared } from "./sqlite-index-reader.js";
import { master, pragma } from "./sqlite-pragma.js";
import { schemaObjects } from "./sqlite-schema-objects.js";
import { parseCreateTable, type TableDeclaration } from "./sqlite-table-declaration.js";
import { isWord, tableOptions, tokenize } from "./sqlite-table-sql.js";

/** A table as read, plus which index keys are expressions (a snapshot keeps only text). */
export interface TableReading {
  readonly snapshot: TableSnapshot;
  /** Index name -> for each key, whether it is an expression rather than a column. */
  readonly expressionKeys: ReadonlyMap<string, readonly boolean[]>;
  /** The CREATE TABLE statement as SQLite keeps it. */
  readonly sql: string;
}

/**
 * Reads SQLite's schema from sqlite_master and the table PRAGMAs. Types are as declared
 * (`NVARCHAR(160)`: SQLite keeps the case), defaults as SQLite stores them (`DEFAULT NULL` is no default). `autoincrement`
 * is true only for a column declared AUTOINCREMENT: a plain INTEGER PRIMARY KEY (an alias
 * of the rowid) also numbers new rows, but reuses the numbers of deleted ones, and is
 * reported as an ordinary primary key that is never NULL.
 */
export async function introspect(
  db: Queryable,
  options: IntrospectOptions = {},
): Promise<SchemaSnapshot> {
  const schema = options.schema;
  if (schema !== undefined) await mustBeAttached(db, schema);
  const objects = await schemaObjects(db, schema);
  const only = options.tables && new Set(options.tables.map(lower));
  const exclude = new Set((options.exclude ?? []).map(lower));
  const wanted = (name: string) => !(only && !only.has(lower(name))) && !exclude.has(lower(name));
  const catalog = await readCatalog(db, schema);
  const tables: TableSnapshot[] = [];
  for (const row of objects.tables) {
    if (!wanted(row.name)) continue;
    tables.push((await readTable(db, row.name, schema, row.sql, catalog)).snapshot);
  }
  return {
    defaultSchema: "main",
    tables: tables.sort((a, b) => compare(a.name, b.name)),
    enums: [],
    unsupported: objects.unsupported.filter((o) => wanted(o.table ?? o.name)),
  };
}

/** A schema on SQLite is an attached database: name the missing one plainly. */
async function mustBeAttached(db: Queryable, schema: string): Promise<void> {
  const rows = await db.query<{ name: string }>("SELECT name FROM pragma_database_list");
  if (rows.some((row) => lower(row.name) === lower(schema))) return;
  throw new MigError(
    "schema_invalid",
    `SQLite has no database "${schema}" attached; its schemas are attached databases.`,
    {
      hint: "Leave schema out of SQLite table declarations (mig works on the main database).",
      usage: true,
    },
  );
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
  if (!row) return undefined;
  return readTable(db, row.name, schema, row.sql ?? "", await readCatalog(db, schema, row.name));
}

async function readTable(
  db: Queryable,
  name: string,
  schema: string | undefined,
  sql: string,
  catalog: ReadonlyMap<string, TableCatalog>,
): Promise<TableReading> {
  const declared = parseCreateTable(sql);
  const own = catalog.get(lower(name));
  const info = own?.columns ?? [];
  const indexList = own?.indexList ?? [];
  const visible = info.filter((c) => c.hidden === 0 || c.hidden === 2 || c.hidden === 3);
  const pk = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
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
  const names = info.map((c) => c.name);
  const bare = (text: string) => bareColumnNames(text, names);
  const columns = visible.map((c) => {
    const read = column(c, declared, c.name === rowid, collations);
    return read.generated
      ? { ...read, generated: { ...read.generated, expression: bare(read.generated.expression) } }
      : read;
  });
  const reading = readIndexes(own ?? EMPTY, declared.uniques, collations);
  const { uniques, expressionKeys } = reading;
  const indexes = reading.indexes.map((index) => {
    const keys = index.keys.map((k) =>
      k.expression === null ? k : { ...k, expression: bare(k.expression) },
    );
    return {
      ...index,
      keys,
      columns: keys.map((k) => k.column ?? k.expression ?? ""),
      where: index.where === null ? null : bare(index.where),
    };
  });
  const snapshot: TableSnapshot = {
    name,
    ...(schema === undefined ? {} : { schema }),
    comment: null,
    extension: null,
    collation: null,
    ...storageOptions(sql),
    columns,
    primaryKey:
      pk.length === 0 ? null : { name: declared.primaryKeyName, columns: pk.map((c) => c.name) },
    foreignKeys: sortNamed(
      await foreignKeys(db, own?.foreignKeys ?? [], schema, declared, catalog),
    ),
    uniques: sortNamed(uniques),
    checks: declared.checks
      .map((c) => ({ ...c, expression: bare(c.expression) }))
      .sort((a, b) =>
        compare(`${a.name ?? ""}\u0000${a.expression}`, `${b.name ?? ""}\u0000${b.expression}`),
      ),
    indexes: indexes.sort((a, b) => compare(a.name, b.name)),
  };
  return { snapshot, expressionKeys, sql };
}

/** `WITHOUT ROWID` and `STRICT` after the column list, when the table has them. */
function storageOptions(createSql: string): { withoutRowid?: true; strict?: true } {
  const tokens = tokenize(tableOptions(createSql));
  const out: { withoutRowid?: true; strict?: true } = {};
  tokens.forEach((t, i) => {
    if (isWord(t, "ROWID") && isWord(tokens[i - 1], "WITHOUT")) out.withoutRowid = true;
    if (isWord(t, "STRICT")) out.strict = true;
  });
  return out;
}

const EMPTY: TableCatalog = {
  columns: [],
  indexList: [],
  indexKeys: new Map(),
  indexSql: new Map(),
  foreignKeys: [],
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
    type: c.type,
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
  rows: readonly ForeignKeyRow[],
  schema: string | undefined,
  declared: TableDeclaration,
  catalog: ReadonlyMap<string, TableCatalog>,
): Promise<ForeignKeySnapshot[]> {
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
      const parent =
        catalog.get(lower(first.table))?.columns ??
        (await pragma<XInfoRow>(db, "table_xinfo", first.table, schema));
      const parentPk = parent.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      referenced = parentPk.map((c) => c.name);
    }
    const declaredKey = takeDeclared(unnamed, columns);
    out.push({
      name: declaredKey?.name ?? null,
      columns,
      referencedTable: first.table,
      ...(schema === undefined ? {} : { referencedSchema: schema }),
      referencedColumns: referenced as string[],
      onDelete: first.on_delete.toLowerCase(),
      onUpdate: first.on_update.toLowerCase(),
      ...(declaredKey?.deferrable ? { deferrable: declaredKey.deferrable } : {}),
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
