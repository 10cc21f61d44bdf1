import type { Queryable } from "@mig/core/dialect";
import { master } from "./sqlite-pragma.js";

export type XInfoRow = {
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly dflt_value: string | null;
  readonly pk: number;
  readonly hidden: number;
};

export type IndexListRow = {
  readonly name: string;
  readonly unique: number;
  readonly origin: string;
  readonly partial: number;
};

export type IndexInfoRow = {
  readonly seqno: number;
  readonly cid: number;
  readonly name: string | null;
  readonly desc: number;
  readonly coll: string | null;
  readonly key: number;
};

export type ForeignKeyRow = {
  readonly id: number;
  readonly seq: number;
  readonly table: string;
  readonly from: string;
  readonly to: string | null;
  readonly on_update: string;
  readonly on_delete: string;
};

/** What the PRAGMAs say about one table. */
export interface TableCatalog {
  readonly columns: readonly XInfoRow[];
  readonly indexList: readonly IndexListRow[];
  /** Index name -> its keys (and the rest), by seqno. */
  readonly indexKeys: ReadonlyMap<string, readonly IndexInfoRow[]>;
  /** Index name -> its CREATE INDEX statement. */
  readonly indexSql: ReadonlyMap<string, string>;
  readonly foreignKeys: readonly ForeignKeyRow[];
}

type Tagged<R> = R & { readonly tbl: string };

interface Building {
  columns: XInfoRow[];
  indexList: IndexListRow[];
  indexKeys: Map<string, readonly IndexInfoRow[]>;
  indexSql: Map<string, string>;
  foreignKeys: ForeignKeyRow[];
}

/**
 * The PRAGMAs of every ordinary table (or of `only`) in five queries, each joining
 * sqlite_master with a pragma function: a query per table and index was most of the
 * time autogenerate took on a schema of a few hundred tables. Keyed by lowercase name.
 */
export async function readCatalog(
  db: Queryable,
  schema: string | undefined,
  only?: string,
): Promise<Map<string, TableCatalog>> {
  const s = schema === undefined ? "" : `, ${quote(schema)}`;
  const from = `${master(schema)} AS m`;
  const where = `m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND coalesce(m.sql, '') NOT LIKE 'CREATE VIRTUAL%'${only === undefined ? "" : " AND m.name = ? COLLATE NOCASE"}`;
  const params = only === undefined ? [] : [only];
  const columns = await db.query<Tagged<XInfoRow>>(
    `SELECT m.name AS tbl, p.* FROM ${from}, pragma_table_xinfo(m.name${s}) AS p WHERE ${where} ORDER BY m.name, p.cid`,
    params,
  );
  const indexList = await db.query<Tagged<IndexListRow>>(
    `SELECT m.name AS tbl, p.* FROM ${from}, pragma_index_list(m.name${s}) AS p WHERE ${where} ORDER BY m.name, p.seq`,
    params,
  );
  const indexKeys = await db.query<IndexInfoRow & { readonly idx: string }>(
    `SELECT l.name AS idx, p.* FROM ${from}, pragma_index_list(m.name${s}) AS l, pragma_index_xinfo(l.name${s}) AS p WHERE ${where} ORDER BY l.name, p.seqno`,
    params,
  );
  const indexSql = await db.query<{ name: string; sql: string | null }>(
    `SELECT i.name, i.sql FROM ${master(schema)} AS i JOIN ${from} ON m.name = i.tbl_name WHERE i.type = 'index' AND ${where}`,
    params,
  );
  const foreignKeys = await db.query<Tagged<ForeignKeyRow>>(
    `SELECT m.name AS tbl, p.* FROM ${from}, pragma_foreign_key_list(m.name${s}) AS p WHERE ${where} ORDER BY m.name, p.id, p.seq`,
    params,
  );
  const out = new Map<string, Building>();
  const entry = (table: string): Building => {
    const key = table.toLowerCase();
    const found = out.get(key) ?? {
      columns: [],
      indexList: [],
      indexKeys: new Map(),
      indexSql: new Map(),
      foreignKeys: [],
    };
    out.set(key, found);
    return found;
  };
  for (const row of columns) entry(row.tbl).columns.push(row);
  for (const row of indexList) entry(row.tbl).indexList.push(row);
  for (const row of foreignKeys) entry(row.tbl).foreignKeys.push(row);
  const keysByIndex = new Map<string, IndexInfoRow[]>();
  for (const row of indexKeys) keysByIndex.set(row.idx, [...(keysByIndex.get(row.idx) ?? []), row]);
  const sqlByIndex = new Map(indexSql.map((row) => [row.name, row.sql ?? ""]));
  for (const table of out.values()) {
    for (const index of table.indexList) {
      table.indexKeys.set(index.name, keysByIndex.get(index.name) ?? []);
      table.indexSql.set(index.name, sqlByIndex.get(index.name) ?? "");
    }
  }
  return out;
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}
