import { type ColumnType, t } from "@mig/core";
import type { SqliteDdlCompiler } from "./sqlite-ddl-compiler.js";

type Reader = readonly [RegExp, (match: RegExpMatchArray) => ColumnType];

const size = (m: RegExpMatchArray, i: number) => Number(m[i]);

/** Catalog spellings that may be a portable type; each is checked by compiling it back. */
const READERS: readonly Reader[] = [
  [
    /^(smallint|integer|bigint|text|boolean|real|double|date|time|json|blob)$/,
    (m) => m[1] as ColumnType,
  ],
  [/^datetime$/, () => "timestamp"],
  [/^varchar$/, () => t.varchar()],
  [/^varchar\((\d+)\)$/, (m) => t.varchar(size(m, 1))],
  [/^char\((\d+)\)$/, (m) => t.char(size(m, 1))],
  [/^numeric$/, () => t.numeric()],
  [/^numeric\((\d+)\)$/, (m) => t.numeric(size(m, 1))],
  [/^numeric\((\d+), (\d+)\)$/, (m) => t.numeric(size(m, 1), size(m, 2))],
];

/**
 * A column type as introspection reports it (`varchar(255)`) in the portable vocabulary
 * (`t.varchar(255)`), only when the DDL compiler writes exactly that type text for it;
 * anything else (`int`, `varchar(10,2)`, `numeric(10,2)`) stays the catalog's spelling.
 */
export function readType(ddl: SqliteDdlCompiler, type: string): ColumnType | undefined {
  const text = type.trim().toLowerCase();
  for (const [pattern, make] of READERS) {
    const match = text.match(pattern);
    if (!match) continue;
    const candidate = make(match);
    if (ddl.columnType(candidate).toLowerCase() === text) return candidate;
  }
  return undefined;
}
