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
  for (const [name, rows] of groupIndexRows(stats)) {
    if (constraints.has(name) || implicitForeignKeyIndex(name, rows, foreignKeys)) continue;
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

/**
 * The index MySQL makes for a foreign key when none fits: plain, over exactly the key's
 * columns, named after the constraint, or after its first column (`col`, `col_2`) when
 * the constraint had no name. Listing it would make autogenerate create or drop it.
 */
function implicitForeignKeyIndex(
  name: string,
  rows: Row[],
  foreignKeys: readonly ForeignKeySnapshot[],
): boolean {
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
    return (
      name === fk.name ||
      name === first ||
      (name.startsWith(`${first}_`) && /^\d+$/.test(name.slice(first.length + 1)))
    );
  });
}

function text(value: unknown): string {
  if (Buffer.isBuffer(value)) return value.toString("utf8");
  return value === null || value === undefined ? "" : String(value);
}
