import type { IndexKeySnapshot, IndexSnapshot, UniqueSnapshot } from "@mig/core/dialect";
import type { TableCatalog } from "./sqlite-catalog.js";
import { collationName, keyCollation } from "./sqlite-collation.js";
import { type NamedColumns, parseCreateIndex } from "./sqlite-table-declaration.js";

export interface IndexReading {
  readonly uniques: UniqueSnapshot[];
  readonly indexes: IndexSnapshot[];
  /** Index name -> for each key, whether it is an expression rather than a column. */
  readonly expressionKeys: Map<string, boolean[]>;
}

/**
 * A table's UNIQUE constraints (SQLite backs each with an automatic index) and the indexes
 * the user made, each key with its order and collation as PRAGMA index_xinfo reports them.
 * A key's collation is given only when it is not its column's (`collations`, lowercase names).
 */
export function readIndexes(
  catalog: TableCatalog,
  declaredUniques: readonly NamedColumns[],
  collations: ReadonlyMap<string, string>,
): IndexReading {
  const uniques: { name: string | null; columns: string[] }[] = [];
  const indexes: IndexSnapshot[] = [];
  const expressionKeys = new Map<string, boolean[]>();
  const unnamed = [...declaredUniques];
  for (const index of catalog.indexList) {
    const keys = (catalog.indexKeys.get(index.name) ?? [])
      .filter((k) => k.key === 1)
      .sort((a, b) => a.seqno - b.seqno);
    if (index.origin === "u") {
      const cols = keys.map((k) => k.name ?? "");
      uniques.push({ name: takeName(unnamed, cols), columns: cols });
    } else if (index.origin === "c") {
      const parsed = parseCreateIndex(catalog.indexSql.get(index.name) ?? "");
      const snapshots = keys.map((k, i): IndexKeySnapshot => {
        const expression = k.cid === -2 ? (parsed.keys[i] ?? "") : null;
        const column = expression === null ? (k.name ?? "") : null;
        const base = column === null ? null : (collations.get(column.toLowerCase()) ?? null);
        return {
          column,
          expression,
          descending: k.desc === 1,
          length: null,
          opclass: null,
          collation: keyCollation(collationName(k.coll), base),
        };
      });
      expressionKeys.set(
        index.name,
        keys.map((k) => k.cid === -2),
      );
      indexes.push({
        name: index.name,
        columns: snapshots.map((k) => k.column ?? k.expression ?? ""),
        keys: snapshots,
        unique: index.unique === 1,
        where: index.partial === 1 ? parsed.where : null,
        method: null,
        include: [],
      });
    }
  }
  // SQLite makes one index for identical UNIQUE constraints; each is still declared.
  for (const rest of unnamed) uniques.push({ name: rest.name, columns: [...rest.columns] });
  return { uniques, indexes, expressionKeys };
}

/** The declared name of the first not-yet-matched constraint over these columns. */
export function takeName(
  declared: { name: string | null; columns: readonly string[] }[],
  cols: readonly string[],
): string | null {
  return takeDeclared(declared, cols)?.name ?? null;
}

/** The first not-yet-matched declared constraint over these columns, taken out of the list. */
export function takeDeclared<T extends { readonly columns: readonly string[] }>(
  declared: T[],
  cols: readonly string[],
): T | undefined {
  const key = JSON.stringify(cols.map(lower));
  const at = declared.findIndex((d) => JSON.stringify(d.columns.map(lower)) === key);
  return at < 0 ? undefined : declared.splice(at, 1)[0];
}

function lower(name: string): string {
  return name.toLowerCase();
}
