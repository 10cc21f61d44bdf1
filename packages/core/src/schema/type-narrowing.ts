/** Integer types by size, in the spellings the three servers print. */
const INTEGER_SIZE: Readonly<Record<string, number>> = {
  tinyint: 1,
  int1: 1,
  smallint: 2,
  int2: 2,
  mediumint: 3,
  int: 4,
  integer: 4,
  int4: 4,
  bigint: 8,
  int8: 8,
};

const UNBOUNDED_TEXT = new Set([
  "text",
  "longtext",
  "mediumtext",
  "clob",
  "character varying",
  "varchar",
]);
const BOUNDED_TEXT = new Set([
  "varchar",
  "character varying",
  "char",
  "character",
  "nchar",
  "nvarchar",
  "tinytext",
]);

interface ParsedType {
  readonly base: string;
  readonly args: readonly number[];
}

function parse(type: string): ParsedType {
  const m = /^([a-z0-9_ ]+?)\s*(?:\(([\d,\s]+)\))?(\s+unsigned)?$/i.exec(type.trim());
  if (!m) return { base: type.trim().toLowerCase(), args: [] };
  const args = (m[2] ?? "")
    .split(",")
    .filter((a) => a.trim() !== "")
    .map((a) => Number(a.trim()));
  return { base: (m[1] ?? "").toLowerCase(), args };
}

/**
 * Why changing a column from type `from` to `to` (server spellings) can lose data or fail
 * on existing rows, or undefined when it is a widening or a change we cannot judge.
 * Narrowing: a shorter varchar/char, fewer numeric digits, a smaller integer, unbounded
 * text to a bounded type.
 */
export function narrowing(from: string, to: string): string | undefined {
  if (from === to) return undefined;
  const a = parse(from);
  const b = parse(to);
  const why = `narrows the type ${from} → ${to}: values that do not fit fail or are cut`;
  const ia = INTEGER_SIZE[a.base];
  const ib = INTEGER_SIZE[b.base];
  if (ia !== undefined && ib !== undefined) return ib < ia ? why : undefined;
  if (BOUNDED_TEXT.has(b.base) && b.args.length > 0) {
    if (UNBOUNDED_TEXT.has(a.base) && a.args.length === 0) return why;
    if (BOUNDED_TEXT.has(a.base) && (a.args[0] ?? 0) > (b.args[0] ?? 0)) return why;
  }
  if (["numeric", "decimal"].includes(a.base) && ["numeric", "decimal"].includes(b.base)) {
    const [pa = Infinity, sa = 0] = a.args;
    const [pb = Infinity, sb = 0] = b.args;
    if (pb - sb < pa - sa || sb < sa) return why;
  }
  return undefined;
}
