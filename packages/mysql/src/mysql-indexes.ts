import type { ForeignKeySnapshot, IndexSnapshot } from "@mig/core/dialect";

type Row = Record<string, unknown>;

/**
 * A table's indexes from information_schema.STATISTICS, less those backing its primary
 * key and unique constraints (`constraints`) and those MySQL made for a foreign key.
 */
export function readIndexes(
  stats: Row[],
  constraints: ReadonlySet<string>,
  foreignKeys: readonly ForeignKeySnapshot[],
): IndexSnapshot[] {
  const out: IndexSnapshot[] = [];
  const groups = groupIndexRows(stats);
  for (const [name, rows] of groups) {
    if (constraints.has(name) || implicitForeignKeyIndex(name, groups, foreignKeys)) continue;
    const type = String(rows[0]!.INDEX_TYPE ?? "").toLowerCase();
    // InnoDB builds BTREE whatever USING says; FULLTEXT and SPATIAL are indexes of their own.
    const method = type === "btree" || type === "" ? null : type;
    out.push({
      name,
      columns: rows.map((r) => text(r.COLUMN_NAME ?? r.EXPRESSION)),
      keys: rows.map((r) => ({
        column: r.COLUMN_NAME == null ? null : text(r.COLUMN_NAME),
        expression: r.COLUMN_NAME == null ? text(r.EXPRESSION) : null,
        descending: r.COLLATION === "D",
        // A SPATIAL key reports a SUB_PART (32) nobody wrote and nobody can.
        length: method === "spatial" || r.SUB_PART == null ? null : Number(r.SUB_PART),
        opclass: null,
        collation: null,
      })),
      unique: Number(rows[0]!.NON_UNIQUE) === 0,
      where: null,
      method,
      include: [],
    });
  }
  return out;
}

/**
 * A unique constraint with a prefix or a DESC key: reported as a unique index, since a
 * unique constraint has only column names.
 */
export function isUniqueIndex(stats: Row[], name: string): boolean {
  return stats.some(
    (r) =>
      r.INDEX_NAME === name &&
      (r.COLLATION === "D" || (r.SUB_PART != null && r.INDEX_TYPE !== "SPATIAL")),
  );
}

/** Rows of one table's STATISTICS by index name, each group in key order. */
function groupIndexRows(stats: Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of stats) {
    const name = text(row.INDEX_NAME);
    const group = groups.get(name);
    if (group) group.push(row);
    else groups.set(name, [row]);
  }
  for (const rows of groups.values()) {
    rows.sort((a, b) => Number(a.SEQ_IN_INDEX) - Number(b.SEQ_IN_INDEX));
  }
  return groups;
}

/** The index MySQL made for foreign key `fk`, which dropping the key leaves behind. */
export function implicitIndexOf(
  stats: Row[],
  fk: Pick<ForeignKeySnapshot, "name" | "columns">,
): string | undefined {
  const groups = groupIndexRows(stats);
  for (const name of groups.keys()) {
    if (implicitForeignKeyIndex(name, groups, [fk])) return name;
  }
  return undefined;
}

/**
 * The index MySQL makes for a foreign key when no other index fits: plain, over exactly the
 * key's columns, named after the constraint, or after its first column (`col`, `col_2`) when
 * the constraint had no name. Listing it would make autogenerate create or drop it. Where
 * another index starts with the key's columns (the primary key, say), MySQL made none, and
 * drops the one it made once such an index is added: an index so named is then the user's.
 */
function implicitForeignKeyIndex(
  name: string,
  groups: ReadonlyMap<string, Row[]>,
  foreignKeys: readonly Pick<ForeignKeySnapshot, "name" | "columns">[],
): boolean {
  const rows = groups.get(name)!;
  const plain = rows.every(
    (r) =>
      Number(r.NON_UNIQUE) === 1 &&
      r.INDEX_TYPE === "BTREE" &&
      r.SUB_PART == null &&
      r.COLLATION !== "D" &&
      r.COLUMN_NAME != null,
  );
  if (!plain) return false;
  const columns = rows.map((r) => text(r.COLUMN_NAME));
  return foreignKeys.some((fk) => {
    if (fk.columns.length !== columns.length || fk.columns.some((c, i) => c !== columns[i])) {
      return false;
    }
    const first = fk.columns[0]!;
    const named =
      name === fk.name ||
      name === first ||
      (name.startsWith(`${first}_`) && /^\d+$/.test(name.slice(first.length + 1)));
    return named && !coveredElsewhere(name, groups, fk.columns);
  });
}

/** Whether an index other than `name` starts with `columns`, whole, so it can serve a foreign key. */
function coveredElsewhere(
  name: string,
  groups: ReadonlyMap<string, Row[]>,
  columns: readonly string[],
): boolean {
  for (const [other, rows] of groups) {
    if (other === name || rows.length < columns.length) continue;
    const serves = columns.every((column, i) => {
      const r = rows[i]!;
      return r.COLUMN_NAME != null && text(r.COLUMN_NAME) === column && r.SUB_PART == null;
    });
    if (serves && rows[0]!.INDEX_TYPE !== "FULLTEXT" && rows[0]!.INDEX_TYPE !== "SPATIAL") {
      return true;
    }
  }
  return false;
}

function text(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return value === null || value === undefined ? "" : String(value);
}
